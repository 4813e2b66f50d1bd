import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/connection';
import { customersRepo } from '../../../main/db/customers.repo';
import { migrate, SCHEMA_VERSION } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import * as customerEdits from '../../../main/db/migrations/0008-customer-edits';
import * as sync from '../../../main/db/migrations/0011-sync';
import { UUID_V7, uuidv7Time } from '@common/sync/ids';
import { tempDir } from '../../helpers/temp-store';

const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
    .all()
    .map((r) => r.name);

/** A store at schema `version`, and a way to bring it to a later one (each migration's own test fills it in between). */
function storeAt(name: string, version: number) {
  const file = path.join(tempDir(), name);
  const db = new Database(file);
  migrate(db, file, { backup: false, target: version });
  return { db, migrateTo: (target: number) => migrate(db, file, { backup: false, target }) };
}

describe('migrations', () => {
  it('brings a new file to the latest version with the pragmas the counter relies on', () => {
    const db = openDatabase(path.join(tempDir(), 'a.db'), { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    db.close();
  });

  it('0001-initial creates the core tables, the search index kept by triggers, and the append-only guard', () => {
    const { db } = storeAt('b.db', 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    for (const t of [
      'customers',
      'customer_fts',
      'purchases',
      'purchase_items',
      'interactions',
      'open_issues',
      'clerks',
      'drafts',
    ]) {
      expect(tables(db)).toContain(t);
    }
    db.prepare("INSERT INTO clerks (display_name, created_at) VALUES ('Ann', '2026-01-01T00:00:00Z')").run();
    const c = Number(
      db
        .prepare(
          "INSERT INTO customers (name_key, last_key, phone_digits, created_at) VALUES ('sean obrien', 'obrien sean', '353871234567', '2026-01-01')",
        )
        .run().lastInsertRowid,
    );
    const found = (q: string) => db.prepare('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?').pluck().all(q);
    expect(found('name_key : "obrien"')).toEqual([c]);
    db.prepare("UPDATE customers SET name_key = 'sean byrne' WHERE id = ?").run(c);
    expect(found('name_key : "obrien"')).toEqual([]);
    expect(found('name_key : "byrne"')).toEqual([c]);

    const log = db.prepare(
      `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id, resolves_id)
       VALUES (?, ?, '2026-01-01', 'complaint', ?, 1, 't', ?)`,
    );
    const complaint = Number(log.run(c, '2026-01-01T10:00:00Z', 'follow_up', null).lastInsertRowid);
    expect(
      db.prepare('SELECT customer_id, closed_at FROM open_issues WHERE interaction_id = ?').get(complaint),
    ).toEqual({ customer_id: c, closed_at: null });
    const resolution = Number(log.run(c, '2026-01-02T10:00:00Z', 'resolved', complaint).lastInsertRowid);
    expect(db.prepare('SELECT closed_by FROM open_issues WHERE interaction_id = ?').pluck().get(complaint)).toBe(
      resolution,
    );
    // Both on the same store-local day: one visit.
    expect(db.prepare('SELECT visit_count, interaction_count FROM customers WHERE id = ?').get(c)).toEqual({
      visit_count: 1,
      interaction_count: 2,
    });
    expect(() => db.prepare("UPDATE interactions SET notes = 'changed' WHERE id = ?").run(complaint)).toThrow(
      'interactions are append-only',
    );
    expect(() => db.prepare('DELETE FROM interactions WHERE id = ?').run(complaint)).toThrow(
      'interactions are append-only',
    );
    db.close();
  });

  it('0002-accounts adds PINs and lockout state to the clerks already there, and an audit log nobody can change', () => {
    const { db, migrateTo } = storeAt('accounts.db', 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'manager', '2026-01-01T00:00:00Z')",
    ).run();
    migrateTo(2);
    expect(db.prepare('SELECT display_name, pin_hash, failed_pins, lockouts, locked_until FROM clerks').get()).toEqual({
      display_name: 'Ann',
      pin_hash: null, // cannot sign in until an admin sets a PIN
      failed_pins: 0,
      lockouts: 0,
      locked_until: null,
    });
    const id = Number(
      db
        .prepare(
          "INSERT INTO audit_log (at, clerk_id, terminal_id, event, subject) VALUES ('2026-01-01T10:00:00Z', 1, 't', 'erase', 'customer:7')",
        )
        .run().lastInsertRowid,
    );
    expect(() => db.prepare("UPDATE audit_log SET subject = 'customer:8' WHERE id = ?").run(id)).toThrow(
      'the audit log is append-only',
    );
    expect(() => db.prepare('UPDATE audit_log SET details = ?').run('{}')).toThrow('the audit log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(id)).toThrow('the audit log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('the audit log is append-only');
    expect(db.prepare('SELECT subject, details FROM audit_log').all()).toEqual([
      { subject: 'customer:7', details: '{}' },
    ]);
    db.close();
  });

  it('0003-playbook counts a suggestion used, judges its success, and re-judges it when the entry is amended', () => {
    const { db, migrateTo } = storeAt('playbook.db', 2);
    db.prepare("INSERT INTO clerks (display_name, created_at) VALUES ('Ann', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO customers (name_key, last_key, style, created_at) VALUES ('ann lee', 'lee ann', 'blue', '2026-01-01')",
    ).run();
    migrateTo(3);
    db.prepare("INSERT INTO settings (key, value) VALUES ('playbook.store_id', 'dub-01')").run();
    const log = db.prepare(
      `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, clerk_id, terminal_id, suggestion_template_id, amends_id, amend_reason)
       VALUES (1, '2026-01-01T10:00:00Z', '2026-01-01', 'inquiry', ?, ?, 1, 't', ?, ?, ?)`,
    );
    const used = Number(log.run('resolved', 5, 'thanks', null, null).lastInsertRowid);
    log.run('resolved', null, 'thanks', null, null); // no sentiment: not a success
    const stats = () => db.prepare('SELECT template_id, store_id, style, used, successes FROM playbook_stats').all();
    expect(stats()).toEqual([{ template_id: 'thanks', store_id: 'dub-01', style: 'blue', used: 2, successes: 1 }]);
    log.run('unresolved', 2, null, used, 'customer came back');
    expect(stats()).toEqual([{ template_id: 'thanks', store_id: 'dub-01', style: 'blue', used: 2, successes: 0 }]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO playbook_templates (id, kind, title, conditions, text_blue, text_green, text_gold, text_orange, text_unknown, priority, updated_at) VALUES ('x', 'k', 't', 'not json', '', '', '', '', '', 1, '')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('0004-review lets a review amendment flag an entry without re-opening a follow-up a later visit closed', () => {
    const { db, migrateTo } = storeAt('review.db', 3);
    db.prepare("INSERT INTO clerks (display_name, created_at) VALUES ('Ann', '2026-01-01')").run();
    const cols =
      'customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id, follow_up_due, resolves_id, amends_id, amend_reason';
    const log = db.prepare(
      `INSERT INTO interactions (${cols}) VALUES (NULL, ?, '2026-01-01', 'complaint', ?, 1, 't', ?, ?, ?, ?)`,
    );
    const complaint = Number(
      log.run('2026-01-01T10:00:00Z', 'follow_up', '2026-01-05', null, null, null).lastInsertRowid,
    );
    log.run('2026-01-02T10:00:00Z', 'resolved', null, complaint, null, null); // the follow-up visit closes it
    migrateTo(4);
    const closed = () =>
      db.prepare('SELECT closed_at FROM open_issues WHERE interaction_id = ?').pluck().get(complaint);
    expect(closed()).toBe('2026-01-02T10:00:00Z');
    // A review restates the entry (outcome follow_up) with flagged set: the issue stays closed.
    db.prepare(
      `INSERT INTO interactions (${cols}, flagged, review_note) VALUES (NULL, '2026-01-03T10:00:00Z', '2026-01-03', 'complaint', 'follow_up', 1, 't', '2026-01-05', NULL, ?, 'manager review', 1, 'rude?')`,
    ).run(complaint);
    expect(closed()).toBe('2026-01-02T10:00:00Z');
    // A correction (no flag) with the same outcome does re-open it, as before.
    log.run('2026-01-04T10:00:00Z', 'follow_up', '2026-01-09', null, complaint, 'wrongly closed');
    expect(closed()).toBeNull();
    expect(() =>
      db
        .prepare(
          `INSERT INTO interactions (${cols}, flagged) VALUES (NULL, '2026-01-04', '2026-01-04', 'inquiry', 'resolved', 1, 't', NULL, NULL, NULL, NULL, 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare('UPDATE open_issues SET assigned_clerk_id = 1 WHERE interaction_id = ?').run(complaint);
    db.close();
  });

  it('0005-import records import runs, one unfinished run per file findable by its hash', () => {
    const { db, migrateTo } = storeAt('import.db', 4);
    migrateTo(5);
    const add = db.prepare(
      "INSERT INTO import_runs (entity, file_name, file_size, file_sha256, started_at) VALUES (?, 'pos.csv', 10, 'abc', '2026-01-01')",
    );
    const run = add.run('customers');
    expect(
      db
        .prepare('SELECT last_line_committed, counts, finished_at FROM import_runs WHERE id = ?')
        .get(run.lastInsertRowid),
    ).toEqual({
      last_line_committed: 0,
      counts: '{}',
      finished_at: null,
    });
    expect(() => add.run('orders')).toThrow(/CHECK/);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'import_runs_unfinished'").pluck().get()).toMatch(
      /WHERE finished_at IS NULL/,
    );
    db.close();
  });

  it.each(MIGRATIONS.map((m, i) => [m.name, i + 1] as const))(
    '%s applies on top of the previous version with data in it',
    (_name, v) => {
      const file = path.join(tempDir(), 'c.db');
      const db = new Database(file);
      migrate(db, file, { backup: false, target: v - 1 });
      if (v > 1) {
        db.prepare(
          "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
        ).run();
      }
      migrate(db, file, { backup: false, target: v });
      expect(db.pragma('user_version', { simple: true })).toBe(v);
      if (v > 1) expect(db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 1 });
      db.close();
    },
  );

  it('0006-name-words indexes the words of the names already stored, and triggers keep them after', () => {
    const { db, migrateTo } = storeAt('words.db', 5);
    const add = db.prepare(
      "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    add.run('Seán', "O'Brien", 'sean obrien', 'obrien sean');
    add.run('Mary', "O'Brien", 'mary obrien', 'obrien mary');
    migrateTo(6);
    const words = () =>
      Object.fromEntries(db.prepare<[], [string, number]>('SELECT word, uses FROM name_words').raw().all());
    expect(words()).toEqual({ mary: 1, obrien: 2, sean: 1 }); // 3-letter words are left out
    const variants = db
      .prepare("SELECT variant FROM name_word_variants WHERE word = 'obrien' ORDER BY variant")
      .pluck()
      .all();
    expect(variants).toEqual(['brien', 'obien', 'obren', 'obrie', 'obrien', 'obrin', 'orien']);
    db.prepare("UPDATE customers SET name_key = 'mary obrien kelly' WHERE name_key = 'mary obrien'").run();
    db.prepare("DELETE FROM customers WHERE name_key = 'sean obrien'").run();
    expect(words()).toEqual({ kelly: 1, mary: 1, obrien: 1 });
    expect(db.prepare("SELECT count(*) FROM name_word_variants WHERE word = 'sean'").pluck().get()).toBe(0);
    db.close();
  });

  it('0007-last4-by-visit orders a last-4 lookup by the index, newest visit first', () => {
    const { db, migrateTo } = storeAt('last4.db', 6);
    const add = db.prepare(
      "INSERT INTO customers (first_name, name_key, last_key, phone_digits, last_visit_at, created_at) VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    add.run('Old', 'old', 'old', '353871111234', '2026-01-05T10:00:00.000Z');
    add.run('Never', 'never', 'never', '353872221234', null);
    add.run('New', 'new', 'new', '353873331234', '2026-11-20T10:00:00.000Z');
    add.run('Other', 'other', 'other', '353874449999', '2026-11-21T10:00:00.000Z');
    migrateTo(7);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'customers_phone_last4'")
        .pluck()
        .get(),
    ).toBe('customers_phone_last4');
    // The lookup's own statement, as the search prepares it today (it reads columns later migrations added).
    migrateTo(MIGRATIONS.length);
    const last4 = customersRepo(db).hits.phoneLast4;
    expect(last4.all('1234', 5).map((h) => h.first_name)).toEqual(['New', 'Old', 'Never']);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${last4.source}`)
      .all('1234', 5)
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/customers_phone_last4/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('0008-customer-edits gives stored customers an empty style label and the change and view tables, cascading with the customer', () => {
    const v = MIGRATIONS.findIndex((m) => m.up === customerEdits.up) + 1; // the coordinator may renumber it
    expect(v).toBeGreaterThan(0);
    const { db, migrateTo } = storeAt('edits.db', v - 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO customers (first_name, name_key, last_key, style, created_at) VALUES ('Mary', 'mary', 'mary', 'gold', '2026-01-01T00:00:00Z')",
    ).run();
    migrateTo(v);
    expect(db.prepare('SELECT style, style_set_by, style_set_at FROM customers').get()).toEqual({
      style: 'gold',
      style_set_by: null,
      style_set_at: null,
    });
    db.pragma('foreign_keys = ON');
    db.prepare(
      "INSERT INTO customer_field_changes (customer_id, field, old_value, new_value, clerk_id, terminal_id, changed_at) VALUES (1, 'phone', 'null', '\"1\"', 1, 't', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO profile_views (customer_id, clerk_id, terminal_id, viewed_at) VALUES (1, NULL, 't', 'x')",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO profile_views (customer_id, clerk_id, terminal_id, viewed_at) VALUES (2, 1, 't', 'x')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM customers').run();
    expect(
      db
        .prepare('SELECT (SELECT count(*) FROM customer_field_changes) + (SELECT count(*) FROM profile_views)')
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
  });

  it('0009-fts-secure-delete makes the search index delete for real, and clears names erased before it', () => {
    const { db, migrateTo } = storeAt('secure.db', 8);
    const add = db.prepare(
      "INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    const [erased, renamed] = [
      ['Xaver', 'xaver quazz'],
      ['Yvo', 'yvo jukkaz'],
    ].map(([first, key]) => Number(add.run(first, key, key).lastInsertRowid));
    for (let i = 0; i < 50; i++) add.run('Ann', `ann kelleher${i}`, `kelleher${i} ann`);
    // An erasure under schema 8: the index keeps the trigrams under a delete marker.
    db.prepare("UPDATE customers SET name_key = '', last_key = '' WHERE id = ?").run(erased);
    db.prepare(
      "INSERT INTO audit_log (at, terminal_id, event, subject) VALUES ('2026-01-02T00:00:00Z', 't', 'erase', ?)",
    ).run(`customer:${erased}`);
    const index = () => Buffer.concat(db.prepare<[], Buffer>('SELECT block FROM customer_fts_data').pluck().all());
    expect(index().includes('uaz')).toBe(true);

    migrateTo(9);
    expect(db.prepare("SELECT v FROM customer_fts_config WHERE k = 'secure-delete'").pluck().get()).toBe(1);
    expect(index().includes('uaz')).toBe(false); // merged away once, because the store had erased someone
    expect(index().includes('juk')).toBe(true);
    db.prepare("UPDATE customers SET name_key = 'yvo smith' WHERE id = ?").run(renamed);
    expect(index().includes('juk')).toBe(false); // and from now on a delete removes the entries at once
    expect(
      db.prepare('SELECT rowid FROM customer_fts WHERE customer_fts MATCH \'name_key : "smith"\'').pluck().all(),
    ).toEqual([renamed]);
    expect(() =>
      db.prepare("INSERT INTO customer_fts (customer_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
    db.close();
  });

  it('0011-sync gives every customer and interaction a UUID v7 from its creation time, and queues changes only once joined', () => {
    const v = MIGRATIONS.findIndex((m) => m.up === sync.up) + 1;
    expect(v).toBeGreaterThan(0);
    const { db, migrateTo } = storeAt('sync.db', v - 1);
    db.prepare(
      "INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES ('Mary', 'mary', 'mary', '2025-03-04T05:06:07.089Z')",
    ).run();
    db.prepare(
      "INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id) VALUES (1, '2025-03-05T00:00:00.000Z', '2025-03-05', 'other', 'resolved', 1, 't')",
    ).run();
    migrateTo(v);
    const ids = db
      .prepare<[], { entity: string; global_id: string }>('SELECT entity, global_id FROM sync_ids ORDER BY entity')
      .all();
    expect(ids.map((r) => r.entity)).toEqual(['customer', 'interaction']);
    for (const r of ids) expect(r.global_id).toMatch(UUID_V7);
    expect(uuidv7Time(ids[0]!.global_id).toISOString()).toBe('2025-03-04T05:06:07.089Z');
    const addCustomer = (name: string) =>
      Number(
        db
          .prepare(
            "INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')",
          )
          .run(name, name, name).lastInsertRowid,
      );
    const outbox = () =>
      db
        .prepare<[], { row_id: number; kind: string; fields: string | null }>(
          'SELECT row_id, kind, fields FROM sync_outbox ORDER BY mutation_id',
        )
        .all();
    const second = addCustomer('ann');
    expect(
      db.prepare("SELECT global_id FROM sync_ids WHERE entity = 'customer' AND row_id = ?").pluck().get(second),
    ).toMatch(UUID_V7);
    expect(outbox()).toEqual([]); // not joined: nothing queued
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', 'terminal')").run();
    db.prepare("UPDATE customers SET notes = 'x', language = 'ga' WHERE id = ?").run(second);
    db.prepare("UPDATE customers SET notes = 'x' WHERE id = ?").run(second); // no change, nothing queued
    db.prepare("UPDATE customers SET first_name = '', name_key = '', last_key = '', notes = '' WHERE id = ?").run(
      second,
    ); // erased
    expect(outbox()).toEqual([{ row_id: second, kind: 'erase', fields: null }]);
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('applying', '1')").run();
    addCustomer('bob');
    expect(outbox()).toHaveLength(1);
    db.close();
  });

  it('refuses a database written by a newer Counterpart and leaves it untouched', () => {
    const file = path.join(tempDir(), 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer Counterpart/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backs up an existing file before migrating it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    const db = new Database(file);
    migrate(db, file, { backup: false, target: 1 });
    db.close();
    if (SCHEMA_VERSION === 1) {
      // With a single migration there is nothing to upgrade yet: simulate an old file by stepping back.
      const raw = new Database(file);
      raw.pragma('user_version = 0');
      raw.exec('CREATE TABLE marker (x)');
      raw.close();
      expect(() => openDatabase(file)).toThrow(); // schema 1 objects already exist: the failed migration rolls back
      expect(fs.readdirSync(dir).some((f) => f.includes('.pre-v1-'))).toBe(false);
      return;
    }
    openDatabase(file).close();
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith('old.db.pre-v'));
    expect(backups).toHaveLength(1);
    const copy = new Database(path.join(dir, backups[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
  });

  it('rolls a failing migration back completely', () => {
    const file = path.join(tempDir(), 'fail.db');
    const db = new Database(file);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)'); // clashes with 0001
    expect(() => migrate(db, file, { backup: false })).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual(['customers']);
    db.close();
  });
});

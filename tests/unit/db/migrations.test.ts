import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/connection';
import { migrate, SCHEMA_VERSION } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import * as customerEdits from '../../../main/db/migrations/0008-customer-edits';
import * as sync from '../../../main/db/migrations/0009-sync';
import { UUID_V7, uuidv7Time } from '../../../common/sync/ids';
import { tempDir } from '../../helpers/temp-store';

const tables = (db: Database.Database) =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all().map((r) => r.name);

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

  it('0001-initial creates the core tables, FTS index and append-only guard', () => {
    const db = new Database(path.join(tempDir(), 'b.db'));
    migrate(db, ':memory:', { backup: false, target: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    for (const t of ['customers', 'customer_fts', 'purchases', 'purchase_items', 'interactions', 'open_issues', 'clerks', 'drafts']) {
      expect(tables(db)).toContain(t);
    }
    db.close();
  });

  it.each(MIGRATIONS.map((m, i) => [m.name, i + 1] as const))('%s applies on top of the previous version with data in it', (_name, v) => {
    const file = path.join(tempDir(), 'c.db');
    const db = new Database(file);
    migrate(db, file, { backup: false, target: v - 1 });
    if (v > 1) {
      db.prepare("INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')").run();
    }
    migrate(db, file, { backup: false, target: v });
    expect(db.pragma('user_version', { simple: true })).toBe(v);
    if (v > 1) expect(db.prepare('SELECT count(*) AS n FROM clerks').get()).toEqual({ n: 1 });
    db.close();
  });

  it('0006-name-words indexes the words of the names already stored, and triggers keep them after', () => {
    const { db, migrateTo } = storeAt('words.db', 5);
    const add = db.prepare(
      "INSERT INTO customers (first_name, last_name, name_key, last_key, created_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    add.run('Seán', "O'Brien", 'sean obrien', 'obrien sean');
    add.run('Mary', "O'Brien", 'mary obrien', 'obrien mary');
    migrateTo(6);
    const words = () => Object.fromEntries(db.prepare<[], [string, number]>('SELECT word, uses FROM name_words').raw().all());
    expect(words()).toEqual({ mary: 1, obrien: 2, sean: 1 }); // 3-letter words are left out
    const variants = db.prepare("SELECT variant FROM name_word_variants WHERE word = 'obrien' ORDER BY variant").pluck().all();
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
    const sql = "SELECT first_name FROM customers WHERE substr(phone_digits, -4) = '1234' ORDER BY last_visit_at DESC LIMIT 5";
    expect(db.prepare(sql).pluck().all()).toEqual(['New', 'Old', 'Never']);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join(' | ');
    expect(plan).toMatch(/customers_phone_last4/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('0008-customer-edits gives stored customers an empty style label and the change and view tables, cascading with the customer', () => {
    const v = MIGRATIONS.findIndex((m) => m.up === customerEdits.up) + 1; // the coordinator may renumber it
    expect(v).toBeGreaterThan(0);
    const { db, migrateTo } = storeAt('edits.db', v - 1);
    db.prepare("INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')").run();
    db.prepare("INSERT INTO customers (first_name, name_key, last_key, style, created_at) VALUES ('Mary', 'mary', 'mary', 'gold', '2026-01-01T00:00:00Z')").run();
    migrateTo(v);
    expect(db.prepare('SELECT style, style_set_by, style_set_at FROM customers').get()).toEqual({ style: 'gold', style_set_by: null, style_set_at: null });
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO customer_field_changes (customer_id, field, old_value, new_value, clerk_id, terminal_id, changed_at) VALUES (1, 'phone', 'null', '\"1\"', 1, 't', 'x')").run();
    db.prepare("INSERT INTO profile_views (customer_id, clerk_id, terminal_id, viewed_at) VALUES (1, NULL, 't', 'x')").run();
    expect(() => db.prepare("INSERT INTO profile_views (customer_id, clerk_id, terminal_id, viewed_at) VALUES (2, 1, 't', 'x')").run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM customers').run();
    expect(db.prepare('SELECT (SELECT count(*) FROM customer_field_changes) + (SELECT count(*) FROM profile_views)').pluck().get()).toBe(0);
    db.close();
  });

  it('0009-sync gives every customer and interaction a UUID v7 from its creation time, and queues changes only once joined', () => {
    const v = MIGRATIONS.findIndex((m) => m.up === sync.up) + 1;
    expect(v).toBeGreaterThan(0);
    const { db, migrateTo } = storeAt('sync.db', v - 1);
    db.prepare("INSERT INTO clerks (display_name, role, created_at) VALUES ('Ann', 'clerk', '2026-01-01T00:00:00Z')").run();
    db.prepare("INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES ('Mary', 'mary', 'mary', '2025-03-04T05:06:07.089Z')").run();
    db.prepare(
      "INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, clerk_id, terminal_id) VALUES (1, '2025-03-05T00:00:00.000Z', '2025-03-05', 'other', 'resolved', 1, 't')",
    ).run();
    migrateTo(v);
    const ids = db.prepare<[], { entity: string; global_id: string }>('SELECT entity, global_id FROM sync_ids ORDER BY entity').all();
    expect(ids.map((r) => r.entity)).toEqual(['customer', 'interaction']);
    for (const r of ids) expect(r.global_id).toMatch(UUID_V7);
    expect(uuidv7Time(ids[0]!.global_id).toISOString()).toBe('2025-03-04T05:06:07.089Z');
    const addCustomer = (name: string) =>
      Number(db.prepare("INSERT INTO customers (first_name, name_key, last_key, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')").run(name, name, name).lastInsertRowid);
    const outbox = () => db.prepare<[], { row_id: number; kind: string; fields: string | null }>('SELECT row_id, kind, fields FROM sync_outbox ORDER BY mutation_id').all();
    const second = addCustomer('ann');
    expect(db.prepare("SELECT global_id FROM sync_ids WHERE entity = 'customer' AND row_id = ?").pluck().get(second)).toMatch(UUID_V7);
    expect(outbox()).toEqual([]); // not joined: nothing queued
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('node', 'terminal')").run();
    db.prepare("UPDATE customers SET notes = 'x', language = 'ga' WHERE id = ?").run(second);
    db.prepare("UPDATE customers SET notes = 'x' WHERE id = ?").run(second); // no change, nothing queued
    db.prepare("UPDATE customers SET first_name = '', name_key = '', last_key = '', notes = '' WHERE id = ?").run(second); // erased
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

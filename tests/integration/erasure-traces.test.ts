// What an erasure leaves in the store's files: the raw bytes of the store file and its WAL are searched for every
// field of the erased person, with a second connection reading meanwhile, as an import or a report would.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../main/backend';
import { nameKey } from '@common/normalize';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { saveDraft } from '../../main/services/drafts';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { eraseCustomer } from '../../main/services/privacy';
import { storeJobs, type JobOutcome } from '../../main/services/scheduled-jobs';
import { tempDir } from '../helpers/temp-store';

const NOW = '2026-11-23T10:00:00.000Z';

/**
 * A store with hundreds of other customers written around the person, so SQLite rebalances the pages they share.
 * Many similar names (Anna0 … Anna599 Kelleher) make the name-word tables split pages near the person's words: there,
 * without the compaction, stray copies of "grzegorz" outlived the erasure in pages' free space.
 */
function storeWithPerson(log: (msg: string) => void = () => {}): {
  b: Backend;
  dbPath: string;
  person: number;
  secrets: string[];
  trigrams: string[];
} {
  const dbPath = path.join(tempDir(), 'store.db');
  const b = startBackend({ dbPath, now: () => new Date(NOW), log });
  const clerk = addClerk(b.ctx, 'Aoife Byrne', 'manager').id;
  // One transaction per batch: the same pages and rebalancing as one by one, without an fsync per row.
  const others = b.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = createCustomer(b.ctx, {
        firstName: `Anna${i}`,
        lastName: 'Kelleher',
        phone: `086 ${String(1_000_000 + i)}`,
        email: `other.${i}@example.ie`,
      });
      logInteraction(b.ctx, clerk, {
        customerId: c.id,
        kind: 'inquiry',
        outcome: 'resolved',
        notes: `asked about item ${i}`,
      });
    }
  });
  others(0, 300);
  const person = createCustomer(b.ctx, {
    firstName: 'Grzegorz',
    lastName: 'Brzęczyszczykiewicz',
    phone: '087 765 4321',
    email: 'g.brzeczy@example.pl',
    loyaltyId: 'QX-90417',
    birthday: '1931-07-14',
    tags: ['wheelchair-access'],
    notes: 'Prefers the quiet Tuesday mornings',
    language: 'pl',
  }).id;
  const complaint = logInteraction(b.ctx, clerk, {
    customerId: person,
    kind: 'complaint',
    outcome: 'follow_up',
    followUpDue: '2026-11-30',
    notes: 'Zipper jammed on the heron-blue parka',
  });
  amendInteraction(b.ctx, clerk, {
    interactionId: complaint.id,
    reason: 'Spoke to his daughter Małgosia',
    notes: 'Swap agreed for the ochre parka',
  });
  saveDraft(b.ctx, `log:${person}`, '{"notes":"will ring back about the walking frame"}');
  others(300, 600);
  // Every field as the store holds it (normalised phone, card and name keys included), read from the row itself.
  const row = b.db.prepare<[number], Record<string, string>>('SELECT * FROM customers WHERE id = ?').get(person)!;
  const secrets = [
    row.first_name!,
    row.last_name!,
    row.name_key!,
    row.last_key!,
    row.phone!,
    row.phone_digits!,
    row.email!,
    row.loyalty_id!,
    ...row.name_key!.split(' '),
    row.birthday!,
    'wheelchair-access',
    row.notes!,
    'Zipper jammed',
    'heron-blue',
    'ochre parka',
    'daughter Małgosia',
    'walking frame',
  ];
  // The trigrams of the name only this person has (no other name holds a z or a y), as the search index keeps them;
  // not those the schema's records happen to contain ("customer_fts_docsi-zec-ustomer_fts_docsize", name and table).
  const key = row.name_key!;
  const schema = b.db
    .prepare<[], string>(
      "SELECT group_concat(type || name || tbl_name || ' ' || coalesce(sql, ''), ' ') FROM sqlite_master",
    )
    .pluck()
    .get()!;
  const trigrams = [...new Set([...key].map((_, i) => [...key].slice(i, i + 3).join('')))].filter(
    (t) => [...t].length === 3 && /[zy]/.test(t) && !schema.includes(t),
  );
  return { b, dbPath, person, secrets, trigrams };
}

/** The store file and its WAL, byte for byte. */
const rawBytes = (dbPath: string) =>
  Buffer.concat([dbPath, `${dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
const found = (bytes: Buffer, values: string[]) => values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
const run = async (job: { run(): unknown }) => (await job.run()) as JobOutcome;

describe('what an erasure leaves in the store files', () => {
  it('the search index and the name words forget the erased name at once, not at the next merge', () => {
    const { b, person, trigrams } = storeWithPerson();
    const searchIndex = () =>
      Buffer.concat(b.db.prepare<[], Buffer>('SELECT block FROM customer_fts_data').pluck().all());
    expect(trigrams.length).toBeGreaterThan(10);
    // Terms after the first on an index page are stored without the prefix they share with the one before, so only
    // some trigrams show in full; those are enough to see whether the index still has the name.
    expect(found(searchIndex(), trigrams).length).toBeGreaterThan(0);
    const words = nameKey('Grzegorz Brzęczyszczykiewicz').split(' ');
    const nameWords = () =>
      b.db
        .prepare(`SELECT word FROM name_word_variants WHERE word IN (${words.map(() => '?').join(',')})`)
        .pluck()
        .all(...words);
    expect(nameWords().length).toBeGreaterThan(0);

    eraseCustomer(b.ctx, null, person, 'customer request');
    expect(found(searchIndex(), trigrams)).toEqual([]);
    expect(nameWords()).toEqual([]);
    b.close();
  });

  it('leaves no field of the person in the file or the WAL: a reader delays the WAL, the retry empties it, closing compacts', async () => {
    const { b, dbPath, person, secrets, trigrams } = storeWithPerson();
    b.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(found(rawBytes(dbPath), secrets)).toEqual(secrets); // each value is searched for as the file holds it

    // Another connection reads meanwhile: its snapshot predates the erasure, so the WAL cannot be emptied yet.
    const reader = new Database(dbPath, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM customers').get();
    const started = Date.now();
    const result = eraseCustomer(b.ctx, null, person, 'customer request');
    expect(Date.now() - started).toBeLessThan(2000); // the erasure does not wait for the reader (busy_timeout is 5 s)
    expect(result.storeFile).toEqual({ walPending: true, compactionPending: true });
    expect(found(rawBytes(dbPath), secrets).length).toBeGreaterThan(0); // honestly so: the old pages are still there

    const wal = storeJobs(() => ({ db: b.db, ctx: b.ctx }), {
      backupDirectory: tempDir(),
      backupEveryHours: 24,
      backupKeep: 3,
      retentionDays: null,
    }).find((j) => j.name === 'erasure-wal')!;
    expect(await run(wal)).toEqual({ ran: true, walPending: true });
    reader.exec('COMMIT');
    reader.close();
    expect(await run(wal)).toEqual({ ran: true, walPending: false });
    expect(fs.statSync(`${dbPath}-wal`).size).toBe(0);
    expect(await run(wal)).toEqual({ ran: false, why: 'nothing pending' });

    b.close(); // compacts: stray copies SQLite left in pages' free space go with the rewrite
    expect(found(rawBytes(dbPath), [...secrets, ...trigrams])).toEqual([]);
    const reopened = startBackend({ dbPath, log: () => {} });
    expect(reopened.db.prepare("SELECT count(*) FROM settings WHERE key LIKE 'erasure.%'").pluck().get()).toBe(0);
    expect(reopened.db.prepare("SELECT count(*) FROM customers WHERE last_name = 'Kelleher'").pluck().get()).toBe(600);
    reopened.close();
  });

  it('compacts at the next start when the app did not close after an erasure', () => {
    const { b, dbPath, person, secrets } = storeWithPerson();
    eraseCustomer(b.ctx, null, person, 'customer request');
    // As if the process died: the file is copied away without closing, which would have compacted it.
    const copy = path.join(tempDir(), 'crashed.db');
    b.db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(dbPath, copy);
    b.close();
    const logged: string[] = [];
    const again = startBackend({
      dbPath: copy,
      log: (msg) => logged.push(`failure: ${msg}`),
      note: (msg) => logged.push(msg),
    });
    expect(logged).toEqual([expect.stringMatching(/^store compacted at start after an erasure in \d+\.\d s$/)]);
    again.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(found(rawBytes(copy), secrets)).toEqual([]);
    again.close();
    expect(logged).toHaveLength(1); // nothing left to compact on close
  });

  it('a compaction that cannot run is logged, the store still closes, and the next start does it', () => {
    const failures: string[] = [];
    const { b, dbPath, person, secrets } = storeWithPerson((msg) => failures.push(msg));
    eraseCustomer(b.ctx, null, person, 'customer request');
    const writer = new Database(dbPath); // another program in the middle of a write: VACUUM gives up after busy_timeout
    writer.exec('BEGIN IMMEDIATE');
    b.close();
    expect(b.db.open).toBe(false);
    expect(failures).toEqual(['store compaction on close failed; it is tried again at the next start or close']);
    writer.exec('ROLLBACK');
    writer.close();

    const notes: string[] = [];
    const again = startBackend({ dbPath, log: (msg) => failures.push(msg), note: (msg) => notes.push(msg) });
    expect(notes).toEqual([expect.stringMatching(/^store compacted at start after an erasure/)]);
    again.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(found(rawBytes(dbPath), secrets)).toEqual([]);
    again.close();
    expect(failures).toHaveLength(1);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../../main/db/customers.repo';
import { REBUILD_NAME_WORDS } from '../../main/db/migrations/0006-name-words';
import { createCustomer } from '../../main/services/customers';
import { searchCustomers } from '../../main/services/customer-search';
import { importCsv } from '../../main/services/import';
import { MATCH_SQL } from '../../main/services/import/customer-rows';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');

/** Copies a fixture into a temp dir, so the error file lands there and not in the repository. */
function fixture(name: string): string {
  const to = path.join(tempDir(), name);
  fs.copyFileSync(path.join(FIXTURES, name), to);
  return to;
}

function writeCsv(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

const customers = (s: TempStore) =>
  s.db.prepare<[], CustomerRow & { last_key: string }>('SELECT * FROM customers ORDER BY id').all();
const byCard = (s: TempStore, card: string) =>
  s.db.prepare<[string], CustomerRow & { last_key: string }>('SELECT * FROM customers WHERE loyalty_id = ?').get(card)!;

function readErrors(file: string, delimiter = ','): Record<string, string>[] {
  return parse(fs.readFileSync(file), { columns: true, bom: true, delimiter, relax_column_count: true }) as Record<
    string,
    string
  >[];
}

describe('customer import: a till export with the usual headers', () => {
  it('maps common header names, reads ; and CRLF, dates, flags and quoted values, and warns about unknown columns', async () => {
    const s = tempStore();
    const file = fixture('till-customers.csv');
    const r = await importCsv(s.ctx, { entity: 'customers', file });

    expect(r).toMatchObject({
      rowsRead: 6,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      failed: 2,
      encoding: 'utf-8',
      delimiter: ';',
      resumedFromLine: null,
    });
    expect(r.warnings).toEqual([expect.stringContaining('"Favourite Colour" is not imported')]);

    const aoife = byCard(s, 'C100001');
    expect(aoife).toMatchObject({
      first_name: 'Aoife',
      last_name: 'Byrne',
      name_key: 'aoife byrne',
      last_key: 'byrne aoife',
      phone: '087 123 4567',
      phone_digits: '353871234567',
      email: 'aoife.byrne@example.ie',
      birthday: '1985-02-14',
      marketing_consent: 1,
      created_at: '2026-11-23T10:00:00.000Z',
    });
    expect(byCard(s, 'C100002')).toMatchObject({
      first_name: 'Seán',
      name_key: 'sean obrien',
      notes: 'Prefers email; no calls',
      birthday: '1990-07-01',
      marketing_consent: 0,
    });
    const zoe = byCard(s, 'C100003');
    expect(zoe).toMatchObject({
      first_name: 'Zoë',
      last_name: 'Müller',
      phone_digits: '442079460958',
      email: null,
      birthday: null,
    });
    expect(zoe.notes).toMatch(/^Size 38\r?\nreturns often$/);
    const liam = customers(s).find((c) => c.first_name === 'Liam')!;
    expect(liam).toMatchObject({ loyalty_id: null, email: 'liam@example.ie', marketing_consent: 1 });

    // Imported customers are found at the counter like any other.
    expect(searchCustomers(s.ctx, 'Zoe Muller').map((h) => h.id)).toContain(zoe.id);
    expect(searchCustomers(s.ctx, '087 123 4567').map((h) => h.id)).toContain(aoife.id);
  });

  it('writes refused rows to an error CSV with their original line numbers, values and a reason', async () => {
    const s = tempStore();
    const file = fixture('till-customers.csv');
    const r = await importCsv(s.ctx, { entity: 'customers', file });

    expect(r.errorFile).toBe(path.join(path.dirname(file), 'till-customers.errors.csv'));
    const raw = fs.readFileSync(r.errorFile!);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel needs the BOM to show "ü" right
    const rows = readErrors(r.errorFile!, ';');
    // Line 4 is blank and the Zoë record spans lines 5-6, so the bad rows sit on lines 7 and 8 of the file.
    expect(rows.map((e) => e.line)).toEqual(['7', '8']);
    expect(rows[0]).toMatchObject({ 'Card No': 'C-100 004', 'E-mail': 'not-an-email', 'First Name': 'Bad' });
    expect(rows[0]!.reason).toMatch(/^E-mail: /);
    expect(rows[1]).toMatchObject({ DOB: '31/02/1990' });
    expect(rows[1]!.reason).toBe('DOB "31/02/1990" is not a real calendar date');
    expect(customers(s).some((c) => c.first_name === 'Bad')).toBe(false);
  });

  it('leaves no error file when every row is fine, and removes a stale one', async () => {
    const s = tempStore();
    const file = writeCsv('clean.csv', 'Name,Email\nAnn Lee,ann@example.ie\n');
    fs.writeFileSync(path.join(path.dirname(file), 'clean.errors.csv'), 'old');
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ inserted: 1, failed: 0, errorFile: null });
    expect(fs.existsSync(path.join(path.dirname(file), 'clean.errors.csv'))).toBe(false);
    expect(customers(s)[0]).toMatchObject({ first_name: 'Ann', last_name: 'Lee' });
  });

  it('is idempotent: the same file again inserts and updates nothing', async () => {
    const s = tempStore();
    const file = fixture('till-customers.csv');
    await importCsv(s.ctx, { entity: 'customers', file });
    const before = customers(s);
    s.setNow('2026-11-24T10:00:00.000Z');
    const again = await importCsv(s.ctx, { entity: 'customers', file });
    expect(again).toMatchObject({ rowsRead: 6, inserted: 0, updated: 0, unchanged: 4, failed: 2 });
    expect(customers(s)).toEqual(before);
    expect(readErrors(again.errorFile!, ';').map((e) => e.line)).toEqual(['7', '8']);
  });

  it('works with a big page cache and lazy checkpoints, and puts the connection back as it was', async () => {
    const s = tempStore();
    const setting = () => ({
      cache: s.db.pragma('cache_size', { simple: true }),
      checkpoint: s.db.pragma('wal_autocheckpoint', { simple: true }),
    });
    const before = setting();
    let during: ReturnType<typeof setting> | undefined;
    await importCsv(s.ctx, {
      entity: 'customers',
      file: fixture('till-customers.csv'),
      onProgress: () => (during ??= setting()),
    });
    expect(during).toEqual({ cache: -256 * 1024, checkpoint: 100_000 });
    expect(setting()).toEqual(before);
  });

  it('adds the name words of imported customers, in batches and next to customers added at the counter', async () => {
    const s = tempStore();
    createCustomer(s.ctx, { firstName: 'Brigid', lastName: 'Kelly' });
    // Short words, a word said twice, and words of two and three characters written with four or more UTF-16 units.
    const odd = ['Ann,Lee', 'Mary Mary,Ryan', "Zoë,O'Brien-Murphy", '𠀀𠀁,𠀂𠀃𠀄'];
    const file = writeCsv(
      'words.csv',
      ['First Name,Surname', ...Array.from({ length: 25 }, (_, i) => `Aoife,Kelly${i}`), 'Brigid,Kelly', ...odd].join(
        '\n',
      ),
    );
    await importCsv(s.ctx, { entity: 'customers', file, batchSize: 10 });
    createCustomer(s.ctx, { firstName: 'Conall', lastName: 'Kelly' });
    const words = () => s.db.prepare('SELECT word, uses FROM name_words ORDER BY word').all();
    const imported = words();
    expect(imported).toContainEqual({ word: 'aoife', uses: 25 });
    expect(imported).toContainEqual({ word: 'kelly', uses: 2 }); // the counter's Brigid and Conall; the import's Brigid matched
    expect(s.db.prepare('SELECT count(*) FROM bulk_loads').pluck().get()).toBe(0);
    // The same words a rebuild from the customers table gives.
    s.db.exec('SAVEPOINT check_words');
    s.db.exec(REBUILD_NAME_WORDS);
    expect(words()).toEqual(imported);
    s.db.exec('ROLLBACK TO check_words; RELEASE check_words');
  });

  it('writes nothing on a dry run but counts as the real run would', async () => {
    const s = tempStore();
    const file = fixture('till-customers.csv');
    const dry = await importCsv(s.ctx, { entity: 'customers', file, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rowsRead: 6, inserted: 4, failed: 2 });
    expect(customers(s)).toEqual([]);
    expect(s.db.prepare('SELECT count(*) AS n FROM customer_fts').get()).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT count(*) AS n FROM import_runs').get()).toEqual({ n: 0 });
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'import'").get()).toEqual({ n: 0 });
    expect(readErrors(dry.errorFile!, ';')).toHaveLength(2); // the point of a dry run: see what would be refused

    const real = await importCsv(s.ctx, { entity: 'customers', file });
    expect({ ...real, ms: 0, dryRun: true }).toEqual({ ...dry, ms: 0 });
  });

  it('audits the import with counts only, no personal data', async () => {
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file: fixture('till-customers.csv'), clerkId: s.clerkId });
    const rows = s.db
      .prepare<[], { clerk_id: number; subject: string; details: string }>(
        "SELECT * FROM audit_log WHERE event = 'import'",
      )
      .all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clerk_id: s.clerkId, subject: 'till-customers.csv' });
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ entity: 'customers', rowsRead: 6, inserted: 4, failed: 2 });
    expect(rows[0]!.details).not.toMatch(/Aoife|Byrne|@|087|C-100/);
  });
});

describe('customer import: encodings and delimiters', () => {
  it('reads Windows-1252 bytes (ë, é, ü, í, €, “ ”, –) correctly', async () => {
    const s = tempStore();
    const bytes = Buffer.concat([
      Buffer.from('First Name,Last Name,Notes\r\n', 'ascii'),
      Buffer.from([0x5a, 0x6f, 0xeb]), // Zoë
      Buffer.from(',M', 'ascii'),
      Buffer.from([0xfc]), // ü
      Buffer.from('ller,Price ', 'ascii'),
      Buffer.from([0x80]), // €
      Buffer.from(' 5 ', 'ascii'),
      Buffer.from([0x96]), // –
      Buffer.from(' fine\r\nJos', 'ascii'),
      Buffer.from([0xe9]), // é
      Buffer.from(',Garc', 'ascii'),
      Buffer.from([0xed]), // í
      Buffer.from('a,', 'ascii'),
      Buffer.from([0x93]), // “
      Buffer.from('quoted', 'ascii'),
      Buffer.from([0x94]), // ”
      Buffer.from('\r\n', 'ascii'),
    ]);
    const r = await importCsv(s.ctx, { entity: 'customers', file: writeCsv('cp1252.csv', bytes) });
    expect(r).toMatchObject({ encoding: 'windows-1252', inserted: 2, failed: 0 });
    const rows = customers(s);
    expect(rows.map((c) => [c.first_name, c.last_name, c.notes])).toEqual([
      ['Zoë', 'Müller', 'Price € 5 – fine'],
      ['José', 'García', '“quoted”'],
    ]);
    expect(rows[0]!.name_key).toBe('zoe muller');
    expect(searchCustomers(s.ctx, 'José').map((h) => h.id)).toContain(rows[1]!.id);
  });

  it('reads UTF-8 with a BOM without gluing the BOM onto the first header', async () => {
    const s = tempStore();
    const file = writeCsv(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('First Name,Email\nZoë,zoe@example.ie\n', 'utf8')]),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'utf-8-bom', inserted: 1, warnings: [] });
    expect(customers(s)[0]).toMatchObject({ first_name: 'Zoë', email: 'zoe@example.ie' });
  });

  it('keeps UTF-8 when a character straddles the 64 KB detection window', async () => {
    const s = tempStore();
    const header = 'Name,Filler\n';
    // Pad so that the two bytes of "ë" sit at 65535 and 65536.
    const pad = 'x'.repeat(65_535 - Buffer.byteLength(header) - Buffer.byteLength('Ann Lee,'));
    const file = writeCsv('edge.csv', `${header}Ann Lee,${pad}ë\nJosé Ruiz,\n`);
    expect(fs.readFileSync(file)[65_535]).toBe(0xc3);
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'utf-8', inserted: 2, failed: 0 });
    expect(r.warnings).toEqual([expect.stringContaining('"Filler" is not imported')]);
    expect(customers(s)[1]).toMatchObject({ first_name: 'José', last_name: 'Ruiz' });
  });

  it('reads a file as Windows-1252 when its one non-ASCII byte is far down, beyond any sample of its start', async () => {
    const s = tempStore();
    const file = writeCsv(
      'late-1252.csv',
      Buffer.concat([
        Buffer.from(`Name\n${'Ann Lee\n'.repeat(9000)}Zo`, 'utf8'),
        Buffer.from([0xeb]),
        Buffer.from(' Bad\n'),
      ]),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({
      encoding: 'windows-1252',
      failed: 0,
      encodingReason: expect.stringContaining('on line 9,002'),
    });
    expect(customers(s).at(-1)).toMatchObject({ first_name: 'Zoë', last_name: 'Bad' });
  });

  it('detects the semicolon from the header and keeps quoted semicolons and line breaks in values', async () => {
    const s = tempStore();
    const file = writeCsv(
      'semi.csv',
      'Vorname;Nachname;Notes\r\n"Anne-Marie";"Ó Sé";"likes; dislikes\r\nsecond line"\r\nPeter;Pan;x\r\n',
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ delimiter: ';', inserted: 2 });
    expect(customers(s).map((c) => [c.first_name, c.last_name, c.notes])).toEqual([
      ['Anne-Marie', 'Ó Sé', 'likes; dislikes\r\nsecond line'],
      ['Peter', 'Pan', 'x'],
    ]);
  });

  it('stops at a quote left open, keeping the batches committed before it and nothing of the open one', async () => {
    const s = tempStore();
    const file = writeCsv(
      'broken.csv',
      'Name,Notes\nAnn Lee,fine\nBea Ryan,ok\nBob Ryan,"never closed\nCara Doyle,x\n',
    );
    await expect(importCsv(s.ctx, { entity: 'customers', file, batchSize: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The file is not valid CSV: line 4 opens a quote that is never closed.',
    });
    expect(customers(s).map((c) => c.first_name)).toEqual(['Ann']);
  });

  it('refuses a row with more fields than the header (an unquoted delimiter) with its line', async () => {
    const s = tempStore();
    const r = await importCsv(s.ctx, {
      entity: 'customers',
      file: writeCsv('shift.csv', 'Name,Email\nAnn Lee,ann@example.ie\nBob, Jr,bob@example.ie\n'),
    });
    expect(r).toMatchObject({ inserted: 1, failed: 1 });
    expect(readErrors(r.errorFile!)[0]).toMatchObject({
      line: '3',
      reason: expect.stringContaining('3 fields but the header has 2'),
    });
  });
});

describe('customer import: mapping files', () => {
  it('applies a JSON mapping, ignores columns mapped to null, and gives defaults to new customers only', async () => {
    const s = tempStore('2026-11-23T10:00:00.000Z', { countryCode: '49' });
    createCustomer(s.ctx, {
      firstName: 'Anna',
      lastName: 'Schmidt',
      loyaltyId: 'K-2',
      language: 'en',
      marketingConsent: true,
    });
    const r = await importCsv(s.ctx, {
      entity: 'customers',
      file: fixture('kunden.csv'),
      mapping: path.join(FIXTURES, 'kunden-mapping.json'),
    });
    expect(r).toMatchObject({ inserted: 1, updated: 1, failed: 0, warnings: [] });
    expect(byCard(s, 'K1')).toMatchObject({
      first_name: 'Jürgen',
      last_name: 'Weiß',
      name_key: 'jurgen weiss',
      phone_digits: '491712345678',
      marketing_consent: 1,
      language: 'de',
      tags: '["pos-import"]',
      notes: 'Stammkunde',
    });
    // The existing customer: consent withdrawn by the file, but the defaults do not overwrite what she has.
    expect(byCard(s, 'K2')).toMatchObject({ marketing_consent: 0, language: 'en', tags: '[]' });
  });

  it('refuses a mapping that names an unknown field, and a file with no usable column', async () => {
    const s = tempStore();
    const file = writeCsv('x.csv', 'Name\nAnn\n');
    await expect(
      importCsv(s.ctx, { entity: 'customers', file, mapping: { columns: { Name: 'nickname' } } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('"nickname", which is not a customers field'),
    });
    await expect(
      importCsv(s.ctx, { entity: 'customers', file: writeCsv('y.csv', 'Colour,Size\nred,M\n') }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('no column for a name, phone, email or loyalty card'),
    });
    await expect(
      importCsv(s.ctx, { entity: 'customers', file: path.join(tempDir(), 'missing.csv') }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(importCsv(s.ctx, { entity: 'customers', file: writeCsv('empty.csv', '') })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(customers(s)).toEqual([]);
  });
});

describe('customer import: matching existing customers', () => {
  function seed(s: TempStore) {
    return {
      ann: createCustomer(s.ctx, {
        firstName: 'Ann',
        lastName: 'Murphy',
        phone: '087 111 2222',
        email: 'ann@example.ie',
        loyaltyId: 'L-1',
      }),
      brian: createCustomer(s.ctx, { firstName: 'Brian', lastName: 'Kelly', phone: '086 333 4444' }),
      ciara: createCustomer(s.ctx, { firstName: 'Ciara', lastName: 'Doyle', email: 'ciara@example.ie' }),
      dana: createCustomer(s.ctx, { firstName: 'Dana', lastName: 'White' }),
      eve: createCustomer(s.ctx, { firstName: 'Eve', lastName: 'Ryan', phone: '087 555 6666', loyaltyId: 'L-5' }),
    };
  }

  it('matches by loyalty card, then phone, then email, then name alone, updating only what differs', async () => {
    const s = tempStore();
    const c = seed(s);
    const file = writeCsv(
      'match.csv',
      [
        'Card,First Name,Last Name,Phone,Email',
        'l1,Ann,Byrne,,', // card, written differently: Ann married, new surname
        ',Brian,Kelly,+353 86 333 4444,brian@example.ie', // phone in international form: email added
        ',,,,CIARA@Example.ie', // email in other case: nothing new
        ',Dana,White,,', // name only, matching a customer known only by name
        'L 5,,,087 999 8888,', // new mobile for Eve
        'L-9,Ann,Murphy,087 111 2222,', // shares Ann's phone but has her own card: a family member
      ].join('\n'),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ rowsRead: 6, inserted: 1, updated: 3, unchanged: 2, failed: 0 });

    const get = (id: number) =>
      s.db.prepare<[number], CustomerRow & { last_key: string }>('SELECT * FROM customers WHERE id = ?').get(id)!;
    expect(get(c.ann.id)).toMatchObject({
      first_name: 'Ann',
      last_name: 'Byrne',
      name_key: 'ann byrne',
      last_key: 'byrne ann',
      phone: '087 111 2222',
      email: 'ann@example.ie',
      loyalty_id: 'L1',
    });
    expect(get(c.brian.id)).toMatchObject({ phone: '086 333 4444', email: 'brian@example.ie' });
    expect(get(c.eve.id)).toMatchObject({ phone: '087 999 8888', phone_digits: '353879998888', first_name: 'Eve' });
    const family = byCard(s, 'L9');
    expect(family).toMatchObject({ first_name: 'Ann', last_name: 'Murphy', phone_digits: '353871112222' });
    expect(customers(s)).toHaveLength(6);

    // The search index follows the new name and number.
    expect(searchCustomers(s.ctx, 'Ann Byrne').map((h) => h.id)).toContain(c.ann.id);
    expect(searchCustomers(s.ctx, 'Murphy').map((h) => h.id)).not.toContain(c.ann.id);
    expect(searchCustomers(s.ctx, '087 999 8888').map((h) => h.id)).toContain(c.eve.id);
    expect(searchCustomers(s.ctx, '087 555 6666').map((h) => h.id)).not.toContain(c.eve.id);

    const again = await importCsv(s.ctx, { entity: 'customers', file });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
  });

  it('keeps what clerks wrote: tags are added and notes appended, never replaced', async () => {
    const s = tempStore();
    const ann = createCustomer(s.ctx, { firstName: 'Ann', loyaltyId: 'L-1', tags: ['vip'], notes: 'Allergic to wool' });
    const file = writeCsv('tags.csv', 'Card,Tags,Notes\nL-1,newsletter;vip,Prefers mornings\n');
    expect(await importCsv(s.ctx, { entity: 'customers', file })).toMatchObject({ updated: 1 });
    expect(byCard(s, 'L1')).toMatchObject({
      id: ann.id,
      tags: '["vip","newsletter"]',
      notes: 'Allergic to wool\nPrefers mornings',
    });
    expect(await importCsv(s.ctx, { entity: 'customers', file })).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('merges duplicates within one file; a conflicting repeat keeps the first value and is reported', async () => {
    const s = tempStore();
    const file = writeCsv(
      'dupes.csv',
      [
        'Card,First Name,Phone,Email',
        'A1,Ann,087 111 1111,',
        'A1,Ann,,ann@example.ie',
        'a-1,Anna,087 222 2222,',
        ',Bob,,bob@example.ie',
        ',Bob,086 000 0000,BOB@example.ie',
      ].join('\n'),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ rowsRead: 5, inserted: 2, updated: 2, unchanged: 1, repeats: 1, conflicts: 0 });
    expect(r.warnings).toEqual([expect.stringMatching(/1 row repeats a customer .* \(line 4\)/)]);
    expect(customers(s).map((c) => [c.first_name, c.phone, c.email, c.loyalty_id])).toEqual([
      ['Ann', '087 111 1111', 'ann@example.ie', 'A1'],
      ['Bob', '086 000 0000', 'bob@example.ie', null],
    ]);
    const again = await importCsv(s.ctx, { entity: 'customers', file });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
  });

  it('matches later rows of a batch against what earlier rows changed on stored customers', async () => {
    const s = tempStore();
    const fay = createCustomer(s.ctx, { firstName: 'Fay', loyaltyId: 'F-1', phone: '087 100 0001' });
    const file = writeCsv(
      'same-batch.csv',
      [
        'Card,First Name,Phone,Email',
        'F1,Fay,087 100 0002,fay@example.ie', // Fay gets a new phone and an email
        ',,,FAY@example.ie', // found through the email the row above gave her
        ',Gus,087 100 0001,', // Fay's old phone is nobody's now: a new customer
      ].join('\n'),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ rowsRead: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect(customers(s).map((c) => [c.id === fay.id, c.first_name, c.phone_digits, c.email])).toEqual([
      [true, 'Fay', '353871000002', 'fay@example.ie'],
      [false, 'Gus', '353871000001', null],
    ]);
  });

  it('does not create a second customer for a name-only row seen before, nor match a name-only row to a carded customer', async () => {
    const s = tempStore();
    createCustomer(s.ctx, { firstName: 'Dana', lastName: 'White', loyaltyId: 'D-1' });
    const file = writeCsv('names.csv', 'Name\nDana White\nDana White\n');
    expect(await importCsv(s.ctx, { entity: 'customers', file })).toMatchObject({ inserted: 1, unchanged: 1 });
    expect(await importCsv(s.ctx, { entity: 'customers', file })).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(customers(s)).toHaveLength(2);
  });
});

describe('customer import: query plans', () => {
  it('looks every batch up through indexes, never a scan of the customers table', () => {
    const s = tempStore();
    for (let i = 0; i < 50; i++) createCustomer(s.ctx, { firstName: `N${i}`, phone: `087 000 ${String(1000 + i)}` });
    s.db.exec('ANALYZE');
    const plan = (sql: string, params: unknown) =>
      s.db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((r) => r.detail);
    const candidates = plan(MATCH_SQL.candidates, {
      cards: '["L1"]',
      phones: '["353870001000"]',
      emails: '["a@b.ie"]',
    });
    expect(candidates.filter((d) => d.startsWith('SEARCH'))).toEqual([
      expect.stringContaining('(loyalty_id=?)'),
      expect.stringContaining('customers_phone_digits (phone_digits=?)'),
      expect.stringContaining('customers_email (email=?)'),
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
    expect(plan(MATCH_SQL.nameOnly, ['ann lee'])).toEqual([expect.stringContaining('customers_name_key (name_key=?)')]);
    expect([...candidates, ...plan(MATCH_SQL.nameOnly, ['ann lee'])].some((d) => /^SCAN (customers|c)\b/.test(d))).toBe(
      false,
    );
  });
});

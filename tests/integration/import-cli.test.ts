import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { tempDir, tempStore } from '../helpers/temp-store';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');

describe('counterpart import', () => {
  let out: string[];
  let err: string[];
  const io = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: process.env,
  };
  const savedDb = process.env.COUNTERPART_DB;
  beforeEach(() => {
    out = [];
    err = [];
    delete process.env.COUNTERPART_DB;
  });
  afterEach(() => {
    if (savedDb === undefined) delete process.env.COUNTERPART_DB;
    else process.env.COUNTERPART_DB = savedDb;
  });

  function copy(name: string): string {
    const to = path.join(tempDir(), name);
    fs.copyFileSync(path.join(FIXTURES, name), to);
    return to;
  }

  it('imports, prints a summary, and exits 3 when rows were refused', async () => {
    const s = tempStore();
    const file = copy('till-customers.csv');
    expect(await runCli(['import', 'customers', file, '--db', s.file], io)).toBe(3);
    const text = out.join('');
    expect(text).toContain('Imported customers from till-customers.csv (utf-8, ";"-separated):');
    expect(text).toContain('6 rows read: 4 inserted, 0 updated, 0 unchanged, 2 refused');
    expect(text).toContain('till-customers.errors.csv');
    expect(text).toContain('Note: Column "Favourite Colour" is not imported');
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 4 });
    expect(err).toEqual([]);
  });

  it('prints the report as JSON, honours --dry-run and --mapping, and exits 0 when all rows went in', async () => {
    const s = tempStore('2026-11-23T10:00:00.000Z', { countryCode: '49' });
    const file = copy('kunden.csv');
    const mapping = path.join(FIXTURES, 'kunden-mapping.json');
    expect(
      await runCli(['import', 'customers', file, '--mapping', mapping, '--dry-run', '--json', '--db', s.file], io),
    ).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({
      dryRun: true,
      inserted: 2,
      failed: 0,
      encoding: 'utf-8',
      delimiter: ';',
    });
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });

    out = [];
    expect(await runCli(['import', 'customers', file, '--mapping', mapping, '--json', '--db', s.file], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ dryRun: false, inserted: 2 });
    expect(s.db.prepare("SELECT language FROM customers WHERE loyalty_id = 'K1'").get()).toEqual({ language: 'de' });
  });

  it('takes the database from COUNTERPART_DB', async () => {
    const s = tempStore();
    process.env.COUNTERPART_DB = s.file;
    const file = path.join(tempDir(), 'c.csv');
    fs.writeFileSync(file, 'Name,Mobile\nAnn Lee,087 111 2222\nBob Ryan,086 333 4444\n');
    expect(await runCli(['import', 'customers', file, '--json'], io)).toBe(0);
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2 });
  });

  it.each([
    [[], 'Say what to import'],
    [['orders', 'x.csv'], 'Cannot import "orders"'],
    [['customers'], 'Give the CSV file'],
    [['customers', 'a.csv', 'b.csv'], 'Unexpected argument "b.csv"'],
    [['customers', 'missing.csv'], 'No file at missing.csv'],
    [['customers', path.join(FIXTURES, 'kunden.csv'), '--mapping', 'nope.json'], 'No mapping file at nope.json'],
    [['customers', path.join(FIXTURES, 'kunden.csv'), '--speed', 'fast'], "Unknown option '--speed'"],
  ])('exits 2 with one clear line for %j', async (args, message) => {
    expect(await runCli(['import', ...args], io)).toBe(2);
    expect(err.join('').split('\n')[0]).toContain(message);
    expect(out).toEqual([]);
  });

  it('exits 1 with the reason when the file cannot be imported', async () => {
    const s = tempStore();
    const file = path.join(tempDir(), 'colours.csv');
    fs.writeFileSync(file, 'Colour\nred\n');
    expect(await runCli(['import', 'customers', file, '--db', s.file], io)).toBe(1);
    expect(err.join('')).toMatch(/^Import failed: The file has no column for a name, phone, email or loyalty card/);
  });
});

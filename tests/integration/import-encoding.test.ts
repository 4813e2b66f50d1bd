import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MAX_WARNINGS } from '@common/imports';
import { runCli } from '../../main/cli/run';
import { importCsv } from '../../main/services/import';
import { SCAN_CHUNK_BYTES } from '../../main/services/import/encoding';
import { MAX_RECORD_CHARS } from '../../main/services/import/reader';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

function writeCsv(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

const names = (s: TempStore) =>
  s.db.prepare("SELECT first_name || ' ' || last_name FROM customers ORDER BY id").pluck().all();
const readErrors = (file: string) =>
  parse(fs.readFileSync(file), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('customer import: the encoding is decided from the whole file', () => {
  it('keeps a UTF-8 file UTF-8 when one byte near the start is not, and refuses only that row', async () => {
    const s = tempStore();
    const file = writeCsv(
      'one-bad-byte.csv',
      Buffer.concat([
        utf8('First Name,Last Name\nAnn,Le'),
        Buffer.from([0xe9]),
        utf8('\nZoë,Müller-Łukasz\nSeán,Ó Sé\n'),
      ]),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'utf-8', inserted: 2, failed: 1 });
    expect(r.encodingReason).toBe(
      '6 characters are written as UTF-8; the lines holding 1 byte sequence that is not UTF-8 (on line 2) are refused',
    );
    expect(names(s)).toEqual(['Zoë Müller-Łukasz', 'Seán Ó Sé']);
    expect(readErrors(r.errorFile!)).toEqual([
      expect.objectContaining({
        line: '2',
        reason: '"Last Name": holds bytes that are not valid UTF-8 (the file mixes encodings)',
      }),
    ]);
  });

  it('keeps a Windows-1252 file Windows-1252, refusing a row written in UTF-8 instead of storing it garbled', async () => {
    const s = tempStore();
    const cp1252 = (t: string) => Buffer.from(t, 'latin1');
    const file = writeCsv(
      'till.csv',
      Buffer.concat([cp1252('Name\nZoë Müller\nJosé García\nRenée Faÿ\n'), utf8('Zoë Łukasz\n')]),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'windows-1252', inserted: 3, failed: 1 });
    expect(r).toMatchObject({ encodingReasonCode: 'windows1252Mixed' });
    expect(r.encodingReason).toContain('against 2 characters written as UTF-8');
    expect(names(s)).toEqual(['Zoë Müller', 'José García', 'Renée Faÿ']);
    expect(readErrors(r.errorFile!)[0]).toMatchObject({
      line: '5',
      reason: expect.stringContaining('written as UTF-8 in a file read as Windows-1252'),
    });
  });

  it('says which encoding it used and why, on the command line and in --json', async () => {
    const s = tempStore();
    const file = writeCsv('plain.csv', 'Name\nZoë Müller\n');
    const out: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {} };
    expect(await runCli(['import', 'customers', file, '--dry-run', '--db', s.file], io)).toBe(0);
    expect(out.join('')).toContain('  Read as utf-8: the whole file is valid UTF-8.\n');
    out.length = 0;
    expect(await runCli(['import', 'customers', file, '--dry-run', '--json', '--db', s.file], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({
      encoding: 'utf-8',
      encodingReason: 'the whole file is valid UTF-8',
    });
  });

  it('finds a stray byte past the first read chunk, where the file was judged clean so far', async () => {
    const s = tempStore();
    const filler = 'x'.repeat(SCAN_CHUNK_BYTES + 10);
    const file = writeCsv(
      'late.csv',
      Buffer.concat([utf8(`Name,Filler\nZoë Müller,${filler}\nBo`), Buffer.from([0xff]), utf8(' Bad,\n')]),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'utf-8', failed: 1 });
    expect(names(s)[0]).toBe('Zoë Müller');
  });

  it('reads Excel\'s UTF-16 "Unicode text"', async () => {
    const s = tempStore();
    const file = writeCsv(
      'unicode.txt',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('First Name\tLast Name\r\nZoë\tMüller-Łukasz\r\n王\t芳\r\n', 'utf16le'),
      ]),
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', inserted: 2, failed: 0 });
    expect(names(s)).toEqual(['Zoë Müller-Łukasz', '王 芳']);
  });

  it('refuses a row holding a NUL and strips a byte-order mark inside a field', async () => {
    const s = tempStore();
    // Two exports pasted together leave a BOM at the start of a line, or inside a value where a field was pasted.
    const file = writeCsv('odd.csv', 'First Name,Last Name\nAnn,Le\uFEFFe\nBo\u0000b,Ryan\n\uFEFFCara,Doyle\n');
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ inserted: 2, failed: 1 });
    expect(names(s)).toEqual(['Ann Lee', 'Cara Doyle']);
    expect(readErrors(r.errorFile!)[0]).toMatchObject({
      line: '3',
      reason: expect.stringMatching(/^"First Name": holds a NUL character/),
    });
  });
});

describe('customer import: files that are not what they claim', () => {
  it('sums up 100,000 unknown columns in one note instead of one note each', async () => {
    const s = tempStore();
    const extra = Array.from({ length: 100_000 }, (_, i) => `Column ${i}`);
    const file = writeCsv('wide.csv', `Name,${extra.join(',')}\nAnn Lee,${extra.map(() => 'x').join(',')}\n`);
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ inserted: 1, failed: 0 });
    expect(r.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS);
    expect(r.warnings).toEqual([
      'Columns "Column 0", "Column 1", "Column 2", "Column 3", "Column 4" and 99,995 more are not imported: no field matches their names (map them in a mapping file).',
    ]);
  });

  it('reports a quote left open at the line where it opens, counting the lines of quoted line breaks before it', async () => {
    const s = tempStore();
    const file = writeCsv(
      'open.csv',
      'Name,Notes\r\nAnn Lee,"two\r\nlines"\r\nBea Ryan,ok\r\nBob Ryan,"never closed\r\nCara Doyle,x\r\nDan Hill,y\r\n',
    );
    await expect(importCsv(s.ctx, { entity: 'customers', file })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The file is not valid CSV: line 5 opens a quote that is never closed.',
    });
  });

  it('names the line of a record the parser refuses in the middle of a file', async () => {
    const s = tempStore();
    const file = writeCsv(
      'stray.csv',
      'Name,Notes\nAnn Lee,"two\nlines"\nBea Ryan,ok\nBob Ryan,"quoted" then not\nCara Doyle,x\n',
    );
    await expect(importCsv(s.ctx, { entity: 'customers', file })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^The file is not valid CSV: near line 5: Invalid Closing Quote/),
    });
  });

  it('stops at a quote that swallows the rest of a big file, without reading it all into one value', async () => {
    const s = tempStore();
    const rows = 'Cara Doyle,x\n'.repeat(Math.ceil(MAX_RECORD_CHARS / 13) + 1000);
    const file = writeCsv('swallowed.csv', `Name,Notes\nAnn Lee,fine\nBob Ryan,"never closed\n${rows}`);
    await expect(importCsv(s.ctx, { entity: 'customers', file })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(
        /^The file is not valid CSV: the record starting on line 3 holds over \d+ million characters/,
      ),
    });
  });
});

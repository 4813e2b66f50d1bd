// Every CSV the product writes is opened in a spreadsheet, which runs a cell starting like a formula. Each test
// here puts a hostile value into every column of one of those files and reads every column back.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DayEntry, EntryRecovery } from '@common/reports';
import { toCsv } from '../../main/services/csv-out';
import { importCsv } from '../../main/services/import';
import { REJECTED_COLUMNS } from '../../main/services/import/error-file';
import { CSV_COLUMNS, entriesToCsv } from '../../main/services/reports/csv';
import { tempDir, tempStore } from '../helpers/temp-store';

const ROOT = path.resolve(__dirname, '../..');
/** What a spreadsheet runs: each start a formula can have, the payload of the issue after it. */
const HOSTILE = ['=', '+', '-', '@', '\t', '\r'].map((start) => `${start}cmd|' /C calc'!A0`);
const RUNS = /^[=+\-@\t\r]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const records = (text: string, delimiter = ',') =>
  parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];

/** No cell of the file starts the way a formula does (the line number and reason columns included). */
function expectNothingRuns(rows: string[][], where: string) {
  for (const [r, row] of rows.entries()) {
    for (const [c, cell] of row.entries()) expect(cell, `${where}: row ${r} column ${c}`).not.toMatch(RUNS);
  }
}

describe('formula-safe CSV', () => {
  it('is written in one place: only csv-out may use the CSV writer', () => {
    const writers = [...sourceFiles(path.join(ROOT, 'main')), ...sourceFiles(path.join(ROOT, 'common'))]
      .filter((f) => /from ['"]csv-stringify/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    expect(writers).toEqual(['main/services/csv-out.ts']);
  });

  it.each(HOSTILE)('guards every cell toCsv writes, header included: %j', (hostile) => {
    const rows = records(toCsv([[hostile, hostile, 3, null]], { header: [hostile, 'b', 'c', 'd'] }));
    expect(rows).toEqual([
      [`'${hostile}`, 'b', 'c', 'd'],
      [`'${hostile}`, `'${hostile}`, '3', ''],
    ]);
  });

  it.each(HOSTILE)('guards every column of the day report: %j', (hostile) => {
    // Every field the report reads, numbers included, holds the hostile text.
    const person = { id: 1, displayName: hostile };
    const entry = {
      id: 1,
      day: hostile,
      localTime: hostile,
      createdAt: hostile,
      clerk: person,
      customer: person,
      kind: hostile,
      outcome: hostile,
      sentiment: hostile,
      notes: hostile,
      said: hostile,
      followUpDue: hostile,
      followUp: 'open',
      suggestionTemplateId: hostile,
      amendmentCount: hostile,
      lastAmendReason: hostile,
      flagged: true,
      reviewNote: hostile,
      reviewedBy: person,
      reviewedAt: hostile,
    } as unknown as DayEntry;
    const recovery = {
      severity: hostile,
      remedy: hostile,
      amountMinor: hostile,
      rootCause: hostile,
      approvedBy: hostile,
    } as unknown as EntryRecovery;
    const [header, row] = records(entriesToCsv([entry], false, new Map([[entry.id, recovery]])));
    expect(header).toEqual([...CSV_COLUMNS]);
    for (const [i, column] of CSV_COLUMNS.entries()) {
      // "flagged" writes yes or nothing; every other column carries what it was given.
      expect(row![i], column).toBe(column === 'flagged' ? 'yes' : `'${hostile}`);
    }
  });

  it.each(HOSTILE)(
    'guards every column of an import’s rejected rows, the file’s own headers included: %j',
    async (hostile) => {
      const s = tempStore();
      const dir = tempDir();
      const cases = [
        {
          entity: 'customers' as const,
          fields: ['firstName', 'lastName', 'phone', 'email', 'loyaltyId', 'birthday', 'marketingConsent', 'notes'],
        },
        {
          entity: 'purchases' as const,
          fields: ['receiptNo', 'loyaltyId', 'dateTime', 'sku', 'description', 'quantity', 'unitPrice', 'returned'],
        },
      ];
      for (const { entity, fields } of cases) {
        const headers = [...fields.map((f) => `${hostile}${f}`), `${hostile}unmapped`];
        const columns = Object.fromEntries(fields.map((f, i) => [headers[i]!, f]));
        const file = path.join(dir, `${entity}.csv`);
        fs.writeFileSync(file, toCsvRaw([headers, headers.map(() => hostile), headers.map(() => hostile)]));
        const r = await importCsv(s.ctx, { entity, file, mapping: { columns } });
        expect(r.failed, entity).toBe(2);
        const rows = records(fs.readFileSync(r.errorFile!, 'utf8'));
        // The import trims its headers, so a tab or CR in front is gone before the guard sees it.
        expect(rows[0]).toEqual([...REJECTED_COLUMNS, ...headers.map((h) => (h.trim() === h ? `'${h}` : h.trim()))]);
        for (const row of rows.slice(1))
          expect(row.slice(REJECTED_COLUMNS.length), entity).toEqual(headers.map(() => `'${hostile}`));
        expectNothingRuns(rows, entity);
      }
    },
  );

  it('reads a rejected row fixed in a spreadsheet back as it was before the guard', async () => {
    const s = tempStore();
    const file = path.join(tempDir(), 'pos.csv');
    fs.writeFileSync(file, 'Name,Phone,Notes,Birthday\nAnn Lee,+353 87 111 2222,-5 off next time,31/02/1990\n');
    const first = await importCsv(s.ctx, { entity: 'customers', file });
    const fixed = fs.readFileSync(first.errorFile!, 'utf8').replace(/31\/02\/1990\r\n$/, '28/02/1990\r\n');
    expect(fixed).toContain(`'+353 87 111 2222,'-5 off next time`);
    fs.writeFileSync(file, fixed);
    expect(await importCsv(s.ctx, { entity: 'customers', file })).toMatchObject({ inserted: 1, failed: 0 });
    expect(s.db.prepare('SELECT phone, notes, birthday FROM customers').get()).toEqual({
      phone: '+353 87 111 2222',
      notes: '-5 off next time',
      birthday: '1990-02-28',
    });
  });
});

/** A hostile till export: quoted as RFC 4180 wants, but with no guard (it is someone else's file). */
function toCsvRaw(rows: string[][]): string {
  return `${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;
}

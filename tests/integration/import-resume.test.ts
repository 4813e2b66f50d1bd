import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsv, type ImportReport } from '../../main/services/import';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

const BATCH = 5;

/** 25 customers, two of them with a bad email (lines 8 and 17), and one named Boom on line 14 (batch 3). */
function writeFile(): string {
  const lines = ['Card,First Name,Email'];
  for (let i = 1; i <= 25; i++) {
    const line = i + 1;
    const email = line === 8 || line === 17 ? 'not-an-email' : `c${i}@example.ie`;
    lines.push(`K${i},${line === 14 ? 'Boom' : `Name${i}`},${email}`);
  }
  const file = path.join(tempDir(), 'customers.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

const snapshot = (s: TempStore) =>
  s.db.prepare('SELECT first_name, email, loyalty_id, name_key FROM customers ORDER BY loyalty_id').all();
const counts = (r: ImportReport) => ({
  rowsRead: r.rowsRead,
  inserted: r.inserted,
  updated: r.updated,
  unchanged: r.unchanged,
  failed: r.failed,
});

async function cleanRun(file: string) {
  const s = tempStore();
  const errorFile = path.join(tempDir(), 'clean.errors.csv');
  const report = await importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH, errorFile });
  return { s, report, errors: fs.readFileSync(errorFile, 'utf8') };
}

describe('interrupted imports', () => {
  it('resume after the last committed batch when interrupted from onProgress, with the totals of a clean run', async () => {
    const file = writeFile();
    const clean = await cleanRun(file);
    expect(counts(clean.report)).toEqual({ rowsRead: 25, inserted: 23, updated: 0, unchanged: 0, failed: 2 });

    const s = tempStore();
    const errorFile = path.join(tempDir(), 'resumed.errors.csv');
    const seen: number[] = [];
    const interrupted = importCsv(s.ctx, {
      entity: 'customers',
      file,
      batchSize: BATCH,
      errorFile,
      onProgress: (p) => {
        seen.push(p.linesRead);
        expect(p.totalBytes).toBe(fs.statSync(file).size);
        if (p.linesRead >= 2 * BATCH + 1) throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow('power cut');
    expect(seen).toEqual([6, 11]);
    // Two whole batches are in (lines 2-11, one refused), nothing of the third.
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 9 });
    expect(s.db.prepare('SELECT last_line_committed, finished_at FROM import_runs').get()).toEqual({
      last_line_committed: 11,
      finished_at: null,
    });

    const resumed = await importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH, errorFile });
    expect(resumed.resumedFromLine).toBe(11);
    expect(counts(resumed)).toEqual(counts(clean.report));
    expect(snapshot(s)).toEqual(snapshot(clean.s));
    // Each refused line once, exactly as in the clean run.
    expect(fs.readFileSync(errorFile, 'utf8')).toBe(clean.errors);
    expect(s.db.prepare('SELECT count(*) AS n FROM import_runs WHERE finished_at IS NOT NULL').get()).toEqual({ n: 1 });

    const audits = s.db
      .prepare<[], { details: string }>("SELECT details FROM audit_log WHERE event = 'import' ORDER BY id")
      .all();
    expect(audits.map((a) => JSON.parse(a.details) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ interrupted: true, rowsRead: 10 }),
      expect.objectContaining({ rowsRead: 25, resumedFromLine: 11 }),
    ]);
  });

  it('rolls back the whole batch a database failure hits, and resumes once the cause is gone', async () => {
    const file = writeFile();
    const clean = await cleanRun(file);
    const s = tempStore();
    s.db.exec(
      "CREATE TRIGGER boom BEFORE INSERT ON customers WHEN NEW.first_name = 'Boom' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    const errorFile = path.join(tempDir(), 'e.csv');
    await expect(importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH, errorFile })).rejects.toThrow(
      'disk on fire',
    );
    // Line 14 is in the third batch (lines 12-16): none of that batch is written.
    expect(s.db.prepare("SELECT count(*) AS n FROM customers WHERE first_name IN ('Name11', 'Name12')").get()).toEqual({
      n: 0,
    });
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 9 });
    // The refused line 8 of a committed batch stays in the error file; nothing of the failed batch does.
    expect(fs.readFileSync(errorFile, 'utf8').trim().split('\r\n')).toHaveLength(2);

    s.db.exec('DROP TRIGGER boom');
    const resumed = await importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH, errorFile });
    expect(resumed.resumedFromLine).toBe(11);
    expect(counts(resumed)).toEqual(counts(clean.report));
    expect(snapshot(s)).toEqual(snapshot(clean.s));
    expect(fs.readFileSync(errorFile, 'utf8')).toBe(clean.errors);
  });

  it('starts over, not resumes, when the mapping changed since the interruption', async () => {
    const file = writeFile();
    const s = tempStore();
    const stop = (p: { linesRead: number }) => {
      if (p.linesRead >= 6) throw new Error('stop');
    };
    await expect(importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH, onProgress: stop })).rejects.toThrow(
      'stop',
    );
    const r = await importCsv(s.ctx, {
      entity: 'customers',
      file,
      batchSize: BATCH,
      mapping: { defaults: { language: 'en' } },
    });
    expect(r).toMatchObject({ resumedFromLine: null, rowsRead: 25, inserted: 18, unchanged: 5, failed: 2 });
    const runs = s.db
      .prepare<[], { finished_at: string | null; counts: string }>(
        'SELECT finished_at, counts FROM import_runs ORDER BY id',
      )
      .all();
    expect(runs).toHaveLength(2);
    expect(runs[0]!.finished_at).not.toBeNull();
    expect(JSON.parse(runs[0]!.counts)).toMatchObject({ abandoned: true });
  });

  it('starts a finished file over rather than resuming it', async () => {
    const file = writeFile();
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH });
    const again = await importCsv(s.ctx, { entity: 'customers', file, batchSize: BATCH });
    expect(again).toMatchObject({
      resumedFromLine: null,
      rowsRead: 25,
      inserted: 0,
      updated: 0,
      unchanged: 23,
      failed: 2,
    });
  });
});

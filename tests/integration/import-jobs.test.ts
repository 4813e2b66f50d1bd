// The admin screen's import through the same dispatcher Electron and the preview server use: the chunked upload,
// the background job, roles, the rejected rows, a second run of the same file, and one import at a time.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '@common/errors';
import { IMPORT_CHUNK_BYTES, type ImportJobStatus, type ImportUpload, type RejectedRowsFile } from '@common/imports';
import { METHOD_NAMES } from '@common/contract';
import { startBackend } from '../../main/backend';
import { openStore } from '../../main/store-lifecycle';
import { newSession, type Session } from '../../main/ipc/session';
import { tempDir } from '../helpers/temp-store';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');
const NOW = new Date('2026-11-23T09:00:00.000Z');

async function store() {
  const dir = tempDir();
  const dbPath = path.join(dir, 'store.db');
  const b = startBackend({ dbPath, now: () => NOW });
  const call = async <T>(s: Session, m: string, input: unknown) => (await b.dispatch(m, input, s)) as Envelope<T>;
  const ok = async <T>(s: Session, m: string, input: unknown): Promise<T> => {
    const r = await call<T>(s, m, input);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const admin = newSession();
  await ok(admin, 'app.setupEmpty', { clerkName: 'Ada Admin', pin: '5555' });
  const signedIn = async (name: string, role: string) => {
    const id = (await ok<{ id: number }>(admin, 'clerks.create', { displayName: name, role, pin: '1234' })).id;
    const s = newSession();
    await ok(s, 'session.signIn', { clerkId: id, pin: '1234' });
    return s;
  };
  const manager = await signedIn('Mo Manager', 'manager');
  const clerk = await signedIn('Cy Clerk', 'clerk');

  /** Uploads bytes the way the screen does, in order, and returns the upload id. */
  const upload = async (s: Session, entity: string, fileName: string, bytes: Buffer) => {
    const { uploadId, chunkBytes } = await ok<ImportUpload>(s, 'imports.begin', {
      entity,
      fileName,
      size: bytes.length,
    });
    for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
      await ok(s, 'imports.chunk', {
        uploadId,
        index: i,
        base64: bytes.subarray(at, at + chunkBytes).toString('base64'),
      });
    }
    return uploadId;
  };
  /** Polls like the screen until the job has finished. */
  const finished = async (s: Session, jobId: string): Promise<ImportJobStatus> => {
    for (;;) {
      const st = await ok<ImportJobStatus>(s, 'imports.status', { jobId });
      if (st.state !== 'running') return st;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const importBytes = async (
    s: Session,
    entity: string,
    fileName: string,
    bytes: Buffer,
    opts: { dryRun?: boolean; mapping?: unknown } = {},
  ) => {
    const uploadId = await upload(s, entity, fileName, bytes);
    const { jobId } = await ok<{ jobId: string }>(s, 'imports.start', {
      uploadId,
      dryRun: opts.dryRun ?? false,
      ...(opts.mapping ? { mapping: opts.mapping } : {}),
    });
    return finished(s, jobId);
  };
  const stagingDir = `${dbPath}-imports`;
  return { b, dbPath, stagingDir, admin, manager, clerk, call, ok, upload, finished, importBytes };
}

/** A real pause: polling with nothing but awaited calls would never let the job's own turns of the event loop come. */
const pause = () => new Promise<true>((r) => setTimeout(() => r(true), 5));
const fixtureBytes = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const customerCount = (b: { db: { prepare(sql: string): { get(): unknown } } }) =>
  (b.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n;
/** Every file under the staging folder, relative to it. */
const staged = (dir: string): string[] =>
  fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile())
    : [];

function bigCustomerCsv(rows: number): Buffer {
  const lines = ['Card No,First Name,Surname,Mobile,E-mail'];
  for (let i = 0; i < rows; i++)
    lines.push(`C-${900000 + i},Test${i},Person${i % 97},087 ${String(1000000 + i).padStart(7, '0')},p${i}@example.ie`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe('imports over IPC', () => {
  it('answers FORBIDDEN to a clerk and to a manager for every import method', async () => {
    const { clerk, manager, call } = await store();
    const methods = METHOD_NAMES.filter((m) => m.startsWith('imports.'));
    expect(methods).toHaveLength(6);
    const id = '00000000-0000-4000-8000-000000000000';
    const inputs: Record<string, unknown> = {
      'imports.begin': { entity: 'customers', fileName: 'a.csv', size: 10 },
      'imports.chunk': { uploadId: id, index: 0, base64: 'YQ==' },
      'imports.start': { uploadId: id, dryRun: true },
      'imports.status': { jobId: id },
      'imports.errors': { jobId: id },
    };
    for (const s of [clerk, manager]) {
      for (const m of methods)
        expect(await call(s, m, inputs[m] ?? {}), m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('imports a file with bad rows: counts, rejected rows with line numbers and reasons, no paths, staging cleaned up', async () => {
    const { b, admin, ok, call, importBytes, stagingDir } = await store();
    const before = customerCount(b);
    const st = await importBytes(admin, 'customers', 'till-customers.csv', fixtureBytes('till-customers.csv'));
    expect(st).toMatchObject({
      state: 'done',
      entity: 'customers',
      fileName: 'till-customers.csv',
      dryRun: false,
      error: null,
      report: { rowsRead: 6, inserted: 4, updated: 0, unchanged: 0, failed: 2, hasRejectedRows: true, delimiter: ';' },
    });
    expect(st.progress.bytesRead).toBe(st.progress.totalBytes);
    expect(st.progress.totalBytes).toBe(fixtureBytes('till-customers.csv').length);
    expect(customerCount(b)).toBe(before + 4);
    expect(JSON.stringify(st)).not.toContain(stagingDir);
    expect(st.report).not.toHaveProperty('errorFile');

    const rejected = await ok<RejectedRowsFile>(admin, 'imports.errors', { jobId: st.jobId });
    expect(rejected.fileName).toBe('till-customers.rejected-rows.csv');
    expect(rejected.truncated).toBe(false);
    const rows = parse(rejected.text, { columns: true, bom: true, delimiter: ';', relax_column_count: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => [r.line, r['First Name']])).toEqual([
      ['7', 'Bad'],
      ['8', 'Bad'],
    ]);
    expect(rows[0]!.reason).toMatch(/email/i);
    expect(rows[1]!.reason).toMatch(/birthday|date/i);

    // The uploaded file is gone; only the rejected rows stay, for the download.
    expect(staged(stagingDir)).toEqual([path.join('errors', `${st.jobId}.csv`)]);
    expect(await ok<ImportJobStatus | null>(admin, 'imports.latest', {})).toMatchObject({
      jobId: st.jobId,
      state: 'done',
    });
    const audit = b.db.prepare("SELECT subject, clerk_id FROM audit_log WHERE event = 'import'").all();
    expect(audit).toEqual([{ subject: 'till-customers.csv', clerk_id: 1 }]);
    expect(await call(admin, 'imports.errors', { jobId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('adds nothing when the same file is imported again, and a dry run changes nothing', async () => {
    const { b, admin, importBytes } = await store();
    const bytes = fixtureBytes('till-customers.csv');
    const dry = await importBytes(admin, 'customers', 'till-customers.csv', bytes, { dryRun: true });
    expect(dry.report).toMatchObject({ dryRun: true, inserted: 4, failed: 2, hasRejectedRows: true });
    const count = customerCount(b);
    const first = await importBytes(admin, 'customers', 'till-customers.csv', bytes);
    expect(first.report).toMatchObject({ inserted: 4 });
    expect(customerCount(b)).toBe(count + 4);
    const again = await importBytes(admin, 'customers', 'till-customers.csv', bytes);
    expect(again.report).toMatchObject({
      rowsRead: 6,
      inserted: 0,
      updated: 0,
      unchanged: 4,
      failed: 2,
      resumedFromLine: null,
    });
    expect(customerCount(b)).toBe(count + 4);
  });

  it('applies a column mapping sent with the start call, and names a bad one', async () => {
    const { b, admin, importBytes } = await store();
    const mapping = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'kunden-mapping.json'), 'utf8')) as unknown;
    const st = await importBytes(admin, 'customers', 'kunden.csv', fixtureBytes('kunden.csv'), { mapping });
    expect(st.report).toMatchObject({ inserted: 2, failed: 0, hasRejectedRows: false });
    expect(b.db.prepare("SELECT first_name, language FROM customers WHERE loyalty_id = 'K1'").get()).toEqual({
      first_name: 'Jürgen',
      language: 'de',
    });

    const bad = await importBytes(admin, 'customers', 'kunden.csv', fixtureBytes('kunden.csv'), {
      mapping: { columns: { Rufname: 'nickname' } },
    });
    expect(bad).toMatchObject({ state: 'failed', report: null, error: { code: 'VALIDATION' } });
    expect(bad.error!.message).toContain('"nickname", which is not a customers field');
  });

  it('refuses chunks out of order, more data than announced, an incomplete upload, and another admin’s upload', async () => {
    const { admin, ok, call, stagingDir } = await store();
    const bytes = Buffer.alloc(IMPORT_CHUNK_BYTES + 10, 'a');
    const { uploadId } = await ok<ImportUpload>(admin, 'imports.begin', {
      entity: 'customers',
      fileName: '../../etc/passwd',
      size: bytes.length,
    });
    const part = (from: number, to: number) => bytes.subarray(from, to).toString('base64');

    const skipped = await call(admin, 'imports.chunk', {
      uploadId,
      index: 1,
      base64: part(IMPORT_CHUNK_BYTES, bytes.length),
    });
    expect(skipped).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('out of order') },
    });
    await ok(admin, 'imports.chunk', { uploadId, index: 0, base64: part(0, IMPORT_CHUNK_BYTES) });
    const replayed = await call(admin, 'imports.chunk', { uploadId, index: 0, base64: part(0, IMPORT_CHUNK_BYTES) });
    expect(replayed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const early = await call(admin, 'imports.start', { uploadId, dryRun: true });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('incomplete') },
    });

    // The name keeps no path parts: the staged file is inside the staging folder.
    expect(staged(stagingDir)).toEqual([path.join('uploads', uploadId, 'passwd')]);
    const otherId = (
      await ok<{ id: number }>(admin, 'clerks.create', { displayName: 'Bo Admin', role: 'admin', pin: '2468' })
    ).id;
    const other = newSession();
    await ok(other, 'session.signIn', { clerkId: otherId, pin: '2468' });
    const foreign = await call(other, 'imports.chunk', {
      uploadId,
      index: 1,
      base64: part(IMPORT_CHUNK_BYTES, bytes.length),
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(other, 'imports.start', { uploadId, dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const tooBig = await call(admin, 'imports.chunk', {
      uploadId,
      index: 1,
      base64: Buffer.alloc(11).toString('base64'),
    });
    expect(tooBig).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('More data') },
    });
    expect(staged(stagingDir)).toEqual([]);
    expect(await call(admin, 'imports.chunk', { uploadId, index: 1, base64: 'YQ==' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const oversized = await call(admin, 'imports.chunk', {
      uploadId,
      index: 0,
      base64: Buffer.alloc(IMPORT_CHUNK_BYTES + 3).toString('base64'),
    });
    expect(oversized).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await call(admin, 'imports.begin', { entity: 'customers', fileName: 'x.csv', size: 600 * 1024 * 1024 }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(admin, 'imports.begin', { entity: 'orders', fileName: 'x.csv', size: 10 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('runs one import at a time, in the background: other calls are answered meanwhile', async () => {
    const { b, admin, ok, call, upload, finished } = await store();
    const bytes = bigCustomerCsv(30_000);
    const uploadId = await upload(admin, 'customers', 'big.csv', bytes);
    const { jobId } = await ok<{ jobId: string }>(admin, 'imports.start', { uploadId, dryRun: false });

    expect((await ok<ImportJobStatus>(admin, 'imports.status', { jobId })).state).toBe('running');
    const second = await call(admin, 'imports.begin', { entity: 'customers', fileName: 'b.csv', size: 10 });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('big.csv') },
    });
    expect(await call(admin, 'imports.errors', { jobId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Calls keep being answered while the job runs, and they see its progress move.
    const seen: number[] = [];
    let answeredWhileRunning = 0;
    for (;;) {
      expect(await call(admin, 'clerks.list', {})).toMatchObject({ ok: true });
      const st = await ok<ImportJobStatus>(admin, 'imports.status', { jobId });
      if (st.state !== 'running') break;
      answeredWhileRunning++;
      seen.push(st.progress.linesRead);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(answeredWhileRunning).toBeGreaterThan(1);
    expect(new Set(seen).size).toBeGreaterThan(1);
    const done = await finished(admin, jobId);
    expect(done.report).toMatchObject({ rowsRead: 30_000, inserted: 30_000, failed: 0, hasRejectedRows: false });
    expect(customerCount(b)).toBe(30_000);
    expect(await call(admin, 'imports.begin', { entity: 'customers', fileName: 'b.csv', size: 10 })).toMatchObject({
      ok: true,
    });
  }, 60_000);

  it('refuses to restore a backup while an import writes to the store, and restores once it has finished', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'store.db');
    const lifecycle = openStore({ dbPath, backupDir: path.join(dir, 'backups'), now: () => NOW, log: () => {} });
    const admin = newSession();
    const ok = async <T>(m: string, input: unknown): Promise<T> => {
      const r = (await lifecycle.dispatch(m, input, admin)) as Envelope<T>;
      if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    await ok('app.setupEmpty', { clerkName: 'Ada Admin', pin: '5555' });
    const backup = await ok<{ name: string }>('backups.run', {});
    const bytes = bigCustomerCsv(20_000);
    const { uploadId, chunkBytes } = await ok<ImportUpload>('imports.begin', {
      entity: 'customers',
      fileName: 'big.csv',
      size: bytes.length,
    });
    for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
      await ok('imports.chunk', { uploadId, index: i, base64: bytes.subarray(at, at + chunkBytes).toString('base64') });
    }
    const { jobId } = await ok<{ jobId: string }>('imports.start', { uploadId, dryRun: false });
    expect(await lifecycle.dispatch('backups.restore', { name: backup.name }, admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('import is running') },
    });
    let st: ImportJobStatus;
    do st = await ok<ImportJobStatus>('imports.status', { jobId });
    while (st.state === 'running' && (await pause()));
    expect(st).toMatchObject({ state: 'done', report: { inserted: 20_000 } });
    expect(await lifecycle.dispatch('backups.restore', { name: backup.name }, admin)).toMatchObject({ ok: true });
    lifecycle.close();
  });

  it('keeps only whole batches when the store closes mid-import, and the same file again continues where it stopped', async () => {
    const { b, dbPath, admin, ok, upload } = await store();
    const bytes = bigCustomerCsv(20_000);
    const uploadId = await upload(admin, 'customers', 'big.csv', bytes);
    const { jobId } = await ok<{ jobId: string }>(admin, 'imports.start', { uploadId, dryRun: false });
    let st: ImportJobStatus;
    do {
      await new Promise((r) => setTimeout(r, 2));
      st = await ok<ImportJobStatus>(admin, 'imports.status', { jobId });
    } while (st.state === 'running' && st.progress.linesRead < 4_000);
    expect(st.state).toBe('running');
    // What a restore does to the open store while an import runs.
    b.close();

    const reopened = startBackend({ dbPath, now: () => NOW });
    const again = newSession();
    const answer = async <T>(m: string, input: unknown) => {
      const r = (await reopened.dispatch(m, input, again)) as Envelope<T>;
      if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
      return r.value;
    };
    await answer('session.signIn', { clerkId: 1, pin: '5555' });
    let failed: ImportJobStatus;
    do failed = await answer<ImportJobStatus>('imports.status', { jobId });
    while (failed.state === 'running' && (await pause()));
    expect(failed).toMatchObject({
      state: 'failed',
      report: null,
      error: { code: 'CONFLICT', message: expect.stringContaining('import the same file again') },
    });
    const kept = customerCount(reopened);
    expect(kept % 2_000).toBe(0);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(20_000);

    const { uploadId: second, chunkBytes } = await answer<ImportUpload>('imports.begin', {
      entity: 'customers',
      fileName: 'big.csv',
      size: bytes.length,
    });
    for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
      await answer('imports.chunk', {
        uploadId: second,
        index: i,
        base64: bytes.subarray(at, at + chunkBytes).toString('base64'),
      });
    }
    const resumed = await answer<{ jobId: string }>('imports.start', { uploadId: second, dryRun: false });
    let done: ImportJobStatus;
    do done = await answer<ImportJobStatus>('imports.status', resumed);
    while (done.state === 'running' && (await pause()));
    expect(done.report).toMatchObject({ rowsRead: 20_000, inserted: 20_000, resumedFromLine: kept + 1 });
    expect(customerCount(reopened)).toBe(20_000);
    reopened.close();
  }, 60_000);
});

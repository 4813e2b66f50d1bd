// A German store's till import speaks German (issue #18): why each row was refused, in the rejected-rows file the
// back office hands out, with a stable code beside the words for a script; why the file was read in its encoding;
// and the refusals of the sign-in, set-up and join inputs. Real CSV files through the real import, and the real
// dispatcher for the back office. The expected sentences come from the catalogue (wordError), not typed here; one
// German phrase per family is, to show the catalogue was not just English copied over.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { customerDraftSchema } from '@common/contract';
import { wordError, words, type Envelope, type ErrorValues, type ErrorKey, type WireError } from '@common/errors';
import { createFormat } from '@common/format';
import { translator } from '@common/i18n';
import type { ImportJobStatus, ImportUpload, RejectedRowsFile } from '@common/imports';
import { startBackend, type Backend } from '../../main/backend';
import { newSession, type Session } from '../../main/ipc/session';
import { createCustomer } from '../../main/services/customers';
import { importCsv } from '../../main/services/import';
import { zodWords } from '../../main/services/zod-words';
import { tempDir, tempStore } from '../helpers/temp-store';

const DE = 'de-DE';
const KOELN = { name: 'Filiale Köln', timeZone: 'Europe/Berlin', locale: DE, currency: 'EUR' };
const german = (key: ErrorKey, values: ErrorValues = {}) => wordError(words(key, values), DE);

function writeCsv(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

/** The rejected-rows file as a script reads it: line, reason, reason_code, then the file's own columns. */
const rejected = (text: string | Buffer) =>
  (parse(text, { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[]).map((r) => ({
    line: r.line,
    reason: r.reason,
    code: r.reason_code,
  }));

const HEADER = 'First Name,Last Name,Phone,Email,Card,Birthday,Opt-in,City';
/** Each row refused for one reason of its own (line 2 onwards), and one imported with a birthday without its year. */
const BAD_CUSTOMERS = [
  HEADER,
  'Nuala,Quinn,,,2000010000003,,,',
  'Bad,Date,,,,31.02.1990,,',
  'Bad,Flag,,,,,vielleicht,',
  'Bad,Mail,,kein-mail,,,,',
  ',,,,,,,Köln',
  'Extra,Fields,,,,,,,x,y',
  `Long,Town,,,,,,${'x'.repeat(101)}`,
  'Síle,Moran,,,,--07-21,,',
].join('\n');

/**
 * What the rows of lines 3 to 8 above are refused for, in catalogue words: the same the import must give. (Line 2's
 * card is someone else's only where that someone is stored.)
 */
function refusedRows(): [string, ErrorKey, ErrorValues][] {
  // Zod's own words for a malformed address, as the customer schema gives them in German.
  const mail = customerDraftSchema.safeParse({ email: 'kein-mail' }, zodWords(DE));
  return [
    ['3', 'importRow.notACalendarDate', { column: 'Birthday', value: '31.02.1990' }],
    ['4', 'importRow.notYesNo', { column: 'Opt-in', value: 'vielleicht' }],
    ['5', 'importRow.invalidValue', { column: 'Email', problem: mail.error!.issues[0]!.message }],
    ['6', 'importRow.noIdentity', {}],
    ['7', 'importRow.fieldCount', { fields: 10, header: 8 }],
    ['8', 'importRow.tooLong', { column: 'City', max: 100 }],
  ];
}
const asRejected = (rows: [string, ErrorKey, ErrorValues][]) =>
  rows.map(([line, key, values]) => ({ line, reason: german(key, values), code: key }));

describe('the till import of a German store', () => {
  it('words why each customer row was refused in German, a code beside it, and notes a yearless birthday in German', async () => {
    const s = tempStore(undefined, { locale: DE });
    const mary = createCustomer(s.ctx, { firstName: 'Mary', lastName: "O'Brien", loyaltyId: '2000010000003' });
    const r = await importCsv(s.ctx, { entity: 'customers', file: writeCsv('kunden.csv', BAD_CUSTOMERS) });
    expect(r).toMatchObject({ inserted: 1, failed: 7, conflicts: 1 });

    const held = words('importRow.held.customer', { name: "Mary O'Brien", id: mary.id });
    const conflict = { identifier: '2000010000003', held, name: 'Nuala Quinn' };
    const rows = rejected(fs.readFileSync(r.errorFile!));
    expect(rows).toEqual(asRejected([['2', 'importRow.conflict.card', conflict], ...refusedRows()]));
    expect(rows[0]!.reason).toBe(
      `die Kundenkarte 2000010000003 gehört Mary O'Brien (Kunde ${mary.id}), nicht Nuala Quinn; nichts wurde geändert`,
    );
    expect(rows[1]!.reason).toBe('Birthday „31.02.1990“ ist kein Tag, den es im Kalender gibt');
    expect(rows[3]!.reason).toMatch(/^Email: /);
    expect(rows[3]!.reason).not.toContain('Invalid');

    const notes = s.db.prepare("SELECT notes FROM customers WHERE last_name = 'Moran'").pluck().get();
    const day = createFormat(s.ctx.config).monthDay(7, 21);
    expect(notes).toBe(translator(DE)('imports.yearlessBirthday', { day }));
    expect(notes).toMatch(/^Geburtstag: 21\. Juli/);
  });

  it('words why each purchase line was refused in German, a whole receipt with its bad line', async () => {
    const s = tempStore(undefined, { locale: DE });
    createCustomer(s.ctx, { firstName: 'Ann', lastName: 'Murphy', loyaltyId: 'C-1' });
    const file = writeCsv(
      'bons.csv',
      [
        'Receipt,Card,Date,SKU,Qty,Price',
        'R-1,C-1,,S1,1,1.00',
        'R-2,C-9,2026-11-01 10:00,S1,1,1.00',
        'R-3,C-1,2026-11-01 10:00,S1,0,1.00',
        'R-3,C-1,2026-11-01 10:00,S2,1,1.00',
        'R-4,,2026-11-01 10:00,S1,1,',
      ].join('\n'),
    );
    const r = await importCsv(s.ctx, { entity: 'purchases', file });
    expect(r).toMatchObject({ inserted: 0, failed: 5 });
    const rows = rejected(fs.readFileSync(r.errorFile!));
    const each = (...reasons: [ErrorKey, ErrorValues?][]) => ({
      reason: reasons.map(([k, v]) => german(k, v)).join('; '),
      code: reasons.map(([k]) => k).join('; '),
    });
    expect(rows).toEqual([
      { line: '2', ...each(['importRow.noDate']) },
      { line: '3', ...each(['importRow.receipt.noCustomer']) },
      { line: '4', ...each(['importRow.quantityNotPositive']) },
      { line: '5', ...each(['importRow.receipt.otherLineInvalid', { receipt: 'R-3', line: 4 }]) },
      { line: '6', ...each(['importRow.noUnitPrice'], ['importRow.noCustomer']) },
    ]);
    expect(rows[2]!.reason).toBe('die Menge muss größer als 0 sein');
    expect(rows[3]!.reason).toBe('eine andere Zeile von Bon R-3 ist ungültig (Zeile 4)');
  });

  it('says in German why it read a file as Windows-1252, with a code for scripts', async () => {
    const s = tempStore(undefined, { locale: DE });
    const file = writeCsv('alt.csv', Buffer.from('Name\nZoë Müller\n', 'latin1'));
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ encoding: 'windows-1252', encodingReasonCode: 'windows1252', inserted: 1 });
    expect(r.encodingReason).toBe(
      'sie 2 Bytefolgen, die kein UTF-8 sind (die erste in Zeile 2) und kein Zeichen in UTF-8 enthält, wie Exporte in Windows-1252',
    );
  });
});

/** A German terminal and store, set up as the first-run screen does, with its admin signed in. */
async function inGermanStore(use: (b: Backend, admin: Session) => Promise<void>) {
  const b = startBackend({ dbPath: path.join(tempDir(), 'store.db'), log: () => {}, config: { locale: DE } });
  const admin = newSession();
  try {
    const set = await b.dispatch('app.setupEmpty', { clerkName: 'Ada', pin: '2468', store: KOELN }, admin);
    expect(set).toMatchObject({ ok: true });
    await use(b, admin);
  } finally {
    b.close();
  }
}

async function ok<T>(b: Backend, s: Session, method: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(method, input, s)) as Envelope<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const refusalOf = (e: { ok: boolean; error?: WireError }) => (e.ok ? null : e.error);

describe('the back office of a German store', () => {
  it('imports through the Import tab: the encoding and the rejected rows it hands out read German', () =>
    inGermanStore(async (b, admin) => {
      const bytes = Buffer.from(BAD_CUSTOMERS, 'utf8');
      const { uploadId } = await ok<ImportUpload>(b, admin, 'imports.begin', {
        entity: 'customers',
        fileName: 'kunden.csv',
        size: bytes.length,
      });
      await ok(b, admin, 'imports.chunk', { uploadId, index: 0, base64: bytes.toString('base64') });
      const { jobId } = await ok<{ jobId: string }>(b, admin, 'imports.start', { uploadId, dryRun: true });
      let job: ImportJobStatus;
      do {
        await new Promise((r) => setTimeout(r, 10));
        job = await ok<ImportJobStatus>(b, admin, 'imports.status', { jobId });
      } while (job.state === 'running');
      expect(job.report).toMatchObject({ encodingReasonCode: 'utf8', failed: 6 });
      expect(job.report!.encodingReason).toBe(translator(DE)('importEncoding.utf8'));
      expect(job.report!.encodingReason).toBe('die ganze Datei gültiges UTF-8 ist');

      const file = await ok<RejectedRowsFile>(b, admin, 'imports.errors', { jobId });
      expect(rejected(file.text)).toEqual(asRejected(refusedRows()));
    }));

  it('refuses a PIN, a name, a hub address and an erasure without a reason in German, naming the field', async () => {
    const b = startBackend({ dbPath: path.join(tempDir(), 'store.db'), log: () => {}, config: { locale: DE } });
    try {
      const pin = await b.dispatch('app.setupEmpty', { clerkName: 'Ada', pin: '12', store: KOELN }, newSession());
      expect(refusalOf(pin)).toEqual({
        code: 'VALIDATION',
        message: `pin: ${german('clerks.pin')}`,
        reason: 'clerks.pin',
      });
      expect(german('clerks.pin')).toBe('eine PIN hat 4 bis 8 Ziffern');
      const name = await b.dispatch('app.setupEmpty', { clerkName: '  ', pin: '2468', store: KOELN }, newSession());
      expect(refusalOf(name)).toEqual({
        code: 'VALIDATION',
        message: `clerkName: ${german('clerks.yourName')}`,
        reason: 'clerks.yourName',
      });
    } finally {
      b.close();
    }
    await inGermanStore(async (store, admin) => {
      const join = await store.dispatch('chain.join', { hubUrl: ' ', code: 'ABCD' }, admin);
      expect(refusalOf(join)).toMatchObject({ message: `hubUrl: ${german('sync.enterAddress')}` });
      const erase = await store.dispatch('customers.erase', { customerId: 1, reason: ' ', confirmName: 'x' }, admin);
      expect(refusalOf(erase)).toMatchObject({
        message: `reason: ${german('privacy.sayWhy')}`,
        reason: 'privacy.sayWhy',
      });
      const restore = await store.dispatch('backups.restore', { name: 'store.db' }, admin);
      expect(refusalOf(restore)).toMatchObject({ message: `name: ${german('backups.notABackupName')}` });
    });
  });
});

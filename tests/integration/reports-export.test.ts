import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { LogInteractionInput } from '@common/contract';
import { nameKey } from '@common/normalize';
import { createFormat } from '@common/format';
import { CATALOGUES, translator } from '@common/i18n';
import { runCli } from '../../main/cli/run';
import type { StoreConfig } from '../../main/services/context';
import { createCustomer } from '../../main/services/customers';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { neutralizeFormula } from '../../main/services/csv-out';
import { CSV_COLUMNS, exportCsv } from '../../main/services/reports/csv';
import { exportPdf } from '../../main/services/reports/pdf';
import { fitText } from '../../main/services/reports/pdf-text';
import { reviewInteraction } from '../../main/services/reports/review';
import { readPdf } from '../helpers/read-pdf';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

function logAt(s: TempStore, iso: string, input: LogInteractionInput, clerkId = s.clerkId) {
  s.setNow(iso);
  return logInteraction(s.ctx, clerkId, input);
}

const TRICKY = [
  'He said "no", then left\nand came back',
  '=HYPERLINK("http://evil.example","click")',
  '+353 87 123 4567',
  '-5 off the price',
  '@SUM(A1:A2)',
  '\tindented',
  '\rcarriage',
  'plain, with a comma',
  'Café crème, naïve',
];

function trickyDay(config: Partial<StoreConfig> = {}) {
  const s = tempStore('2026-11-20T08:00:00.000Z', { storeId: 'dublin/docks 1', storeName: 'Dublin Docks', ...config });
  const zoe = createCustomer(s.ctx, { firstName: 'Zoë', lastName: "O'Brien" }).id;
  const evil = createCustomer(s.ctx, { firstName: '=cmd|', lastName: "'/C calc'!A0" }).id;
  const ids = TRICKY.map(
    (notes, i) =>
      logAt(s, `2026-11-20T${String(9 + i).padStart(2, '0')}:15:00.000Z`, {
        customerId: i === 1 ? evil : zoe,
        kind: 'inquiry',
        outcome: 'resolved',
        sentiment: 4,
        notes,
        said: notes,
        suggestionTemplateId: i === 0 ? 'welcome-back' : null,
      }).id,
  );
  s.setNow('2026-11-20T19:00:00.000Z');
  amendInteraction(s.ctx, s.clerkId, {
    interactionId: ids[7]!,
    reason: 'typo',
    notes: 'plain, with a comma (amended)',
  });
  reviewInteraction(s.ctx, s.clerkId, { interactionId: ids[0]!, flagged: true, note: 'Ask about the "no"' });
  return { s, ids };
}

describe('CSV export', () => {
  it('is RFC 4180: header, CRLF records, quoted fields with doubled quotes, embedded line breaks kept', () => {
    const { s } = trickyDay();
    const csv = exportCsv(s.ctx, s.clerkId, '2026-11-20', '2026-11-20');
    expect(csv.fileName).toBe('counterpart-dublin-docks-1-2026-11-20.csv');
    expect(csv.rows).toBe(TRICKY.length);
    expect(
      csv.content.startsWith(
        'date,time,clerk,customer,kind,outcome,sentiment,notes,said,follow-up due,suggestion,amended,flagged,review note,severity,remedy,goodwill cents,root cause,approved by\r\n',
      ),
    ).toBe(true);
    expect(csv.content.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.content).toContain('"He said ""no"", then left\nand came back"');
    expect(csv.content).toContain('"Ask about the ""no"""');
    expect(csv.content.endsWith('\r\n')).toBe(true);
    const records = parse(csv.content, { record_delimiter: '\r\n' }) as string[][];
    expect(records).toHaveLength(TRICKY.length + 1);
    expect(records.map((r) => r.length)).toEqual(records.map(() => CSV_COLUMNS.length));
    // The last five columns are a complaint's recovery: none here.
    expect(records[1]).toEqual([
      '2026-11-20',
      '09:15',
      'Aoife Byrne',
      "Zoë O'Brien",
      'inquiry',
      'resolved',
      '4',
      'He said "no", then left\nand came back',
      'He said "no", then left\nand came back',
      '',
      'welcome-back',
      '0',
      'yes',
      'Ask about the "no"',
      '',
      '',
      '',
      '',
      '',
    ]);
    // What was said is the original's: an amendment corrects the notes, not the words spoken.
    expect(records[8]!.slice(7, 14)).toEqual([
      'plain, with a comma (amended)',
      'plain, with a comma',
      '',
      '',
      '1',
      '',
      '',
    ]);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const { s } = trickyDay();
    const records = parse(exportCsv(s.ctx, null, '2026-11-20', '2026-11-20').content) as string[][];
    const notes = records.slice(1).map((r) => r[7]);
    expect(notes.slice(1, 7)).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      "'+353 87 123 4567",
      "'-5 off the price",
      "'@SUM(A1:A2)",
      "'\tindented",
      "'\rcarriage",
    ]);
    expect(notes[8]).toBe('Café crème, naïve');
    // What the clerk said goes through the same guard.
    expect(records.slice(2, 8).map((r) => r[8])).toEqual(notes.slice(1, 7));
    expect(records[2]![3]).toBe(`'=cmd| '/C calc'!A0`);
    expect(neutralizeFormula('2026-11-20')).toBe('2026-11-20');
    expect(neutralizeFormula('')).toBe('');
  });

  it('adds a UTF-8 byte-order mark when asked, for spreadsheets', () => {
    const { s } = trickyDay();
    const csv = exportCsv(s.ctx, null, '2026-11-20', '2026-11-20', true);
    expect(csv.content.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv.content, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((parse(csv.content, { bom: true }) as string[][])[0]![0]).toBe('date');
  });

  it('covers a date range and is audited with counts only', () => {
    const { s } = trickyDay();
    logAt(s, '2026-11-22T10:00:00.000Z', {
      customerId: null,
      kind: 'other',
      outcome: 'resolved',
      notes: 'two days later',
    });
    const csv = exportCsv(s.ctx, s.clerkId, '2026-11-20', '2026-11-22');
    expect(csv.rows).toBe(TRICKY.length + 1);
    expect(csv.fileName).toBe('counterpart-dublin-docks-1-2026-11-20_2026-11-22.csv');
    expect((parse(csv.content) as string[][]).at(-1)!.slice(0, 4)).toEqual([
      '2026-11-22',
      '10:00',
      'Aoife Byrne',
      'walk-in',
    ]);
    const log = s.db.prepare("SELECT clerk_id, subject, details FROM audit_log WHERE event = 'export'").all() as {
      clerk_id: number;
      subject: string;
      details: string;
    }[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ clerk_id: s.clerkId, subject: 'reports.csv' });
    expect(JSON.parse(log[0]!.details)).toEqual({
      format: 'csv',
      from: '2026-11-20',
      to: '2026-11-22',
      rows: TRICKY.length + 1,
      store: s.ctx.config.storeName,
    });
    expect(() => exportCsv(s.ctx, null, '2026-11-22', '2026-11-20')).toThrow(/before it starts/);
  });
});

/** 5,000 interactions on one day, inserted the way an import would (one transaction), names outside Latin-1 included. */
function busyDay(s: TempStore, day: string, n: number): void {
  const names = [
    ['Zoë', 'Ní Bhriain'],
    ['王', '芳'],
    ['Seán', 'Müller'],
    ['Ann', 'Lee'],
  ];
  const customers = names.map(([f, l]) => createCustomer(s.ctx, { firstName: f!, lastName: l! }).id);
  const ins =
    s.db.prepare(`INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, notes, clerk_id, terminal_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'counter-1')`);
  const kinds = ['inquiry', 'purchase', 'return', 'complaint', 'pickup'];
  const outcomes = ['resolved', 'resolved', 'resolved', 'escalated', 'unresolved'];
  s.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.parse(`${day}T08:00:00.000Z`) + Math.floor((i * 12 * 3_600_000) / n)).toISOString();
      const notes =
        i % 7 === 0 ? `Long note ${i}: ${'the customer explained the whole story again '.repeat(4)}` : `note ${i}`;
      ins.run(
        customers[i % customers.length],
        at,
        day,
        kinds[i % kinds.length],
        outcomes[i % outcomes.length],
        (i % 5) + 1,
        notes,
        s.clerkId,
      );
    }
  })();
}

describe('PDF report', () => {
  it('has the store, date, KPI labels, charts and the entries, names in any European or Chinese script included', async () => {
    const { s } = trickyDay();
    const wang = createCustomer(s.ctx, { firstName: '王芳', lastName: 'Zoë' }).id;
    const lukasz = createCustomer(s.ctx, { firstName: 'Łukasz', lastName: 'Krzyżanowski' }).id;
    logAt(s, '2026-11-20T20:00:00.000Z', {
      customerId: wang,
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2026-11-21',
      notes: 'Ελληνικά and 😀',
    });
    logAt(s, '2026-11-20T20:30:00.000Z', {
      customerId: lukasz,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'Zapytał o gwarancję; Ж',
    });
    const pdf = await exportPdf(s.ctx, s.clerkId, '2026-11-20', '2026-11-20');
    expect(pdf.fileName).toBe('counterpart-dublin-docks-1-2026-11-20.pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const { numPages, text } = await readPdf(pdf.base64);
    expect(numPages).toBe(pdf.pages);
    const all = [...text.values()].join(' ');
    for (const label of [
      'Dublin Docks',
      createFormat(s.ctx.config).weekdayDay('2026-11-20'),
      'Interactions',
      'Resolved',
      'Avg sentiment',
      'Complaints',
      'Follow-ups created',
      'Follow-ups overdue',
      'Suggestions used',
      'Interactions per hour by outcome',
      'Interactions per clerk',
      "Zoë O'Brien",
      'Café crème',
      'FLAGGED',
    ]) {
      expect(all, label).toContain(label);
    }
    for (const printed of ['王芳 Zoë', 'Łukasz Krzyżanowski', 'Ελληνικά and ?', 'Zapytał o gwarancję; Ж'])
      expect(all, printed).toContain(printed);
    expect(all).not.toContain('😀'); // no bundled face has emoji
    expect(all).toContain('Said: “Café crème, naïve”'); // what the clerk said, under the notes
    expect(text.get(numPages)).toContain(`Page ${numPages} of ${numPages}`);
    const log = s.db.prepare("SELECT details FROM audit_log WHERE event = 'export'").get() as { details: string };
    expect(JSON.parse(log.details)).toEqual({
      format: 'pdf',
      from: '2026-11-20',
      to: '2026-11-20',
      rows: TRICKY.length + 2,
      pages: pdf.pages,
      store: s.ctx.config.storeName,
    });
  });

  it('writes dates and numbers the way the store locale does', async () => {
    const dublin = await readPdf((await exportPdf(trickyDay().s.ctx, null, '2026-11-20', '2026-11-20')).base64, [1]);
    expect(dublin.text.get(1)).toContain('Fri 20 Nov 2026');
    expect(dublin.text.get(1)).toContain('100%');
    const { s } = trickyDay({ locale: 'de-DE', timeZone: 'Europe/Berlin', currency: 'PLN' });
    const page = (await readPdf((await exportPdf(s.ctx, null, '2026-11-20', '2026-11-20')).base64, [1])).text.get(1)!;
    expect(page).toContain('Fr., 20. Nov. 2026');
    expect(page).toContain('100 %'); // resolved, with the space German puts before the sign
    expect(page).not.toContain('Fri 20 Nov');
  });

  it('prints its words in the store language: headings, KPI labels, outcomes and page numbers', async () => {
    const { s } = trickyDay({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    const { numPages, text } = await readPdf((await exportPdf(s.ctx, null, '2026-11-20', '2026-11-20')).base64);
    const all = [...text.values()].join(' ');
    const de = CATALOGUES.de;
    for (const words of [
      ...Object.values(de.pdf.kpi),
      de.pdf.perHour,
      de.pdf.perClerk,
      de.pdf.col.customer,
      de.label.outcome.resolved,
      de.pdf.flagged,
    ]) {
      expect(all, words).toContain(words);
    }
    expect(text.get(numPages)).toContain(translator('de-DE')('pdf.page', { page: numPages, pages: numPages }));
    for (const english of Object.values(CATALOGUES.en.pdf.kpi)) expect(all, english).not.toContain(english);
  });

  it('prints an empty day on one page', async () => {
    const s = tempStore();
    const pdf = await exportPdf(s.ctx, null, '2026-11-20', '2026-11-20');
    const { numPages, text } = await readPdf(pdf.base64);
    expect(numPages).toBe(1);
    expect(text.get(1)).toContain('No interactions were logged.');
    expect(text.get(1)).toContain('Page 1 of 1');
  });

  it('breaks a 5,000-entry day over many numbered pages, repeating the table header', async () => {
    const s = tempStore('2026-11-20T18:00:00.000Z', { storeName: 'Busy Store' });
    busyDay(s, '2026-11-20', 5000);
    const pdf = await exportPdf(s.ctx, null, '2026-11-20', '2026-11-20');
    expect(pdf.pages).toBeGreaterThan(80);
    const { numPages, text } = await readPdf(pdf.base64, [1, 2, pdf.pages]);
    expect(numPages).toBe(pdf.pages);
    expect(text.get(1)).toContain(`Page 1 of ${numPages}`);
    expect(text.get(1)).toContain('Busy Store');
    expect(text.get(2)).toContain(`Page 2 of ${numPages}`);
    for (const n of [2, numPages]) {
      expect(text.get(n)).toMatch(/Time\s+Clerk\s+Customer\s+Kind\s+Outcome/);
    }
    expect(text.get(numPages)).toContain('note 4999');
  }, 60_000);

  it('prints each text in the face that has all its characters, and "?" only for what neither face has', () => {
    expect(fitText('Zoë Seán Müller €5 “quotes” – ok')).toEqual({
      face: 'text',
      text: 'Zoë Seán Müller €5 “quotes” – ok',
    });
    expect(fitText('Łukasz Dvořák Şahin Ж', true)).toEqual({ face: 'text-bold', text: 'Łukasz Dvořák Şahin Ж' });
    expect(fitText('王芳 Zoe\u0308')).toEqual({ face: 'text-cjk', text: '王芳 Zoë' });
    expect(fitText('王芳 😀 김민준', true)).toEqual({ face: 'text-cjk', text: '王芳 ? ???' });
    expect(fitText('Ελληνικά 😀')).toEqual({ face: 'text', text: 'Ελληνικά ?' });
    expect(fitText('a\r\nb\tc\u0007')).toEqual({ face: 'text', text: 'a\nb c ' });
  });
});

describe('report command', () => {
  function cli() {
    const { s } = trickyDay();
    const dir = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ storeName: 'Dublin Docks', timeZone: 'Europe/Dublin', storeId: 'docks' }),
    );
    const io = {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: { COUNTERPART_CONFIG: config },
    };
    const run = (...argv: string[]) => runCli(['report', ...argv], io);
    return { s, dir, out, err, run };
  }

  it('writes CSV, JSON and PDF files and says so in one line', async () => {
    const { s, dir, out, err, run } = cli();
    const csvFile = path.join(dir, 'day.csv');
    expect(await run('--date', '2026-11-20', '--format', 'csv', '--out', csvFile, '--db', s.file, '--bom')).toBe(0);
    expect(fs.readFileSync(csvFile).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fs.readFileSync(csvFile, 'utf8')).toContain("'=HYPERLINK");
    const jsonFile = path.join(dir, 'day.json');
    expect(
      await run('--date', '2026-11-19', '--to', '2026-11-20', '--format', 'json', '--out', jsonFile, '--db', s.file),
    ).toBe(0);
    const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    expect(report).toMatchObject({
      storeName: 'Dublin Docks',
      from: '2026-11-19',
      to: '2026-11-20',
      kpis: { interactions: TRICKY.length },
    });
    expect(report.entries).toHaveLength(TRICKY.length);
    const pdfFile = path.join(dir, 'day.pdf');
    expect(await run('--date', '2026-11-20', '--format', 'pdf', '--out', pdfFile, '--db', s.file)).toBe(0);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    expect(err).toEqual([]);
    expect(out).toHaveLength(3);
    expect(out.every((l) => l.endsWith('\n') && l.split('\n').length === 2)).toBe(true);
    expect(out[0]).toMatch(/CSV report for 2026-11-20 \(9 interactions\)/);
    const events = s.db
      .prepare("SELECT json_extract(details, '$.format') AS f FROM audit_log WHERE event = 'export' ORDER BY id")
      .all();
    expect(events).toEqual([{ f: 'csv' }, { f: 'json' }, { f: 'pdf' }]);
  });

  it('exits 2 with one line on bad arguments, writing nothing', async () => {
    const { s, dir, out, err, run } = cli();
    const file = path.join(dir, 'x.csv');
    const cases: [string[], RegExp][] = [
      [['--format', 'csv', '--out', file, '--db', s.file], /--date is required/],
      [['--date', '2026-13-01', '--format', 'csv', '--out', file, '--db', s.file], /not a calendar date/],
      [
        ['--date', '2026-11-20', '--to', '2026-11-19', '--format', 'csv', '--out', file, '--db', s.file],
        /before it starts/,
      ],
      [
        ['--date', '2026-11-20', '--format', 'xlsx', '--out', file, '--db', s.file],
        /--format must be one of csv, json, pdf/,
      ],
      [['--date', '2026-11-20', '--format', 'csv', '--db', s.file], /--out FILE is required/],
      [
        ['--date', '2026-11-20', '--format', 'csv', '--out', file, '--db', s.file, '--colour'],
        /Unknown option '--colour'/,
      ],
    ];
    for (const [argv, message] of cases) {
      err.length = 0;
      expect(await run(...argv), argv.join(' ')).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      expect(err[0]!.trimEnd().split('\n')).toHaveLength(1);
    }
    // A missing store is not a mistake in the arguments: exit 1, one line, and no file created in its place.
    err.length = 0;
    expect(await run('--date', '2026-11-20', '--format', 'csv', '--out', file, '--db', path.join(dir, 'none.db'))).toBe(
      1,
    );
    expect(err).toEqual([
      `No database at ${path.join(dir, 'none.db')}: pass --db FILE, or create a demo store with "counterpart seed".\n`,
    ]);
    expect(out).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false);
  });
});

describe('search folding', () => {
  it('uses the same keys as customer names', () => {
    expect(nameKey('Café CRÈME')).toBe('cafe creme');
  });
});

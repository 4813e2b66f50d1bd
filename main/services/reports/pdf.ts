import type { TFunction } from 'i18next';
import PDFDocument from 'pdfkit';
import { INTERACTION_OUTCOMES } from '@common/domain';
import { OUTCOME_COLOUR } from '@common/outcome-colours';
import type { DayEntry, KpiValues, PdfExport, RangeReport, StoreSelection } from '@common/reports';
import { createFormat, type Format } from '@common/format';
import { type CATALOGUES, translator } from '@common/i18n';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { exportFileName } from './csv';
import { rangeReport } from './range';
import { FACES, registerReportFaces } from './pdf-fonts';
import { cleanText, fitText } from './pdf-text';

type Doc = PDFKit.PDFDocument;

const MARGIN = 36;
const FOOTER = 18;
const FONT = FACES.regular;
const BOLD = FACES.bold;
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';

/** A KPI as the store writes numbers: a count, an average to two places or a percentage; '–' for none. */
const count = (f: Format, v: number | null) => (v === null ? '–' : f.number(v, 2));
const pct = (f: Format, v: number | null) => (v === null ? '–' : f.percent(v));

/** Selects the face that can print `text` (see fitText) and returns the text as it will print. */
function face(doc: Doc, text: string, bold = false): string {
  const fit = fitText(text, bold);
  doc.font(fit.face);
  return fit.text;
}

/** The store's Format and the words of its language: everything printed goes through these two. */
interface Words {
  f: Format;
  t: TFunction;
}

function rangeLabel(r: RangeReport, { f, t }: Words): string {
  return r.from === r.to
    ? f.weekdayDay(r.from)
    : t('pdf.range', { from: f.calendarDay(r.from), to: f.calendarDay(r.to) });
}

function header(doc: Doc, r: RangeReport, w: Words): void {
  doc
    .fontSize(18)
    .fillColor(INK)
    .text(face(doc, r.storeName, true), MARGIN, MARGIN, { width: doc.page.width - 2 * MARGIN });
  doc
    .fontSize(11)
    .fillColor(MUTED)
    .text(
      face(doc, w.t('pdf.header', { range: rangeLabel(r, w), zone: r.timeZone, printed: w.f.dateTime(r.generatedAt) })),
    );
}

/** Each tile: its label's key under pdf.kpi and its value. */
const KPI_TILES: [keyof typeof CATALOGUES.en.pdf.kpi, (k: KpiValues, f: Format) => string][] = [
  ['interactions', (k, f) => count(f, k.interactions)],
  ['resolved', (k, f) => pct(f, k.resolvedPct)],
  ['sentiment', (k, f) => count(f, k.avgSentiment)],
  ['complaints', (k, f) => count(f, k.complaints)],
  ['followUpsCreated', (k, f) => count(f, k.followUpsCreated)],
  ['followUpsOverdue', (k, f) => count(f, k.followUpsOverdue)],
  ['suggestionsUsed', (k, f) => pct(f, k.suggestionsUsedPct)],
];

function kpiTiles(doc: Doc, k: KpiValues, { f, t }: Words, y: number): number {
  const w = (doc.page.width - 2 * MARGIN) / KPI_TILES.length;
  KPI_TILES.forEach(([label, value], i) => {
    const x = MARGIN + i * w;
    doc.roundedRect(x + 2, y, w - 4, 46, 4).fillAndStroke('#f5f7fa', RULE);
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text(face(doc, t(`pdf.kpi.${label}`)), x + 8, y + 7, { width: w - 16, lineBreak: false });
    doc
      .font(BOLD)
      .fontSize(16)
      .fillColor(INK)
      .text(value(k, f), x + 8, y + 20, { width: w - 16, lineBreak: false });
  });
  return y + 56;
}

function hourChart(doc: Doc, r: RangeReport, { f, t }: Words, x: number, y: number, w: number, h: number): void {
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(face(doc, t('pdf.perHour'), true), x, y, { lineBreak: false });
  let lx = x;
  for (const o of INTERACTION_OUTCOMES) {
    doc.rect(lx, y + 16, 7, 7).fill(OUTCOME_COLOUR[o]);
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor(MUTED)
      .text(face(doc, t(`label.outcome.${o}`)), lx + 10, y + 16, { lineBreak: false });
    lx += 62;
  }
  const top = y + 30;
  const plotH = h - 44;
  const left = x + 24;
  const plotW = w - 24;
  const max = Math.max(1, ...r.byHour.map((b) => b.total));
  doc.font(FONT).fontSize(7).fillColor(MUTED);
  doc.text(f.number(max), x, top - 3, { width: 20, align: 'right', lineBreak: false });
  doc.text('0', x, top + plotH - 6, { width: 20, align: 'right', lineBreak: false });
  doc
    .moveTo(left, top + plotH)
    .lineTo(left + plotW, top + plotH)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  const slot = plotW / 24;
  for (const b of r.byHour) {
    let base = top + plotH;
    for (const o of INTERACTION_OUTCOMES) {
      const segment = (b.byOutcome[o] / max) * plotH;
      if (segment > 0) {
        doc.rect(left + b.hour * slot + 1, base - segment, slot - 2, segment).fill(OUTCOME_COLOUR[o]);
        base -= segment;
      }
    }
    if (b.hour % 3 === 0) {
      doc
        .font(FONT)
        .fontSize(7)
        .fillColor(MUTED)
        .text(String(b.hour).padStart(2, '0'), left + b.hour * slot, top + plotH + 3, { lineBreak: false });
    }
  }
}

function clerkChart(doc: Doc, r: RangeReport, { f, t }: Words, x: number, y: number, w: number, h: number): void {
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(face(doc, t('pdf.perClerk'), true), x, y, { lineBreak: false });
  const rows = r.perClerk.slice(0, 10);
  if (rows.length === 0) {
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text(face(doc, t('pdf.noInteractions')), x, y + 20);
    return;
  }
  const labelW = 90;
  const barH = Math.min(12, (h - 24) / rows.length - 3);
  const max = Math.max(1, ...rows.map((c) => c.interactions));
  rows.forEach((c, i) => {
    const by = y + 20 + i * (barH + 3);
    doc
      .fontSize(7)
      .fillColor(INK)
      .text(face(doc, c.clerk.displayName), x, by + 1, { width: labelW - 4, lineBreak: false, ellipsis: true });
    const bw = Math.max(1, (c.interactions / max) * (w - labelW - 40));
    doc.rect(x + labelW, by, bw, barH).fill('#3b5bdb');
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor(MUTED)
      .text(f.number(c.interactions), x + labelW + bw + 4, by + 1, { lineBreak: false });
  });
  if (r.perClerk.length > rows.length) {
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor(MUTED)
      .text(face(doc, t('pdf.more', { count: r.perClerk.length - rows.length })), x, y + 20 + rows.length * (barH + 3));
  }
}

/**
 * Goodwill granted per clerk and complaints by root cause, side by side under the charts. At most ten clerks: a store
 * with more prints the rest as a count (the CSV has every grant).
 */
function recoveryBlock(doc: Doc, r: RangeReport, { f, t }: Words, y: number): number {
  const half = (doc.page.width - 2 * MARGIN) / 2;
  const line = 11;
  doc
    .fontSize(10)
    .fillColor(INK)
    .text(face(doc, t('pdf.goodwill'), true), MARGIN, y, { lineBreak: false });
  doc.text(face(doc, t('pdf.rootCauses'), true), MARGIN + half + 10, y, { lineBreak: false });
  const goodwill = r.recovery.goodwill.slice(0, 10);
  const rows = [
    ...goodwill.map((g) => {
      const grants = t('pdf.grants', { count: g.grants, name: g.clerk.displayName, amount: f.money(g.totalMinor) });
      return g.approvedMinor > 0 ? t('pdf.approved', { grants, amount: f.money(g.approvedMinor) }) : grants;
    }),
    ...(r.recovery.goodwill.length > goodwill.length
      ? [t('pdf.moreClerks', { count: r.recovery.goodwill.length - goodwill.length })]
      : []),
  ];
  const causes = r.recovery.rootCauses.map(
    (c) => `${t(`recovery.rootCause.${c.rootCause}`)}: ${f.number(c.complaints)}`,
  );
  doc.fontSize(8).fillColor(INK);
  (rows.length ? rows : [t('pdf.noGoodwill')]).forEach((text, i) => {
    doc.text(face(doc, text), MARGIN, y + 16 + i * line, { width: half - 20, lineBreak: false, ellipsis: true });
  });
  (causes.length ? causes : [t('pdf.noDiagnosis')]).forEach((text, i) => {
    doc.text(face(doc, text), MARGIN + half + 10, y + 16 + i * line, { width: half - 10, lineBreak: false });
  });
  return y + 16 + Math.max(rows.length, causes.length, 1) * line + 10;
}

interface Column {
  /** Its heading's key under pdf.col. */
  title: string;
  width: number;
  wrap?: boolean;
  cell: (e: DayEntry) => string;
}

function columns(r: RangeReport, { f, t }: Words, tableWidth: number): Column[] {
  const review = (e: DayEntry) =>
    [
      e.flagged ? t('pdf.flagged') : '',
      e.amendmentCount ? t('pdf.amended', { count: e.amendmentCount }) : '',
      e.reviewNote ?? '',
    ]
      .filter(Boolean)
      .join(' · ');
  const said = (e: DayEntry) => t('pdf.said', { said: e.said });
  const cols: (Column & { title: keyof typeof CATALOGUES.en.pdf.col })[] = [
    ...(r.from === r.to ? [] : [{ title: 'date' as const, width: 52, cell: (e: DayEntry) => f.shortDay(e.day) }]),
    { title: 'time', width: 30, cell: (e) => e.localTime },
    { title: 'clerk', width: 78, wrap: true, cell: (e) => e.clerk.displayName },
    { title: 'customer', width: 92, wrap: true, cell: (e) => e.customer?.displayName ?? t('pdf.walkIn') },
    { title: 'kind', width: 50, cell: (e) => t(`label.kind.${e.kind}`) },
    { title: 'outcome', width: 54, cell: (e) => t(`label.outcome.${e.outcome}`) },
    { title: 'sentiment', width: 26, cell: (e) => (e.sentiment === null ? '' : String(e.sentiment)) },
    {
      title: 'notes',
      width: 0,
      wrap: true,
      cell: (e) => (e.said ? `${e.notes}${e.notes ? '\n' : ''}${said(e)}` : e.notes),
    },
    { title: 'followUp', width: 54, cell: (e) => (e.followUpDue ? f.calendarDay(e.followUpDue) : (e.followUp ?? '')) },
    { title: 'review', width: 110, wrap: true, cell: review },
  ];
  // The notes take the width the others leave.
  const fixed = cols.reduce((s, c) => s + c.width, 0);
  return cols.map((c) => ({ ...c, title: t(`pdf.col.${c.title}`), width: c.width || tableWidth - fixed }));
}

const CELL_PAD = 3;
const TABLE_FONT = 7.5;

function tableHeader(doc: Doc, cols: Column[], y: number): number {
  doc.rect(MARGIN, y, doc.page.width - 2 * MARGIN, 14).fill('#e4e7eb');
  let x = MARGIN;
  doc.font(BOLD).fontSize(TABLE_FONT).fillColor(INK);
  for (const c of cols) {
    doc.text(face(doc, c.title, true), x + CELL_PAD, y + 4, { width: c.width - 2 * CELL_PAD, lineBreak: false });
    x += c.width;
  }
  return y + 16;
}

/** The entries table: wrapping cells, a new page with the header repeated whenever a row does not fit. */
function table(doc: Doc, r: RangeReport, w: Words, startY: number): void {
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  const cols = columns(r, w, doc.page.width - 2 * MARGIN);
  const bodyMax = doc.page.height - 2 * MARGIN - FOOTER - 16 - 2 * CELL_PAD;
  let y = startY;
  if (y + 40 > bottom()) {
    doc.addPage();
    y = MARGIN;
  }
  y = tableHeader(doc, cols, y);
  if (r.entries.length === 0) {
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor(MUTED)
      .text(face(doc, w.t('pdf.noEntries')), MARGIN, y + 4);
    return;
  }
  doc.font(FONT).fontSize(TABLE_FONT);
  r.entries.forEach((e, i) => {
    const cells = cols.map((c) => fitText(c.cell(e)));
    // Measuring a wrapped paragraph is the slow part of pdfkit; most cells fit on one line and skip it.
    const fits = cols.map((c, j) => {
      const { face: f, text } = cells[j]!;
      return !c.wrap || (!text.includes('\n') && doc.font(f).widthOfString(text) <= c.width - 2 * CELL_PAD);
    });
    let h = doc.font(FONT).currentLineHeight(true);
    cols.forEach((c, j) => {
      const { face: f, text } = cells[j]!;
      h = Math.max(
        h,
        fits[j]
          ? doc.font(f).currentLineHeight(true)
          : doc.font(f).heightOfString(text, { width: c.width - 2 * CELL_PAD }),
      );
    });
    h = Math.min(h, bodyMax);
    if (y + h + 2 * CELL_PAD > bottom()) {
      doc.addPage();
      y = tableHeader(doc, cols, MARGIN);
      doc.fontSize(TABLE_FONT);
    }
    if (i % 2 === 1) doc.rect(MARGIN, y, doc.page.width - 2 * MARGIN, h + 2 * CELL_PAD).fill('#f5f7fa');
    doc.fillColor(e.flagged ? '#c92a2a' : INK);
    let x = MARGIN;
    cols.forEach((c, j) => {
      const { face: f, text } = cells[j]!;
      if (text) {
        doc
          .font(f)
          .text(
            text,
            x + CELL_PAD,
            y + CELL_PAD,
            fits[j]
              ? { width: c.width - 2 * CELL_PAD, lineBreak: false }
              : { width: c.width - 2 * CELL_PAD, height: h, ellipsis: true },
          );
      }
      x += c.width;
    });
    y += h + 2 * CELL_PAD;
  });
}

function footers(doc: Doc, r: RangeReport, words: Words): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - MARGIN - 8;
    const w = doc.page.width - 2 * MARGIN;
    doc.fontSize(7.5).fillColor(MUTED);
    doc.text(face(doc, `${r.storeName} · ${rangeLabel(r, words)}`), MARGIN, y, { width: w / 2, lineBreak: false });
    doc.text(face(doc, words.t('pdf.page', { page: i - start + 1, pages: count })), MARGIN + w / 2, y, {
      width: w / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Lays the report out on A4 landscape pages; resolves to the finished PDF file. */
export function renderPdf(r: RangeReport, f: Format): Promise<{ pdf: Buffer; pages: number }> {
  const words: Words = { f, t: translator(f.locale) };
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Document properties are Unicode strings in any font: the title keeps the store name whole.
    info: {
      Title: words.t('pdf.title', { store: cleanText(r.storeName), range: rangeLabel(r, words) }),
      Creator: 'Counterpart',
      CreationDate: new Date(r.generatedAt),
    },
  });
  registerReportFaces(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, r, words);
  let y = kpiTiles(doc, r.kpis, words, doc.y + 10);
  const chartH = 170;
  const half = (doc.page.width - 2 * MARGIN) / 2;
  hourChart(doc, r, words, MARGIN, y, half - 20, chartH);
  clerkChart(doc, r, words, MARGIN + half + 10, y, half - 10, chartH);
  y += chartH + 12;
  y = recoveryBlock(doc, r, words, y);
  table(doc, r, words, y);
  footers(doc, r, words);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return done.then((pdf) => ({ pdf, pages }));
}

/** The range as a printable PDF, base64 for the IPC boundary. Audited with counts only. */
export async function exportPdf(
  ctx: ServiceContext,
  clerkId: number | null,
  from: string,
  to: string,
  store: StoreSelection = 'this',
): Promise<PdfExport> {
  const report = rangeReport(ctx, from, to, store);
  const { pdf, pages } = await renderPdf(report, createFormat(ctx.config));
  audit(ctx, clerkId, 'export', 'reports.pdf', {
    format: 'pdf',
    from,
    to,
    rows: report.entries.length,
    pages,
    store: report.storeName,
  });
  return { fileName: exportFileName(ctx, from, to, 'pdf', store), base64: pdf.toString('base64'), pages };
}

import PDFDocument from 'pdfkit';
import { INTERACTION_OUTCOMES, type InteractionOutcome } from '../../../common/domain';
import { OUTCOME_COLOUR } from '../../../common/outcome-colours';
import type { DayEntry, KpiValues, PdfExport, RangeReport, StoreSelection } from '../../../common/reports';
import { formatMoney } from '../../../common/money';
import { ROOT_CAUSE_LABEL } from '../../../common/recovery';
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
const OUTCOME_LABELS: Record<InteractionOutcome, string> = {
  resolved: 'Resolved',
  follow_up: 'Follow-up',
  escalated: 'Escalated',
  unresolved: 'Unresolved',
};

const fmt = (v: number | null, suffix = '') => (v === null ? '–' : `${v.toLocaleString('en-IE')}${suffix}`);

/** Selects the face that can print `text` (see fitText) and returns the text as it will print. */
function face(doc: Doc, text: string, bold = false): string {
  const fit = fitText(text, bold);
  doc.font(fit.face);
  return fit.text;
}

function rangeLabel(r: RangeReport): string {
  return r.from === r.to ? r.from : `${r.from} to ${r.to}`;
}

function header(doc: Doc, r: RangeReport): void {
  doc
    .fontSize(18)
    .fillColor(INK)
    .text(face(doc, r.storeName, true), MARGIN, MARGIN, { width: doc.page.width - 2 * MARGIN });
  doc
    .fontSize(11)
    .fillColor(MUTED)
    .text(
      face(
        doc,
        `Daily review  ·  ${rangeLabel(r)}  ·  times in ${r.timeZone}  ·  printed ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
      ),
    );
}

const KPI_TILES: [string, (k: KpiValues) => string][] = [
  ['Interactions', (k) => fmt(k.interactions)],
  ['Resolved', (k) => fmt(k.resolvedPct, '%')],
  ['Avg sentiment', (k) => fmt(k.avgSentiment)],
  ['Complaints', (k) => fmt(k.complaints)],
  ['Follow-ups created', (k) => fmt(k.followUpsCreated)],
  ['Follow-ups overdue', (k) => fmt(k.followUpsOverdue)],
  ['Suggestions used', (k) => fmt(k.suggestionsUsedPct, '%')],
];

function kpiTiles(doc: Doc, k: KpiValues, y: number): number {
  const w = (doc.page.width - 2 * MARGIN) / KPI_TILES.length;
  KPI_TILES.forEach(([label, value], i) => {
    const x = MARGIN + i * w;
    doc.roundedRect(x + 2, y, w - 4, 46, 4).fillAndStroke('#f5f7fa', RULE);
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text(label, x + 8, y + 7, { width: w - 16, lineBreak: false });
    doc
      .font(BOLD)
      .fontSize(16)
      .fillColor(INK)
      .text(value(k), x + 8, y + 20, { width: w - 16, lineBreak: false });
  });
  return y + 56;
}

function hourChart(doc: Doc, r: RangeReport, x: number, y: number, w: number, h: number): void {
  doc.font(BOLD).fontSize(10).fillColor(INK).text('Interactions per hour by outcome', x, y, { lineBreak: false });
  let lx = x;
  for (const o of INTERACTION_OUTCOMES) {
    doc.rect(lx, y + 16, 7, 7).fill(OUTCOME_COLOUR[o]);
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor(MUTED)
      .text(OUTCOME_LABELS[o], lx + 10, y + 16, { lineBreak: false });
    lx += 62;
  }
  const top = y + 30;
  const plotH = h - 44;
  const left = x + 24;
  const plotW = w - 24;
  const max = Math.max(1, ...r.byHour.map((b) => b.total));
  doc.font(FONT).fontSize(7).fillColor(MUTED);
  doc.text(String(max), x, top - 3, { width: 20, align: 'right', lineBreak: false });
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

function clerkChart(doc: Doc, r: RangeReport, x: number, y: number, w: number, h: number): void {
  doc.font(BOLD).fontSize(10).fillColor(INK).text('Interactions per clerk', x, y, { lineBreak: false });
  const rows = r.perClerk.slice(0, 10);
  if (rows.length === 0) {
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text('No interactions.', x, y + 20);
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
      .text(String(c.interactions), x + labelW + bw + 4, by + 1, { lineBreak: false });
  });
  if (r.perClerk.length > rows.length) {
    doc
      .font(FONT)
      .fontSize(7)
      .fillColor(MUTED)
      .text(`and ${r.perClerk.length - rows.length} more`, x, y + 20 + rows.length * (barH + 3));
  }
}

/**
 * Goodwill granted per clerk and complaints by root cause, side by side under the charts. At most ten clerks: a store
 * with more prints the rest as a count (the CSV has every grant).
 */
function recoveryBlock(doc: Doc, r: RangeReport, y: number): number {
  const half = (doc.page.width - 2 * MARGIN) / 2;
  const line = 11;
  doc.font(BOLD).fontSize(10).fillColor(INK).text('Goodwill granted per clerk', MARGIN, y, { lineBreak: false });
  doc.font(BOLD).text('Complaints by root cause', MARGIN + half + 10, y, { lineBreak: false });
  const goodwill = r.recovery.goodwill.slice(0, 10);
  const rows = [
    ...goodwill.map((g) => {
      const approved = g.approvedMinor > 0 ? ` (${formatMoney(g.approvedMinor)} approved by a manager)` : '';
      return `${g.clerk.displayName}: ${g.grants} ${g.grants === 1 ? 'grant' : 'grants'}, ${formatMoney(g.totalMinor)}${approved}`;
    }),
    ...(r.recovery.goodwill.length > goodwill.length
      ? [`and ${r.recovery.goodwill.length - goodwill.length} more clerks`]
      : []),
  ];
  const causes = r.recovery.rootCauses.map((c) => `${ROOT_CAUSE_LABEL[c.rootCause]}: ${c.complaints}`);
  doc.fontSize(8).fillColor(INK);
  (rows.length ? rows : ['No goodwill was granted.']).forEach((t, i) => {
    doc.text(face(doc, t), MARGIN, y + 16 + i * line, { width: half - 20, lineBreak: false, ellipsis: true });
  });
  (causes.length ? causes : ['No complaint was diagnosed.']).forEach((t, i) => {
    doc.font(FONT).text(t, MARGIN + half + 10, y + 16 + i * line, { width: half - 10, lineBreak: false });
  });
  return y + 16 + Math.max(rows.length, causes.length, 1) * line + 10;
}

interface Column {
  title: string;
  width: number;
  wrap?: boolean;
  cell: (e: DayEntry) => string;
}

function columns(r: RangeReport, tableWidth: number): Column[] {
  const review = (e: DayEntry) =>
    [e.flagged ? 'FLAGGED' : '', e.amendmentCount ? `amended ×${e.amendmentCount}` : '', e.reviewNote ?? '']
      .filter(Boolean)
      .join(' · ');
  const cols: Column[] = [
    ...(r.from === r.to ? [] : [{ title: 'Date', width: 52, cell: (e: DayEntry) => e.day }]),
    { title: 'Time', width: 30, cell: (e) => e.localTime },
    { title: 'Clerk', width: 78, wrap: true, cell: (e) => e.clerk.displayName },
    { title: 'Customer', width: 92, wrap: true, cell: (e) => e.customer?.displayName ?? 'walk-in' },
    { title: 'Kind', width: 50, cell: (e) => e.kind },
    { title: 'Outcome', width: 54, cell: (e) => OUTCOME_LABELS[e.outcome] },
    { title: 'Sent.', width: 26, cell: (e) => (e.sentiment === null ? '' : String(e.sentiment)) },
    {
      title: 'Notes',
      width: 0,
      wrap: true,
      cell: (e) => (e.said ? `${e.notes}${e.notes ? '\n' : ''}Said: “${e.said}”` : e.notes),
    },
    { title: 'Follow-up', width: 54, cell: (e) => e.followUpDue ?? (e.followUp ? e.followUp : '') },
    { title: 'Review', width: 110, wrap: true, cell: review },
  ];
  const fixed = cols.reduce((s, c) => s + c.width, 0);
  cols.find((c) => c.title === 'Notes')!.width = tableWidth - fixed;
  return cols;
}

const CELL_PAD = 3;
const TABLE_FONT = 7.5;

function tableHeader(doc: Doc, cols: Column[], y: number): number {
  doc.rect(MARGIN, y, doc.page.width - 2 * MARGIN, 14).fill('#e4e7eb');
  let x = MARGIN;
  doc.font(BOLD).fontSize(TABLE_FONT).fillColor(INK);
  for (const c of cols) {
    doc.text(c.title, x + CELL_PAD, y + 4, { width: c.width - 2 * CELL_PAD, lineBreak: false });
    x += c.width;
  }
  return y + 16;
}

/** The entries table: wrapping cells, a new page with the header repeated whenever a row does not fit. */
function table(doc: Doc, r: RangeReport, startY: number): void {
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  const cols = columns(r, doc.page.width - 2 * MARGIN);
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
      .text('No interactions were logged.', MARGIN, y + 4);
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

function footers(doc: Doc, r: RangeReport): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - MARGIN - 8;
    const w = doc.page.width - 2 * MARGIN;
    doc.fontSize(7.5).fillColor(MUTED);
    doc.text(face(doc, `${r.storeName} · ${rangeLabel(r)}`), MARGIN, y, { width: w / 2, lineBreak: false });
    doc
      .font(FONT)
      .text(`Page ${i - start + 1} of ${count}`, MARGIN + w / 2, y, { width: w / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Lays the report out on A4 landscape pages; resolves to the finished PDF file. */
export function renderPdf(r: RangeReport): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Document properties are Unicode strings in any font: the title keeps the store name whole.
    info: {
      Title: `${cleanText(r.storeName)} – daily review ${rangeLabel(r)}`,
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
  header(doc, r);
  let y = kpiTiles(doc, r.kpis, doc.y + 10);
  const chartH = 170;
  const half = (doc.page.width - 2 * MARGIN) / 2;
  hourChart(doc, r, MARGIN, y, half - 20, chartH);
  clerkChart(doc, r, MARGIN + half + 10, y, half - 10, chartH);
  y += chartH + 12;
  y = recoveryBlock(doc, r, y);
  table(doc, r, y);
  footers(doc, r);
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
  const { pdf, pages } = await renderPdf(report);
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

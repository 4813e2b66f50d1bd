import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { INTERACTION_OUTCOMES } from '@common/domain';
import { OUTCOME_COLOUR } from '@common/outcome-colours';
import { createCustomer } from '../../main/services/customers';
import { logInteraction } from '../../main/services/interactions';
import { exportPdf } from '../../main/services/reports/pdf';
import { tempStore } from '../helpers/temp-store';

/** Every fill colour the first page paints with, as #rrggbb. */
async function fillColours(base64: string): Promise<Set<string>> {
  const doc = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), useSystemFonts: false }).promise;
  const ops = await (await doc.getPage(1)).getOperatorList();
  const colours = new Set<string>();
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.setFillRGBColor) return;
    const args = ops.argsArray[i] as unknown[];
    const hex =
      typeof args[0] === 'string'
        ? args[0]
        : `#${(args as number[]).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
    colours.add(hex.toLowerCase());
  });
  await doc.destroy();
  return colours;
}

describe('outcome colours', () => {
  it("the PDF report paints each outcome in the colour the screen's charts use", async () => {
    const s = tempStore('2026-11-20T08:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Nora', lastName: 'Quinn' }).id;
    INTERACTION_OUTCOMES.forEach((outcome, i) => {
      s.setNow(`2026-11-20T1${i}:00:00.000Z`);
      logInteraction(s.ctx, s.clerkId, {
        customerId: c,
        kind: 'inquiry',
        outcome,
        ...(outcome === 'follow_up' ? { followUpDue: '2026-11-21' } : {}),
      });
    });
    const pdf = await exportPdf(s.ctx, s.clerkId, '2026-11-20', '2026-11-20');
    const painted = await fillColours(pdf.base64);
    for (const outcome of INTERACTION_OUTCOMES)
      expect(painted, outcome).toContain(OUTCOME_COLOUR[outcome].toLowerCase());
  });
});

// The daily review of complaints' recovery: goodwill granted per clerk and complaints by root cause, on the review
// screen's figures, in the CSV and in the PDF (issue #14, section 4).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createFormat } from '@common/format';
import { DEFAULT_CONFIG } from '../../main/services/context';
import { ROOT_CAUSE_LABEL, type Recovery } from '@common/recovery';
import { addClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { hashPin } from '../../main/services/pin-hash';
import { logWithApproval } from '../../main/services/recovery-approval';
import { type CSV_COLUMNS, exportCsv } from '../../main/services/reports/csv';
import { kpiReport } from '../../main/services/reports/kpis';
import { exportPdf } from '../../main/services/reports/pdf';
import { readPdf } from '../helpers/read-pdf';
import { tempStore } from '../helpers/temp-store';

/** Amounts as the store (default settings) writes them. */
const formatMoney = createFormat(DEFAULT_CONFIG).money;

const complaint = (customerId: number, r: Partial<Recovery>) => ({
  customerId,
  kind: 'complaint' as const,
  outcome: 'resolved' as const,
  recovery: {
    severity: 'serious',
    whatWentWrong: 'broke',
    remedy: 'refund',
    amountMinor: 0,
    rootCause: 'product_fault',
    ...r,
  } as Recovery,
});

async function dayWithGrants() {
  const s = tempStore('2026-11-20T09:00:00.000Z');
  const manager = addClerk(s.ctx, 'Mo Manager', 'manager', await hashPin('5555')).id;
  const cy = addClerk(s.ctx, 'Cy Clerk', 'clerk').id;
  const di = addClerk(s.ctx, 'Di Clerk', 'clerk').id;
  const tony = createCustomer(s.ctx, { firstName: 'Tony' }).id;
  await logWithApproval(s.ctx, cy, complaint(tony, { amountMinor: 1500, rootCause: 'wait', remedy: 'gift' }));
  await logWithApproval(s.ctx, cy, {
    ...complaint(tony, { amountMinor: 6000 }),
    approval: { managerId: manager, pin: '5555' },
  });
  await logWithApproval(s.ctx, di, complaint(tony, { amountMinor: 500, rootCause: 'wait', remedy: 'discount' }));
  await logWithApproval(s.ctx, di, complaint(tony, { remedy: 'none', rootCause: 'staff' }));
  await logWithApproval(s.ctx, di, { customerId: tony, kind: 'inquiry', outcome: 'resolved' });
  s.setNow('2026-11-21T09:00:00.000Z'); // another day: not in the 20th's review
  await logWithApproval(s.ctx, di, complaint(tony, { amountMinor: 900, rootCause: 'price' }));
  return { s, cy, di, manager };
}

describe('the review of recoveries', () => {
  it('sums goodwill per clerk (what a manager approved apart) and counts complaints by root cause, for the day', async () => {
    const { s, cy, di } = await dayWithGrants();
    expect(kpiReport(s.ctx, '2026-11-20').recovery).toEqual({
      goodwill: [
        { clerk: { id: cy, displayName: 'Cy Clerk' }, grants: 2, totalMinor: 7500, approvedMinor: 6000 },
        { clerk: { id: di, displayName: 'Di Clerk' }, grants: 1, totalMinor: 500, approvedMinor: 0 },
      ],
      rootCauses: [
        { rootCause: 'wait', complaints: 2 },
        { rootCause: 'product_fault', complaints: 1 },
        { rootCause: 'staff', complaints: 1 },
      ],
    });
  });

  it('puts each recovery in the CSV beside its entry', async () => {
    const { s } = await dayWithGrants();
    const [header, ...rows] = parse(exportCsv(s.ctx, null, '2026-11-20', '2026-11-20').content) as string[][];
    const col = (name: (typeof CSV_COLUMNS)[number]) => header!.indexOf(name);
    const recovery = rows.map((r) => [
      r[col('clerk')],
      r[col('remedy')],
      r[col('goodwill cents')],
      r[col('root cause')],
      r[col('approved by')],
    ]);
    expect(recovery).toEqual([
      ['Cy Clerk', 'gift', '1500', 'wait', ''],
      ['Cy Clerk', 'refund', '6000', 'product_fault', 'Mo Manager'],
      ['Di Clerk', 'discount', '500', 'wait', ''],
      ['Di Clerk', 'none', '0', 'staff', ''],
      ['Di Clerk', '', '', '', ''],
    ]);
  });

  it('prints both summaries in the PDF', async () => {
    const { s } = await dayWithGrants();
    const { text } = await readPdf((await exportPdf(s.ctx, null, '2026-11-20', '2026-11-20')).base64, [1]);
    const page = text.get(1)!;
    expect(page).toContain('Goodwill granted per clerk');
    expect(page).toContain(`Cy Clerk: 2 grants, ${formatMoney(7500)} (${formatMoney(6000)} approved by a manager)`);
    expect(page).toContain(`Di Clerk: 1 grant, ${formatMoney(500)}`);
    expect(page).toContain('Complaints by root cause');
    expect(page).toContain(`${ROOT_CAUSE_LABEL.wait}: 2`);
  });
});

import { exportCsv } from '../services/reports/csv';
import { dayReport } from '../services/reports/day-view';
import { assignFollowUp, counterQueue, listFollowUps } from '../services/reports/follow-ups';
import { kpiReport, trend } from '../services/reports/kpis';
import { exportPdf } from '../services/reports/pdf';
import { reviewInteraction } from '../services/reports/review';
import type { PartialHandlers } from './handlers';

/** The managers' daily review and the follow-up queue. */
export const reportHandlers: PartialHandlers = {
  'reports.day': (ctx, _call, i) => dayReport(ctx, i.day, i.filters),
  'reports.kpis': (ctx, _call, i) => kpiReport(ctx, i.day),
  'reports.trend': (ctx, _call, i) => trend(ctx, i.to, i.days),
  'reports.exportCsv': (ctx, { clerk }, i) => exportCsv(ctx, clerk.id, i.from, i.to, i.bom),
  'reports.exportPdf': (ctx, { clerk }, i) => exportPdf(ctx, clerk.id, i.from, i.to),
  'followups.list': (ctx, _call, i) => listFollowUps(ctx, i.limit),
  'followups.counter': (ctx, { clerk }) => counterQueue(ctx, clerk.id),
  'followups.assign': (ctx, _call, i) => assignFollowUp(ctx, i.interactionId, i.clerkId),
  'interactions.review': (ctx, { clerk }, i) => reviewInteraction(ctx, clerk.id, i),
};

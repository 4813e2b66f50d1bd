import { exportCsv } from '../services/reports/csv';
import { dayReport } from '../services/reports/day-view';
import { assignFollowUp, counterQueue, listFollowUps } from '../services/reports/follow-ups';
import { kpiReport, trend } from '../services/reports/kpis';
import { exportPdf } from '../services/reports/pdf';
import { reviewInteraction } from '../services/reports/review';
import { allowedStore, reviewStores } from '../services/reports/store-scope';
import type { PartialHandlers } from './handlers';

/**
 * The managers' daily review and the follow-up queue. The store a review shows is allowedStore's answer: beyond this
 * one only with the chain scope (FORBIDDEN otherwise).
 */
export const reportHandlers: PartialHandlers = {
  'reports.day': (ctx, { clerk }, i) => dayReport(ctx, i.day, i.filters, allowedStore(ctx, clerk.id, i.store)),
  'reports.kpis': (ctx, { clerk }, i) => kpiReport(ctx, i.day, allowedStore(ctx, clerk.id, i.store)),
  'reports.trend': (ctx, { clerk }, i) => trend(ctx, i.to, i.days, allowedStore(ctx, clerk.id, i.store)),
  'reports.exportCsv': (ctx, { clerk }, i) =>
    exportCsv(ctx, clerk.id, i.from, i.to, i.bom, allowedStore(ctx, clerk.id, i.store)),
  'reports.exportPdf': (ctx, { clerk }, i) =>
    exportPdf(ctx, clerk.id, i.from, i.to, allowedStore(ctx, clerk.id, i.store)),
  'reports.stores': (ctx, { clerk }) => reviewStores(ctx, clerk.id),
  'followups.list': (ctx, _call, i) => listFollowUps(ctx, i.limit),
  'followups.counter': (ctx, { clerk }) => counterQueue(ctx, clerk.id),
  'followups.assign': (ctx, _call, i) => assignFollowUp(ctx, i.interactionId, i.clerkId),
  'interactions.review': (ctx, { clerk }, i) => reviewInteraction(ctx, clerk.id, i),
};

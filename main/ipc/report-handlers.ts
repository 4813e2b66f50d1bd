import { AppError } from '../../common/errors';
import { requireClerk } from '../services/clerks';
import type { ServiceContext } from '../services/context';
import { exportCsv } from '../services/reports/csv';
import { dayReport } from '../services/reports/day-view';
import { assignFollowUp, counterQueue, listFollowUps } from '../services/reports/follow-ups';
import { kpiReport, trend } from '../services/reports/kpis';
import { exportPdf } from '../services/reports/pdf';
import { reviewInteraction } from '../services/reports/review';
import { allowedStore, reviewStores } from '../services/reports/store-scope';
import type { StoreSelection } from '../../common/reports';
import type { PartialHandlers } from './handlers';
import type { Session } from './session';

/** The signed-in clerk's id; the dispatcher has already checked the role, this re-reads who it is for the record. */
function actorId(ctx: ServiceContext, session: Session): number {
  if (session.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
  return requireClerk(ctx, session.clerkId).id;
}

/** The store the review may show this clerk: beyond this one only with the chain scope (FORBIDDEN otherwise). */
const store = (ctx: ServiceContext, session: Session, selection: StoreSelection) =>
  allowedStore(ctx, actorId(ctx, session), selection);

/** The managers' daily review and the follow-up queue. */
export const reportHandlers: PartialHandlers = {
  'reports.day': (ctx, s, i) => dayReport(ctx, i.day, i.filters, store(ctx, s, i.store)),
  'reports.kpis': (ctx, s, i) => kpiReport(ctx, i.day, store(ctx, s, i.store)),
  'reports.trend': (ctx, s, i) => trend(ctx, i.to, i.days, store(ctx, s, i.store)),
  'reports.exportCsv': (ctx, s, i) => exportCsv(ctx, actorId(ctx, s), i.from, i.to, i.bom, store(ctx, s, i.store)),
  'reports.exportPdf': (ctx, s, i) => exportPdf(ctx, actorId(ctx, s), i.from, i.to, store(ctx, s, i.store)),
  'reports.stores': (ctx, s) => reviewStores(ctx, actorId(ctx, s)),
  'followups.list': (ctx, s, i) => (actorId(ctx, s), listFollowUps(ctx, i.limit)),
  'followups.counter': (ctx, s) => counterQueue(ctx, actorId(ctx, s)),
  'followups.assign': (ctx, s, i) => (actorId(ctx, s), assignFollowUp(ctx, i.interactionId, i.clerkId)),
  'interactions.review': (ctx, s, i) => reviewInteraction(ctx, actorId(ctx, s), i),
};

import { AppError } from '../../common/errors';
import { requireClerk } from '../services/clerks';
import type { ServiceContext } from '../services/context';
import { importJobsFor, type ImportJobs } from '../services/import/jobs';
import { toWireError } from './dispatch';
import type { PartialHandlers } from './handlers';
import type { Session } from './session';

/** The dispatcher has checked the admin role; the import records who ran it. */
function actorId(ctx: ServiceContext, session: Session): number {
  if (session.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
  return requireClerk(ctx, session.clerkId).id;
}

// A job fails long after its call returned, so its unexpected errors are logged here rather than by the dispatcher.
const jobs = (ctx: ServiceContext): ImportJobs =>
  importJobsFor(ctx.db, (err) => toWireError(err, (message, e) => console.error(message, e), 'imports.start'));

/** The till import from the admin screen: upload in ordered chunks, then a background job the screen polls. */
export const importHandlers: PartialHandlers = {
  'imports.begin': (ctx, s, i) => jobs(ctx).begin(actorId(ctx, s), i),
  'imports.chunk': (ctx, s, i) => jobs(ctx).chunk(actorId(ctx, s), i),
  'imports.start': (ctx, s, i) => jobs(ctx).start(ctx, actorId(ctx, s), i),
  'imports.status': (ctx, _s, i) => jobs(ctx).status(i.jobId),
  'imports.latest': (ctx) => jobs(ctx).latest(),
  'imports.errors': (ctx, _s, i) => jobs(ctx).rejectedRows(i.jobId),
};

import type { ServiceContext } from '../services/context';
import { importJobsFor, type ImportJobs } from '../services/import/jobs';
import { toWireError } from './dispatch';
import type { PartialHandlers } from './handlers';

// A job fails long after its call returned, so its unexpected errors are logged here rather than by the dispatcher.
const jobs = (ctx: ServiceContext): ImportJobs =>
  importJobsFor(ctx.db, (err) =>
    toWireError(err, (message, e) => console.error(message, e), 'imports.start', ctx.config.locale),
  );

/** The till import from the admin screen: upload in ordered chunks, then a background job the screen polls; each records who ran it. */
export const importHandlers: PartialHandlers = {
  'imports.begin': (ctx, { clerk }, i) => jobs(ctx).begin(clerk.id, i),
  'imports.chunk': (ctx, { clerk }, i) => jobs(ctx).chunk(clerk.id, i),
  'imports.start': (ctx, { clerk }, i) => jobs(ctx).start(ctx, clerk.id, i),
  'imports.status': (ctx, _call, i) => jobs(ctx).status(i.jobId),
  'imports.latest': (ctx) => jobs(ctx).latest(),
  'imports.errors': (ctx, _call, i) => jobs(ctx).rejectedRows(i.jobId),
};

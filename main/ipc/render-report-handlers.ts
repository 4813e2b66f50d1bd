import { scrubText } from '../services/log-scrub';
import type { Logger } from './dispatch';
import type { PartialHandlers } from './handlers';

/**
 * At most this many render failures are written per minute. A part that throws on every render (a bad answer the
 * renderer keeps asking for) must not fill the 5 MB log and rotate away the start-up lines that explain it.
 */
export const RENDER_REPORTS_PER_MINUTE = 5;
/** How each of its lines starts: a reader of the log (or a test) tells them from the backend's own errors. */
export const RENDER_FAILURE = 'render failure:';
const WINDOW_MS = 60_000;

/** `app.reportRenderError`: one line in the main log per report, rate-limited for the whole process. */
export function renderReportHandlers(log: Logger): PartialHandlers {
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let dropped = 0;
  return {
    'app.reportRenderError': (ctx, _call, report) => {
      const now = ctx.now().getTime();
      if (now - windowStart >= WINDOW_MS) {
        if (dropped > 0)
          log(
            `${RENDER_FAILURE} ${dropped} more in the minute before were not logged (at most ${RENDER_REPORTS_PER_MINUTE} a minute)`,
          );
        windowStart = now;
        written = 0;
        dropped = 0;
      }
      if (written >= RENDER_REPORTS_PER_MINUTE) {
        dropped++;
        return null;
      }
      written++;
      // Masked here as well as by the log file's hook, so every transport (preview, tests) gets the same line.
      const where = report.componentStack ? ` [in ${report.componentStack}]` : '';
      log(scrubText(`${RENDER_FAILURE} ${report.part} could not be shown: ${report.message}${where}`));
      return null;
    },
  };
}

import log from 'electron-log/main';
import type { Logger } from '../ipc/dispatch';

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * File log under the user's log folder, rotated at 5 MB (one previous file kept). Only method names, error codes
 * and stacks are written; inputs and results never reach it, so no customer data lands on disk outside the store.
 */
export function createLog(): { log: typeof log; logger: Logger } {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : 'warn';
  log.errorHandler.startCatching({ showDialog: false });
  const logger: Logger = (message, err) => {
    if (err instanceof Error) log.error(message, `${err.name}: ${err.message}`, err.stack ?? '');
    else if (err !== undefined) log.error(message, typeof err);
    else log.warn(message);
  };
  return { log, logger };
}

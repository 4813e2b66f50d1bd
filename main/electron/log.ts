import log from 'electron-log/main';
import type { Logger } from '../ipc/dispatch';
import { scrubLogData } from '../services/log-scrub';

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * File log under the user's log folder, rotated at 5 MB (the previous file is kept as main.old.log, so at most
 * 10 MB). Only method names, error codes and stacks are written; inputs and results never reach it, and a hook
 * masks email addresses, phone-like numbers and PIN fields in anything that does.
 */
export function createLog(): { log: typeof log; logger: Logger } {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : 'warn';
  log.hooks.push((message) => ({ ...message, data: scrubLogData(message.data) }));
  log.errorHandler.startCatching({ showDialog: false });
  const logger: Logger = (message, err) => {
    if (err instanceof Error) log.error(message, err);
    else if (err !== undefined) log.error(message, typeof err);
    else log.warn(message);
  };
  return { log, logger };
}

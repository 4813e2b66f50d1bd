import { afterEach, beforeEach } from 'vitest';
import type { Io } from '../../main/cli/common';

/**
 * A terminal for runCli: what commands write to stdout and stderr, emptied before each test. COUNTERPART_DB is unset
 * for each test and restored after, so only --db decides which store a command opens.
 */
export function cliTerminal(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env.COUNTERPART_DB;
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
    delete process.env.COUNTERPART_DB;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.COUNTERPART_DB;
    else process.env.COUNTERPART_DB = saved;
  });
  return {
    io: { stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => err.push(t) }, env: process.env },
    out,
    err,
  };
}

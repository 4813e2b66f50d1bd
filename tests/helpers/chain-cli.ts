// The command line in this process, through the same runCli as bin/counterpart (main/cli.ts is that call and no
// more), without a child process's start-up: for tests whose point is not how the process starts.
import { runCli } from '../../main/cli/run';

export async function cliHere(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env,
  });
  return { code, out, err };
}

/** With the hub's PostgreSQL given the way IT gives it (COUNTERPART_PG_URL). */
export const chainCli = (pgUrl: string, ...argv: string[]) => cliHere(argv, { COUNTERPART_PG_URL: pgUrl });

// The command line in this process, through the same runCli as bin/counterpart, with the hub's PostgreSQL given the
// way IT gives it (COUNTERPART_PG_URL).
import { runCli } from '../../main/cli/run';

export async function chainCli(pgUrl: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { COUNTERPART_PG_URL: pgUrl },
  });
  return { code, out, err };
}

// `counterpart` on the command line: the app's services for IT, scripts and benchmarks. Runs in plain Node (via tsx);
// nothing here touches Electron.
import { runCli } from './cli/run';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

// `counterpart NAME…`: finds the command in the registry (a name may be two words, "hub enroll") and runs it through
// the one plumbing in command.ts. Groups ("hub", "customer") answer --help with their commands.
import { runCommand, usageLine, type Command } from './command';
import { EXIT, failure, UsageError, type ExitCode, type Io } from './common';
import { COMMANDS } from './registry';

/** The first words of the names: "seed", "hub", "customer"… */
const topNames = () => [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))];
const group = (word: string) => COMMANDS.filter((c) => c.name.startsWith(`${word} `));

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: counterpart COMMAND [ARGS] [--db FILE] [--json]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...COMMANDS.map((c) => `  ${usageLine(c)}`),
    '',
    "The database is --db FILE, else $COUNTERPART_DB, else the managed config's databasePath, else ./counterpart.db.",
    'Only init and seed create a database; every other command needs an existing one. COMMAND --help tells more.',
    'With --json the result is JSON on stdout, and so is a failure: {"code": …, "message": …}.',
    'Exit codes: 0 done, 1 failed (e.g. unknown customer, no store, damaged store), 2 bad arguments, 3 done but some rows were refused.',
    '',
  ].join('\n');
}

function groupHelp(commands: Command[]): string {
  return `Usage:\n${commands.map((c) => `  ${usageLine(c)}`).join('\n')}\n\n${commands.map((c) => `  ${c.name}: ${c.summary}.`).join('\n')}\nEach takes --help.\n`;
}

/** The command that argv names, and the arguments after its name; a group without a known subcommand throws. */
function resolve(argv: string[]): { command: Command; args: string[] } | { help: string } {
  const [first, second, ...rest] = argv;
  if (first === undefined) throw new UsageError(`Give a command: ${topNames().join(', ')}.`);
  const single = COMMANDS.find((c) => c.name === first);
  if (single) return { command: single, args: argv.slice(1) };
  const members = group(first);
  if (members.length === 0) throw new UsageError(`Unknown command "${first}". Commands: ${topNames().join(', ')}.`);
  const sub = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (sub) return { command: sub, args: rest };
  if (argv.includes('--help') || argv.includes('-h')) return { help: groupHelp(members) };
  const actions = members.map((c) => c.name.slice(first.length + 1)).join(', ');
  if (second === undefined || second.startsWith('-')) throw new UsageError(`Say what to do: ${actions}.`);
  throw new UsageError(`Unknown ${first} command "${second}": use ${actions}.`);
}

export async function runCli(argv: string[], io: Io): Promise<ExitCode> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(usage());
    return EXIT.ok;
  }
  let found: ReturnType<typeof resolve>;
  try {
    found = resolve(argv);
  } catch (err) {
    return failure(err, io, { json: argv.includes('--json') });
  }
  if ('help' in found) {
    io.stdout.write(found.help);
    return EXIT.ok;
  }
  return runCommand(found.command, found.args, io);
}

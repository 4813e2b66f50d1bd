// The command table of `counterpart`: each command parses its own arguments and returns an exit code.
import { BACKUP_USAGE, RESTORE_USAGE, runBackup, runRestore } from './backup-command';
import { EXIT, failure, UsageError, type Io } from './common';
import { HUB_USAGE, runHub } from './hub-command';
import { INIT_USAGE, runInit } from './init-command';
import { runImport } from './import-command';
import { LOG_USAGE, runLog } from './log-command';
import { runSearch, runShow, runSuggest, SEARCH_USAGE, SHOW_USAGE, SUGGEST_USAGE } from './lookup-commands';
import { PLAYBOOK_USAGE, runPlaybook } from './playbook-command';
import { CUSTOMER_UPDATE_USAGE, runCustomerUpdate } from './customer-update-command';
import { CUSTOMER_USAGE, runCustomer } from './privacy-command';
import { REPORT_USAGE, runReport } from './report-command';
import { runSeed, SEED_USAGE } from './seed-command';
import { runSync, SYNC_USAGE } from './sync-command';

type Command = { usage: string; summary: string; run: (args: string[], io: Io) => number | Promise<number> };

const COMMANDS: Record<string, Command> = {
  init: { usage: INIT_USAGE, summary: 'set up a new, empty store with its first admin (for IT)', run: runInit },
  seed: { usage: SEED_USAGE, summary: 'fill an empty database with the demo store', run: runSeed },
  search: { usage: SEARCH_USAGE, summary: 'look a customer up by name, phone, email or card', run: runSearch },
  show: { usage: SHOW_USAGE, summary: 'a customer profile and the newest history', run: runShow },
  suggest: { usage: SUGGEST_USAGE, summary: 'what to say next, and why', run: runSuggest },
  log: { usage: LOG_USAGE, summary: 'record an interaction at the counter', run: runLog },
  playbook: { usage: PLAYBOOK_USAGE, summary: 'export or import the response playbook (JSON)', run: runPlaybook },
  import: {
    usage: 'counterpart import customers|purchases FILE.csv [--mapping FILE.json] [--dry-run] [--error-file FILE] [--db FILE] [--json]',
    summary: 'import customers or purchases from the till (CSV)',
    run: (args, io) => runImport(args, io),
  },
  customer: {
    usage: `${CUSTOMER_UPDATE_USAGE}\n  ${CUSTOMER_USAGE}`,
    summary: "edit a customer, or a customer's data request: export or erase",
    run: (args, io) => (args[0] === 'update' ? runCustomerUpdate(args.slice(1), io) : runCustomer(args, io)),
  },
  report: { usage: REPORT_USAGE.replace(/^Usage: /, ''), summary: 'day or range report as CSV, JSON or PDF', run: (args, io) => runReport(args, io) },
  backup: { usage: BACKUP_USAGE, summary: 'an online, verified copy of the store', run: runBackup },
  restore: { usage: RESTORE_USAGE, summary: 'put a backup back in place of the store (refused while it is open)', run: runRestore },
  hub: { usage: HUB_USAGE, summary: 'run the chain hub, enrol and revoke terminals', run: runHub },
  sync: { usage: SYNC_USAGE, summary: 'this terminal and the chain hub: join, status, sync now', run: runSync },
};

export function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Usage: counterpart COMMAND [ARGS] [--db FILE] [--json]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    ...names.map((n) => `  ${COMMANDS[n]!.usage}`),
    '',
    'The database is --db FILE, else $COUNTERPART_DB, else the managed config\'s databasePath, else ./counterpart.db.',
    'Only init and seed create a database; every other command needs an existing one.',
    'Exit codes: 0 done, 1 failed (e.g. unknown customer, no store, damaged store), 2 bad arguments.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return EXIT.ok;
  }
  if (name === undefined) return failure(new UsageError(`Give a command: ${Object.keys(COMMANDS).join(', ')}.`), io);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return failure(new UsageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`), io);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    return failure(err, io);
  }
}

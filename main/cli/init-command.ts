// `counterpart init`: IT sets up a new, empty store with its first admin from a script, through the same createStore
// as the first-run screen. The PIN never appears on the command line (shell history, the process list): it comes
// from standard input or COUNTERPART_ADMIN_PIN.
import fs from 'node:fs';
import { pin as pinSchema } from '@common/contract';
import { storeIdentitySchema } from '@common/store-identity';
import { hasNoClerks } from '../services/clerks';
import { createStore } from '../services/store-setup';
import { command } from './command';
import { CliError, noMoreArguments, openStoreAt, UsageError, type Io } from './common';

export const PIN_ENV = 'COUNTERPART_ADMIN_PIN';

/** Standard input where the PIN is read; the command line passes none and process.stdin is used. */
export interface InitIo extends Io {
  stdin?: AsyncIterable<Buffer | string> & { isTTY?: boolean };
}

const FLAG_OF: Record<string, string> = {
  name: '--store-name',
  id: '--store-id',
  timeZone: '--time-zone',
  locale: '--locale',
  currency: '--currency',
};
const MAX_PIN_INPUT = 256;

export const init = command({
  name: 'init',
  summary: 'set up a new, empty store with its first admin (for IT)',
  usage: '--store-name NAME [--store-id ID] --time-zone ZONE --locale LOCALE --currency CODE --admin-name NAME',
  help: `The admin's PIN comes from standard input, or from $${PIN_ENV}; never from the command line. An existing file is refused.`,
  options: {
    'store-name': { type: 'string' },
    'store-id': { type: 'string' },
    'time-zone': { type: 'string' },
    locale: { type: 'string' },
    currency: { type: 'string' },
    'admin-name': { type: 'string' },
    // Declared only to refuse them with a sentence that says where the PIN goes instead.
    pin: { type: 'string' },
    'admin-pin': { type: 'string' },
  },
  async run({ values, positionals, io, storeFile }) {
    if (values.pin !== undefined || values['admin-pin'] !== undefined) {
      throw new UsageError(
        `The PIN is never taken from the command line; pipe it on standard input or set ${PIN_ENV}.`,
      );
    }
    noMoreArguments(positionals);
    const missing = ['store-name', 'time-zone', 'locale', 'currency', 'admin-name'].filter(
      (f) => values[f as keyof typeof values] === undefined,
    );
    if (missing.length) throw new UsageError(`Give ${missing.map((f) => `--${f}`).join(', ')}.`);
    const identity = storeIdentitySchema.safeParse({
      name: values['store-name'],
      id: values['store-id'],
      timeZone: values['time-zone'],
      locale: values.locale,
      currency: values.currency,
    });
    if (!identity.success) {
      const issue = identity.error.issues[0]!;
      const flag = FLAG_OF[String(issue.path[0])] ?? 'input';
      throw new UsageError(
        `${flag} must be ${issue.message.replace(/^enter /, '')}, not "${String(values[flag.slice(2) as keyof typeof values] ?? '')}".`,
      );
    }
    const adminName = values['admin-name']!.trim();
    if (!adminName) throw new UsageError('--admin-name cannot be empty.');

    const file = storeFile();
    if (fs.existsSync(file))
      throw new CliError('CONFLICT', `There is already a store at ${file}, and init only sets up a new one.`);
    const pin = await readPin(io as InitIo);

    // Opened here rather than through the plumbing's store(): a file this command made and could not set up is removed
    // after it is closed.
    const store = openStoreAt(file, io, { create: true });
    try {
      const { clerk, store: made } = await createStore(store.ctx, {
        store: identity.data,
        admin: { name: adminName, pin },
      });
      return {
        value: { db: store.file, store: made, admin: clerk },
        text:
          `Set up "${made!.name}" (store id ${made!.id}) at ${store.file}, with ${clerk.displayName} as its admin (clerk ${clerk.id}).\n` +
          'Next: sign in and add the clerks (Team tab), import customers (counterpart import customers FILE.csv), ' +
          'and set the backup folder (backupDirectory in the config file).',
      };
    } finally {
      // Setting up failed on the file this command just created: remove it, so nothing half set up is left behind. A
      // store with a clerk is somebody's (another process set it up meanwhile) and is kept.
      const unused = hasNoClerks(store.ctx);
      store.close();
      if (unused) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  },
});

/** COUNTERPART_ADMIN_PIN, else the first line on standard input; a terminal would echo it, so it is refused there. */
async function readPin(io: InitIo): Promise<string> {
  const fromEnv = io.env[PIN_ENV];
  let text: string;
  if (fromEnv !== undefined && fromEnv !== '') {
    text = fromEnv;
  } else {
    const stdin = io.stdin ?? process.stdin;
    if (stdin.isTTY)
      throw new UsageError(
        `Give the admin's PIN on standard input (printf 1234 | counterpart init …) or in ${PIN_ENV}; a terminal would show it.`,
      );
    text = '';
    for await (const chunk of stdin) {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (text.includes('\n') || text.length > MAX_PIN_INPUT) break;
    }
    text = text.split(/\r?\n/)[0]!;
  }
  if (!pinSchema.safeParse(text).success)
    throw new UsageError(`The admin's PIN must be 4 to 8 digits (from standard input or ${PIN_ENV}).`);
  return text;
}

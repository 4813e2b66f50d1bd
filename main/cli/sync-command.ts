// `counterpart sync …`: this terminal's side of the chain. join trades a one-time code for the terminal's credential
// (kept beside the store, never printed); status reads only this machine; now talks to the hub.
import { HubRefused, HubUnreachable } from '../sync/hub-client';
import type { BootstrapProgress } from '../sync/bootstrap';
import { joinHub } from '../sync/join';
import { syncNow, syncStatus } from '../sync/status';
import { openDatabase } from '../db/connection';
import { checkStoreFile } from '../db/store-file';
import { COMMON_OPTIONS, dbPath, EXIT, json, openStore, parse, positiveInt, UsageError, type Io } from './common';

export const SYNC_USAGE = 'counterpart sync join --hub URL --code CODE [--allow-http] | status | now [--history-days N]  [--db FILE] [--json]';

const copied = (p: BootstrapProgress) => `${p.phase} ${p.done}${p.total === null ? '' : ` of ${p.total}`}`;
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

/** The store this terminal syncs: resolved like every command's, and refused (exit 1, one sentence) when it is not there. */
function storeFile(flag: string | undefined, io: Io): string {
  const file = dbPath(flag, io);
  checkStoreFile(file, { write: false });
  return file;
}

export async function runSync(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...COMMON_OPTIONS,
    hub: { type: 'string' },
    code: { type: 'string' },
    'allow-http': { type: 'boolean' },
    'history-days': { type: 'string' },
  });
  const [action, ...extra] = positionals;
  const actions = ['join', 'status', 'now'];
  if (!action || !actions.includes(action)) {
    throw new UsageError(action ? `Unknown sync command "${action}": use ${actions.join(', ')}.` : `Say what to do: ${actions.join(', ')}.`);
  }
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (action !== 'join' && (values.hub !== undefined || values.code !== undefined)) throw new UsageError('--hub and --code belong to sync join.');
  if (action !== 'now' && values['history-days'] !== undefined) throw new UsageError('--history-days belongs to sync now.');
  const historyDays = positiveInt(values['history-days'], '--history-days', 36_500);
  const file = storeFile(values.db, io);
  try {
    if (action === 'join') {
      if (!values.hub) throw new UsageError('Give the hub address with --hub URL.');
      if (!values.code) throw new UsageError('Give the enrolment code with --code CODE (from counterpart hub enroll).');
      const db = openDatabase(file);
      let link;
      try {
        link = await joinHub({ dbFile: file, db, hubUrl: values.hub, code: values.code, allowHttp: values['allow-http'] });
      } finally {
        db.close();
      }
      if (values.json) json(io, link);
      else io.stdout.write(`Joined the hub at ${link.hubUrl} as ${link.terminal.name} at ${link.store.name}.\n`);
      return EXIT.ok;
    }
    if (action === 'status') {
      const db = openDatabase(file);
      let status;
      try {
        status = syncStatus(file, db);
      } finally {
        db.close();
      }
      if (values.json) json(io, status);
      else if (!status.joined) io.stdout.write('Not joined to a hub. Join with: counterpart sync join --hub URL --code CODE\n');
      else {
        io.stdout.write(
          [
            `Hub:        ${status.hubUrl}`,
            `Store:      ${status.store.name}`,
            `Terminal:   ${status.terminal.name}`,
            `Joined:     ${when(status.joinedAt)}`,
            `Last sync:  ${when(status.lastSync)}`,
            `Unsynced:   ${status.unsynced} changes`,
            ...(status.bootstrap ? [`First copy: ${copied(status.bootstrap)} (sync now goes on from there)`] : []),
            '',
          ].join('\n'),
        );
      }
      return EXIT.ok;
    }
    const store = openStore(values.db, io, { mustExist: true });
    try {
      // Progress goes to stdout as it happens, a line per batch; with --json only the result is printed.
      const say = (line: string) => !values.json && io.stdout.write(`${line}\n`);
      const result = await syncNow(store.ctx, file, {
        historyDays,
        progress: {
          upload: (sent, left) => say(`Sending this store's changes: ${sent} sent, ${left} to go.`),
          bootstrap: (p) => (p.total ?? 0) > 0 && say(`Copying the chain: ${copied(p)}.`),
        },
      });
      if (values.json) json(io, result);
      else {
        const { terminal, store: shop } = result.hello;
        io.stdout.write(`Synced ${terminal.name} at ${shop.name}: sent ${result.pushed} changes, received ${result.pulled}.\n`);
        if (result.restamped > 0) {
          io.stdout.write(`This terminal's clock is ahead of the hub's: ${result.restamped} changes were re-timed by the hub. Set the clock right.\n`);
        }
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  } catch (err) {
    if (!(err instanceof HubUnreachable || err instanceof HubRefused)) throw err;
    io.stderr.write(`${err.message}\n`);
    return EXIT.failed;
  }
}

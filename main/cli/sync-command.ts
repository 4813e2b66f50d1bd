// `counterpart sync …`: this terminal's side of the chain. join trades a one-time code for the terminal's credential
// (kept beside the store, never printed); status reads only this machine; now talks to the hub.
import type { BootstrapProgress } from '../sync/bootstrap';
import { HubUnreachable } from '../sync/hub-client';
import { joinHub } from '../sync/join';
import type { HubRestoreView } from '../sync/hub-restore';
import { syncNow, syncStatus } from '../sync/status';
import { command, type Outcome } from './command';
import { CliError, noMoreArguments, positiveInt, UsageError } from './common';

const copied = (p: BootstrapProgress) => `${p.phase} ${p.done}${p.total === null ? '' : ` of ${p.total}`}`;
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

/**
 * For `sync status` and `sync now`: what happened and what to do, in one sentence. English, as everything the CLI
 * says for IT; the header tells the clerk the same from the catalogue (sync.hubRestored).
 */
function hubRestoreSentence(v: HubRestoreView): string {
  return v.recovering
    ? `The hub's database went back to an earlier copy (noticed ${when(v.detectedAt)}): this terminal is sending ${v.resent} changes again and copying the chain anew; keep it running or run counterpart sync now until this line says done.`
    : `The hub's database went back to an earlier copy (noticed ${when(v.detectedAt)}): done, this terminal sent ${v.resent} changes again and copied the chain anew.`;
}

/** The hub out of reach is a failure with the hub's code for it; its refusals (HubRefused) carry their own code. */
async function reaching(fn: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await fn();
  } catch (err) {
    throw err instanceof HubUnreachable ? new CliError('UNAVAILABLE', err.message) : err;
  }
}

export const syncJoin = command({
  name: 'sync join',
  summary: "trade a one-time code from the hub's admin for this terminal's credential",
  usage: '--hub URL --code CODE [--allow-http]',
  help: 'Plain http:// is accepted only for a hub on this machine unless --allow-http.',
  options: { hub: { type: 'string' }, code: { type: 'string' }, 'allow-http': { type: 'boolean' } },
  run: ({ values, positionals, store }) =>
    reaching(async () => {
      noMoreArguments(positionals);
      if (!values.hub) throw new UsageError('Give the hub address with --hub URL.');
      if (!values.code) throw new UsageError('Give the enrolment code with --code CODE (from counterpart hub enroll).');
      const { file, ctx } = store();
      const link = await joinHub({
        dbFile: file,
        db: ctx.db,
        hubUrl: values.hub,
        code: values.code,
        allowHttp: values['allow-http'],
      });
      return { value: link, text: `Joined the hub at ${link.hubUrl} as ${link.terminal.name} at ${link.store.name}.` };
    }),
});

export const syncStatusCommand = command({
  name: 'sync status',
  summary: 'hub, store, terminal, last sync and unsynced changes, from this machine only',
  usage: '',
  options: {},
  run({ positionals, store }) {
    noMoreArguments(positionals);
    const { file, ctx } = store();
    const status = syncStatus(file, ctx.db);
    if (!status.joined)
      return { value: status, text: 'Not joined to a hub. Join with: counterpart sync join --hub URL --code CODE' };
    return {
      value: status,
      text: [
        `Hub:        ${status.hubUrl}`,
        `Store:      ${status.store.name}`,
        `Terminal:   ${status.terminal.name}`,
        `Joined:     ${when(status.joinedAt)}`,
        `Last sync:  ${when(status.lastSync)}`,
        `Unsynced:   ${status.unsynced} changes`,
        ...(status.bootstrap ? [`First copy: ${copied(status.bootstrap)} (sync now goes on from there)`] : []),
        ...(status.hubRestore ? [`Hub restore: ${hubRestoreSentence(status.hubRestore)}`] : []),
      ].join('\n'),
    };
  },
});

export const syncNowCommand = command({
  name: 'sync now',
  summary: "push this terminal's changes, pull everyone else's",
  usage: '[--history-days N]',
  help: 'A new terminal first copies the chain: every customer, then the history of the last N days (default 730).',
  options: { 'history-days': { type: 'string' } },
  run: ({ values, positionals, store, io, json }) =>
    reaching(async () => {
      noMoreArguments(positionals);
      const historyDays = positiveInt(values['history-days'], '--history-days', 36_500);
      const { file, ctx } = store();
      // Progress goes to stdout as it happens, a line per batch; with --json only the result is printed.
      const say = (line: string) => !json && io.stdout.write(`${line}\n`);
      const result = await syncNow(ctx, file, {
        historyDays,
        progress: {
          upload: (sent, left) => say(`Sending this store's changes: ${sent} sent, ${left} to go.`),
          bootstrap: (p) => (p.total ?? 0) > 0 && say(`Copying the chain: ${copied(p)}.`),
        },
      });
      const { terminal, store: shop } = result.hello;
      const lines = [
        `Synced ${terminal.name} at ${shop.name}: sent ${result.pushed} changes, received ${result.pulled}.`,
      ];
      if (result.hubRestore) lines.push(hubRestoreSentence(result.hubRestore));
      if (result.restamped > 0) {
        lines.push(
          `This terminal's clock is ahead of the hub's: ${result.restamped} changes were re-timed by the hub. Set the clock right.`,
        );
      }
      return { value: result, text: lines.join('\n') };
    }),
});

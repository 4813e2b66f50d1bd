// Noticing a hub whose PostgreSQL went back to an earlier copy (restored from a backup, or to a point in time), and
// putting the chain right from this terminal's side.
//
// Such a hub has lost what was committed after that point: changes this terminal sent and took out of its outbox,
// and the feed's numbers after it, which it hands out again to other changes. Two signs, each checked by the hub
// against what it holds now, so nothing a restore brings back with it (a table's random id would be) can hide it:
// - the pull cursor names the change it was read at (main/hub/feed.ts); the hub refuses a cursor whose change it does
//   not hold at that number, or one past its feed's end (CONFLICT);
// - every push and pull answer says how many of this terminal's changes the hub holds (`held`); fewer than it
//   acknowledged before means it lost some, even when this terminal had not yet read them back from the feed.
// Then, in one transaction: every change this terminal sent in the last SENT_KEPT_DAYS goes back into the outbox with
// its own stamp (replica.ts resendKept), and so do its clerk accounts; the cursor is dropped, so the next pull copies
// the chain as the hub holds it now (bootstrap.ts) and follows the feed from there. Nothing local is lost: what waits
// in the outbox keeps its value against whatever is pulled until the hub's verdict on it comes back, facts are kept
// once by global id, and re-sending what the hub still holds changes nothing.
import { z } from 'zod';
import type { DB } from '../db/connection';
import type { ServiceContext } from '../services/context';
import { needsBootstrap } from './bootstrap';
import { resendClerks } from './clerks-sync';
import type { HubLink } from './hub-link';
import { resendKept } from './replica';

export type RestoreSign = 'feed' | 'acknowledged';

const restoreSchema = z.object({
  detectedAt: z.string(),
  sign: z.enum(['feed', 'acknowledged']),
  /** Changes put back in the outbox. */
  resent: z.number(),
  /** The outbox's last mutation id then: the hub has them all again once none up to it is left. */
  resentUpTo: z.number(),
});
type RestoreRecord = z.infer<typeof restoreSchema>;

export interface HubRestoreView {
  detectedAt: string;
  /** Which sign gave it away: the feed no longer held what this terminal read, or fewer of its changes than it sent. */
  sign: RestoreSign;
  resent: number;
  /** Still sending those changes again or copying the chain; false once both are done. */
  recovering: boolean;
}

const stateOf = (db: DB, key: string) =>
  db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(key)?.value ?? null;
const setState = (db: DB, key: string, value: string) =>
  db
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value);

const heldSchema = z.object({ terminal: z.string(), held: z.number() });

/** The most of its changes the hub ever said it held, for this terminal id (a store that joins again starts over). */
export function heldByHub(db: DB, link: HubLink): number {
  const kept = stateOf(db, 'hubHeld');
  if (kept === null) return 0;
  const s = heldSchema.parse(JSON.parse(kept));
  return s.terminal === link.terminal.id ? s.held : 0;
}

/** Notes what the hub said it holds (a push's answer): it only grows while the hub keeps its history. */
export function noteHeld(db: DB, link: HubLink, held: number): void {
  if (held > heldByHub(db, link)) setState(db, 'hubHeld', JSON.stringify({ terminal: link.terminal.id, held }));
}

/** Whether an answer's `held` shows the hub lost changes it had acknowledged (`known`, read before asking). */
export const lostAcknowledged = (held: number | undefined, known: number) => held !== undefined && held < known;

/** One JSON line for the log: what was noticed and done, no personal data. */
export type RestoreLog = (line: Record<string, unknown>) => void;
const stderrLine: RestoreLog = (line) => console.warn(JSON.stringify(line));

/** Sends again what the hub may have lost and re-reads the chain from the start; see the top of this file. */
export function recoverFromHubRestore(
  ctx: ServiceContext,
  link: HubLink,
  sign: RestoreSign,
  log: RestoreLog = stderrLine,
): RestoreRecord {
  const db = ctx.db;
  const record = db
    .transaction((): RestoreRecord => {
      const resent = resendKept(db) + resendClerks(db);
      db.prepare("DELETE FROM sync_state WHERE key IN ('cursor', 'bootstrap', 'hubHeld')").run();
      const top = db.prepare<[], { m: number | null }>('SELECT max(mutation_id) AS m FROM sync_outbox').get()!.m;
      const r: RestoreRecord = { detectedAt: ctx.now().toISOString(), sign, resent, resentUpTo: top ?? 0 };
      setState(db, 'hubRestore', JSON.stringify(r));
      return r;
    })
    .immediate();
  log({
    event: 'sync.hub-restored',
    level: 'warn',
    at: record.detectedAt,
    hub: link.hubUrl,
    store: link.store.name,
    terminal: link.terminal.name,
    sign,
    resent: record.resent,
    action: 'resending this terminal’s changes and copying the chain again',
  });
  return record;
}

/**
 * The last restore this terminal noticed, and whether it is still putting things right; null if it never saw one.
 * Facts only: the header words it from the catalogue (sync.hubRestored), `sync status` in the CLI's English.
 */
export function hubRestoreView(db: DB): HubRestoreView | null {
  const kept = stateOf(db, 'hubRestore');
  if (kept === null) return null;
  const r = restoreSchema.parse(JSON.parse(kept));
  const left = db
    .prepare<[number], { n: number }>('SELECT count(*) AS n FROM sync_outbox WHERE mutation_id <= ?')
    .get(r.resentUpTo)!.n;
  return {
    detectedAt: r.detectedAt,
    sign: r.sign,
    resent: r.resent,
    recovering: left > 0 || needsBootstrap(db),
  };
}

// kill -9 in the middle of the chain's two long jobs, with real child processes, a real PostgreSQL and real SQLite
// files: a terminal killed while it copies the chain (bootstrap) and a hub killed while a store uploads what it held.
// After a restart both converge, with nothing duplicated.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@common/sync/ids';
import { openDatabase } from '../../../main/db/connection';
import { createCustomer } from '../../../main/services/customers';
import { BOOTSTRAP_PAGE, bootstrapProgress } from '../../../main/sync/bootstrap';
import { HUB_TIMEOUT_MS } from '../../../main/sync/hub-client';
import { readHubLink } from '../../../main/sync/hub-link';
import { unsyncedCount } from '../../../main/sync/replica';
import { PUSH_BATCH } from '../../../main/sync/session';
import { cliHere } from '../../helpers/chain-cli';
import { joinStore, useChain } from '../../helpers/chain-terminal';
import { ROOT } from '../../helpers/processes';
import { tempStore } from '../../helpers/temp-store';

const chain = useChain();
const { db } = chain;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** `counterpart ARGS` as a child process; resolves `seen(re)` when stdout has printed a match. */
function counterpart(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'counterpart.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, COUNTERPART_DB: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  const waiting: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    for (const w of [...waiting]) {
      const m = w.re.exec(out);
      if (m) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    output: () => ({ out, err }),
    seen: (re: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const m = re.exec(out);
        if (m) return resolve(m);
        waiting.push({ re, resolve });
        void exited.then(() => reject(new Error(`exited before printing ${re}: ${out}${err}`)));
      }),
  };
}

/** A store file that joined the hub at `hubUrl`, closed again so a child process can open it. */
async function joinedStore(
  hubUrl: string,
  store: string,
  fill?: (s: ReturnType<typeof tempStore>) => void,
): Promise<string> {
  const s = tempStore(new Date().toISOString());
  fill?.(s);
  await joinStore(db, hubUrl, s, store);
  s.db.close();
  return s.file;
}

/** How a terminal says the hub was too slow: no answer within its wait (HUB_TIMEOUT_MS). */
const SLOW = new RegExp(`no answer within ${HUB_TIMEOUT_MS / 1000} s`);
/** How long a test goes on trying while the hub answers too slowly, as the background sync would (with backoff). */
const RETRY_FOR_MS = 90_000;

/**
 * Runs `attempt` until it gets through: again while it reports the hub too slow to answer (`'slow'`), as the background
 * sync retries. A 200-customer batch on a loaded 2-core machine can take the hub longer than the terminal waits; the
 * hub may still take it, and the next attempt then skips it by its mutation ids.
 */
async function untilAnswered<T>(what: string, attempt: () => Promise<T | 'slow'>): Promise<T> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    const got = await attempt();
    if (got !== 'slow') return got;
    if (Date.now() > deadline) throw new Error(`${what}: the hub answered too slowly for ${RETRY_FOR_MS / 1000} s`);
  }
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('kill -9', () => {
  it('of a terminal while it copies the chain: it goes on from the last whole page after a restart and ends with every customer once', async () => {
    const { hub } = chain;
    // The chain's customers, written straight into the hub's tables (the push path is tested elsewhere; this is data).
    const seeder = await joinedStore(hub.url, 'Galway');
    const seedLink = readHubLink(seeder)!;
    const total = BOOTSTRAP_PAGE * 5;
    const ids = Array.from({ length: total }, (_, i) => uuidv7(Date.now() - total + i));
    await db.pool.query(
      `INSERT INTO customers (id, origin_store_id, origin_terminal_id, created_at) SELECT id, $2, $3, now() FROM unnest($1::uuid[]) AS id`,
      [ids, seedLink.store.id, seedLink.terminal.id],
    );
    await db.pool.query(
      `INSERT INTO customer_fields (customer_id, field, value, hlc)
       SELECT id, f.field, to_jsonb(f.field || ' ' || n), '000000000000001:00000:' || $2
         FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n), (VALUES ('firstName'), ('lastName')) AS f(field)`,
      [ids, seedLink.terminal.id],
    );

    const file = await joinedStore(hub.url, 'Cork');
    const first = counterpart(['sync', 'now', '--db', file]);
    await first.seen(/Copying the chain: customers \d+ of \d+\./);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const store = openDatabase(file);
    try {
      const kept = store.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()!.n;
      expect(kept).toBeGreaterThanOrEqual(BOOTSTRAP_PAGE);
      expect(kept).toBeLessThan(total);
      // A page is applied in slices (replica.ts): the kill may fall inside one, whose slices so far are kept, while
      // where the copy stands counts whole pages only, so the restart applies that page again from its start.
      const whole = Math.floor(kept / BOOTSTRAP_PAGE) * BOOTSTRAP_PAGE;
      expect(bootstrapProgress(store)).toEqual({ phase: 'customers', done: whole, total });
    } finally {
      store.close();
    }

    const again = counterpart(['sync', 'now', '--db', file]);
    expect(await again.exited).toEqual({ code: 0, signal: null });
    const printed = again.output().out;
    expect(printed).not.toMatch(`customers ${BOOTSTRAP_PAGE} of`); // went on from where it was, not from the start
    expect(printed).toMatch(`Copying the chain: customers ${total} of ${total}.`);
    const after = openDatabase(file);
    try {
      expect(after.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: total });
      expect(
        after.prepare("SELECT count(DISTINCT global_id) AS n FROM sync_ids WHERE entity = 'customer'").get(),
      ).toEqual({ n: total });
      expect(bootstrapProgress(after)).toBeNull();
    } finally {
      after.close();
    }
  }, 120_000);

  it('of a hub while a store uploads what it held: after a new hub starts, the hub has each customer once and the outbox is empty', async () => {
    const firstHub = counterpart(['hub', 'start', '--port', '0'], { COUNTERPART_PG_URL: db.url });
    const url = (await firstHub.seen(/listening on (\S+)/))[1]!;
    const held = PUSH_BATCH * 4;
    // Held before joining, so all of them wait in the outbox at once; one transaction, not a sync to disk each.
    const file = await joinedStore(url, 'Limerick', (s) =>
      s.db.transaction(() => {
        for (let i = 0; i < held; i++)
          createCustomer(s.ctx, { firstName: `Held${i}`, lastName: 'Upload', email: `held${i}@example.ie` }, s.clerkId);
      })(),
    );
    const link = readHubLink(file)!;
    // Killed once a batch has arrived (an upload whose first batch found the hub too slow is started again).
    const upload = await untilAnswered('the upload', async () => {
      const started = counterpart(['sync', 'now', '--db', file]);
      try {
        await started.seen(/Sending this store's changes: \d+ sent, \d+ to go\./);
        return started;
      } catch {
        expect(started.output().err).toMatch(SLOW);
        return 'slow';
      }
    });
    firstHub.child.kill('SIGKILL');
    expect(await firstHub.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const cut = await upload.exited;
    expect(cut.code).toBe(1);
    expect(upload.output().err).toMatch(/cannot be reached/);
    const landed = await count('SELECT count(*) AS n FROM customers WHERE origin_terminal_id = $1', [link.terminal.id]);
    expect(landed).toBeGreaterThanOrEqual(PUSH_BATCH);
    expect(landed).toBeLessThan(held);

    // A new hub process on the same address and database (a process of its own: a hub in this one, sharing its thread
    // with the terminal's retries, answered too slowly on a loaded machine); the terminal tries again.
    const port = new URL(url).port;
    const secondHub = counterpart(['hub', 'start', '--port', port], { COUNTERPART_PG_URL: db.url });
    await secondHub.seen(/listening on/);
    // The terminal tries again, as the background sync would, until the hub has answered every batch in time. The
    // same runCli the child above ran, here in this process.
    const retried = await untilAnswered('the retry', async () => {
      const { code, err } = await cliHere(['sync', 'now', '--db', file]);
      if (code === 0) return { code, err };
      expect(err).toMatch(SLOW);
      return 'slow';
    });
    expect(retried).toEqual({ code: 0, err: '' });
    secondHub.child.kill('SIGTERM');
    await secondHub.exited;

    expect(await count('SELECT count(*) AS n FROM customers WHERE origin_terminal_id = $1', [link.terminal.id])).toBe(
      held,
    );
    expect(
      await count("SELECT count(*) AS n FROM changes WHERE kind = 'upsert' AND origin_terminal_id = $1", [
        link.terminal.id,
      ]),
    ).toBe(held); // each change in the feed once: the retried batch was skipped by its mutation ids, not applied twice
    const store = openDatabase(file);
    try {
      expect(unsyncedCount(store)).toBe(0);
      // Its own customers once each (the copy of the chain then brought the other stores' customers too).
      expect(store.prepare("SELECT count(*) AS n FROM customers WHERE last_name = 'Upload'").get()).toEqual({
        n: held,
      });
      expect(
        store.prepare("SELECT count(*) - count(DISTINCT global_id) AS n FROM sync_ids WHERE entity = 'customer'").get(),
      ).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  }, 300_000);
});

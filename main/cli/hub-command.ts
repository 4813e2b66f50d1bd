// `counterpart hub …`: run a hub and manage the terminals enrolled with it. The admin commands talk to the hub's
// PostgreSQL directly (--pg, COUNTERPART_PG_URL, or the local hub's own), so the hub itself has no admin routes.
import os from 'node:os';
import path from 'node:path';
import { nameSchema } from '../../common/sync/api';
import { issueEnrolmentCode } from '../hub/enrolment';
import { HubFailure, isDatabaseUnavailable } from '../hub/errors';
import { defaultHubDataDir, LocalPostgresError, localPostgresUrl, startLocalPostgres, clusterDir } from '../hub/local-postgres';
import { HubSchemaError, migrateHub } from '../hub/migrate';
import { createPool, redactUrl, type Pool } from '../hub/pg';
import { startHub, stdoutLog } from '../hub/server';
import { listConflicts, listMerges, unmergeCustomers } from '../hub/merges';
import { listTerminals, revokeTerminal } from '../hub/terminals';
import { EXIT, json, parse, positiveInt, table, UsageError, type Io } from './common';

export const HUB_USAGE =
  'counterpart hub start [--port N] [--host ADDR] | enroll --store NAME --terminal NAME [--json] | terminals [--json] | revoke TERMINAL [--store NAME]' +
  ' | merges [--json] | unmerge MERGE_ID [--by NAME]' +
  ' (each takes --pg URL, else $COUNTERPART_PG_URL, else the local hub in --data DIR)';

export const DEFAULT_HUB_PORT = 8740;

const OPTIONS = {
  pg: { type: 'string' },
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  store: { type: 'string' },
  terminal: { type: 'string' },
  json: { type: 'boolean' },
  by: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Values = ReturnType<typeof parse<typeof OPTIONS>>['values'];

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');
const given = (values: Values, io: Io) => values.pg ?? (io.env.COUNTERPART_PG_URL || undefined);
const dataDir = (values: Values, io: Io) => path.resolve(values.data ?? defaultHubDataDir(process.platform, io.env));

function nameArg(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`Give ${flag} NAME.`);
  const parsed = nameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag}: ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

/** One sentence for what stops a hub command; undefined for what the command line's own handler should report. */
function hubProblem(err: unknown, url: string | undefined): { message: string; code: number } | undefined {
  if (err instanceof HubFailure) return { message: err.message, code: err.code === 'VALIDATION' ? EXIT.usage : EXIT.failed };
  if (err instanceof HubSchemaError || err instanceof LocalPostgresError) return { message: err.message, code: EXIT.failed };
  if (isDatabaseUnavailable(err) || (err as { code?: string })?.code === '28P01' || (err as { code?: string })?.code === '3D000') {
    return { message: `Cannot use the hub's PostgreSQL at ${redactUrl(url ?? '')}: ${(err as Error).message}.`, code: EXIT.failed };
  }
  return undefined;
}

async function withHubDatabase(values: Values, io: Io, fn: (pool: Pool) => Promise<number>): Promise<number> {
  const url = given(values, io) ?? localPostgresUrl(dataDir(values, io)) ?? undefined;
  if (!url) {
    throw new UsageError("Give the hub's PostgreSQL with --pg URL (or COUNTERPART_PG_URL), or start the local hub first with counterpart hub start.");
  }
  const pool = createPool(url, { max: 2 });
  try {
    await migrateHub(pool);
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

async function start(values: Values, io: Io): Promise<number> {
  const port = values.port === undefined ? DEFAULT_HUB_PORT : values.port === '0' ? 0 : positiveInt(values.port, '--port', 65_535)!;
  let url = given(values, io);
  const local = url === undefined ? await startLocalPostgres(dataDir(values, io)) : null;
  url ??= local!.url;
  const pool = createPool(url);
  try {
    const hub = await startHub({ pool, port, host: values.host ?? '127.0.0.1', log: stdoutLog });
    io.stdout.write(`PostgreSQL: ${local ? `this machine's, data in ${clusterDir(dataDir(values, io))}` : redactUrl(url)}\n`);
    io.stdout.write(`Counterpart hub listening on ${hub.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await hub.close();
    io.stdout.write('Hub stopped.\n');
    return EXIT.ok;
  } finally {
    await pool.end();
    await local?.stop();
  }
}

async function enroll(values: Values, io: Io): Promise<number> {
  const storeName = nameArg(values.store, '--store');
  const terminalName = nameArg(values.terminal, '--terminal');
  return withHubDatabase(values, io, async (pool) => {
    const issued = await issueEnrolmentCode(pool, { storeName, terminalName, now: new Date() });
    if (values.json) return json(io, issued), EXIT.ok;
    io.stdout.write(
      `${issued.store.created ? `New store ${issued.store.name}.\n` : ''}` +
        `Enrolment code for ${issued.terminalName} at ${issued.store.name}: ${issued.code}\n` +
        `Use it once, before ${when(issued.expiresAt)}, on that terminal: counterpart sync join --hub HUB_URL --code ${issued.code}\n`,
    );
    return EXIT.ok;
  });
}

async function terminals(values: Values, io: Io): Promise<number> {
  return withHubDatabase(values, io, async (pool) => {
    const list = await listTerminals(pool);
    if (values.json) return json(io, list), EXIT.ok;
    if (list.length === 0) return io.stdout.write('No terminals enrolled yet (counterpart hub enroll).\n'), EXIT.ok;
    const rows = list.map((t) => [t.store.name, t.name, t.revokedAt ? 'revoked' : 'active', when(t.enrolledAt), when(t.lastSeenAt), t.appVersion, t.id]);
    io.stdout.write(table(['Store', 'Terminal', 'State', 'Enrolled', 'Last seen', 'Version', 'Id'], rows));
    return EXIT.ok;
  });
}

async function revoke(values: Values, positionals: string[], io: Io): Promise<number> {
  const [terminal, ...extra] = positionals;
  if (!terminal) throw new UsageError('Say which terminal: counterpart hub revoke NAME [--store NAME], or its id.');
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  return withHubDatabase(values, io, async (pool) => {
    const r = await revokeTerminal(pool, { terminal, store: values.store }, new Date());
    if (values.json) return json(io, r), EXIT.ok;
    const who = `${r.terminal.name} at ${r.terminal.store.name}`;
    io.stdout.write(
      r.alreadyRevoked
        ? `${who} was revoked already, at ${when(r.terminal.revokedAt)}.\n`
        : `Revoked ${who}: the hub refuses its next request. Its name is free for a new enrolment.\n`,
    );
    return EXIT.ok;
  });
}

const person = (p: { name: string | null; store: string }) => `${p.name ?? '(erased)'}, ${p.store}`;

/** The hub's merges of one person's two records, newest first, and the shared identifiers it refused to merge. */
async function merges(values: Values, io: Io): Promise<number> {
  return withHubDatabase(values, io, async (pool) => {
    const [list, conflicts] = [await listMerges(pool), await listConflicts(pool)];
    if (values.json) return json(io, { merges: list, conflicts }), EXIT.ok;
    if (list.length === 0) io.stdout.write('No merges: the hub has found no one created at two stores.\n');
    else {
      const rows = list.map((m) => [when(m.mergedAt), person(m.survivor), person(m.alias), m.matchedOn, m.undoneAt ? `undone ${when(m.undoneAt)}` : 'merged', m.undoneBy ?? '', m.id]);
      io.stdout.write(table(['Merged', 'Kept', 'Alias', 'Same', 'State', 'Undone by', 'Id'], rows));
    }
    if (conflicts.length > 0) {
      io.stdout.write(`\nNot merged, the names differ (${conflicts.length}); check these by hand:\n`);
      io.stdout.write(table(['Found', 'Customer', 'Other customer', 'Same'], conflicts.map((c) => [when(c.foundAt), person(c.a), person(c.b), c.matchedOn])));
    }
    return EXIT.ok;
  });
}

async function unmerge(values: Values, positionals: string[], io: Io): Promise<number> {
  const [mergeId, ...extra] = positionals;
  if (!mergeId) throw new UsageError('Say which merge: counterpart hub unmerge MERGE_ID (see counterpart hub merges).');
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const actor = values.by ?? os.userInfo().username;
  return withHubDatabase(values, io, async (pool) => {
    const m = await unmergeCustomers(pool, { mergeId, actor, now: new Date() });
    if (values.json) return json(io, m), EXIT.ok;
    io.stdout.write(`Undone: ${person(m.alias)} is their own customer again, apart from ${person(m.survivor)}; every terminal follows at its next sync.\n`);
    return EXIT.ok;
  });
}

export async function runHub(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  const [action, ...rest] = positionals;
  const actions = ['start', 'enroll', 'terminals', 'revoke', 'merges', 'unmerge'];
  if (!action || !actions.includes(action)) {
    throw new UsageError(action ? `Unknown hub command "${action}": use ${actions.join(', ')}.` : `Say what to do: ${actions.join(', ')}.`);
  }
  if (action !== 'revoke' && action !== 'unmerge' && rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  try {
    if (action === 'start') return await start(values, io);
    if (action === 'enroll') return await enroll(values, io);
    if (action === 'terminals') return await terminals(values, io);
    if (action === 'merges') return await merges(values, io);
    if (action === 'unmerge') return await unmerge(values, rest, io);
    return await revoke(values, rest, io);
  } catch (err) {
    const problem = hubProblem(err, given(values, io) ?? localPostgresUrl(dataDir(values, io)) ?? undefined);
    if (!problem) throw err;
    io.stderr.write(`${problem.message}\n`);
    return problem.code;
  }
}

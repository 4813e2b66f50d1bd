// `counterpart hub …`: run a hub and manage the terminals enrolled with it. The admin commands talk to the hub's
// PostgreSQL directly (--pg, COUNTERPART_PG_URL, or the local hub's own), so the hub itself has no admin routes.
import os from 'node:os';
import path from 'node:path';
import { nameSchema } from '@common/sync/api';
import { REVIEW_SCOPES, type ReviewScope } from '@common/sync/clerks';
import { grantScope } from '../hub/clerks';
import { issueEnrolmentCode } from '../hub/enrolment';
import { HubFailure, isDatabaseUnavailable } from '../hub/errors';
import {
  defaultHubDataDir,
  LocalPostgresError,
  localPostgresUrl,
  startLocalPostgres,
  clusterDir,
} from '../hub/local-postgres';
import { HubSchemaError, migrateHub } from '../hub/migrate';
import { createPool, redactUrl, type Pool } from '../hub/pg';
import { startHub, stdoutLog } from '../hub/server';
import { listConflicts, listMerges, unmergeCustomers } from '../hub/merges';
import { listTerminals, revokeTerminal } from '../hub/terminals';
import { command, type Call, type Command, type Options, type Outcome } from './command';
import { CliError, type Io, noMoreArguments, positiveInt, table, UsageError } from './common';

export const DEFAULT_HUB_PORT = 8740;

/** Where every hub command finds the hub's PostgreSQL. */
const DATABASE = { pg: { type: 'string' }, data: { type: 'string' } } as const;
const DATABASE_USAGE = '[--pg URL] [--data DIR]';
const DATABASE_HELP =
  "The hub's PostgreSQL: --pg URL, else $COUNTERPART_PG_URL, else the local hub in --data DIR (default: the user data folder).";
type Values = { pg?: string | undefined; data?: string | undefined };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');
const given = (values: Values, io: Io) => values.pg ?? (io.env.COUNTERPART_PG_URL || undefined);
const dataDir = (values: Values, io: Io) => path.resolve(values.data ?? defaultHubDataDir(process.platform, io.env));

function nameArg(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`Give ${flag} NAME.`);
  const parsed = nameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag}: ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

/** What stops a hub command, as a failure with a code; anything else is the command line's own to report. */
function hubProblem(err: unknown, url: string | undefined): unknown {
  if (err instanceof HubFailure) return err;
  if (err instanceof HubSchemaError || err instanceof LocalPostgresError) return new CliError('CONFLICT', err.message);
  if (
    isDatabaseUnavailable(err) ||
    (err as { code?: string })?.code === '28P01' ||
    (err as { code?: string })?.code === '3D000'
  ) {
    return new CliError(
      'UNAVAILABLE',
      `Cannot use the hub's PostgreSQL at ${redactUrl(url ?? '')}: ${(err as Error).message}.`,
    );
  }
  return err;
}

/** Runs a hub command, its PostgreSQL troubles told in one sentence. */
async function hubCall(call: { values: Values; io: Io }, fn: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await fn();
  } catch (err) {
    throw hubProblem(err, given(call.values, call.io) ?? localPostgresUrl(dataDir(call.values, call.io)) ?? undefined);
  }
}

async function withHubDatabase<T>(values: Values, io: Io, fn: (pool: Pool) => Promise<T>): Promise<T> {
  const url = given(values, io) ?? localPostgresUrl(dataDir(values, io)) ?? undefined;
  if (!url) {
    throw new UsageError(
      "Give the hub's PostgreSQL with --pg URL (or COUNTERPART_PG_URL), or start the local hub first with counterpart hub start.",
    );
  }
  const pool = createPool(url, { max: 2 });
  try {
    await migrateHub(pool);
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/**
 * A hub admin command: the hub's PostgreSQL options (their usage and help after its own), no store, failures told as
 * hubCall tells them. `hub(fn)` opens that PostgreSQL, migrated, for fn and closes it after; a command checks its
 * arguments before it calls hub(), so a mistyped one is refused without a connection.
 */
function adminCommand<O extends Options = Record<never, never>>(c: {
  name: string;
  summary: string;
  usage?: string;
  help?: string;
  options?: O;
  run(call: Call<O & typeof DATABASE>, hub: <T>(fn: (pool: Pool) => Promise<T>) => Promise<T>): Promise<Outcome>;
}): Command<O & typeof DATABASE> {
  return command({
    name: c.name,
    summary: c.summary,
    usage: c.usage ? `${c.usage} ${DATABASE_USAGE}` : DATABASE_USAGE,
    help: c.help ? `${c.help}\n${DATABASE_HELP}` : DATABASE_HELP,
    store: false,
    options: { ...DATABASE, ...c.options } as O & typeof DATABASE,
    run: (call) => hubCall(call, () => c.run(call, (fn) => withHubDatabase(call.values, call.io, fn))),
  });
}

export const hubStart = command({
  name: 'hub start',
  summary: 'run the chain hub until stopped (Ctrl+C or SIGTERM)',
  usage: `[--port N] [--host ADDR] ${DATABASE_USAGE}`,
  help: `${DATABASE_HELP}\nIt listens on 127.0.0.1:${DEFAULT_HUB_PORT} unless told otherwise; with --json its start is one JSON line, like its request log.`,
  store: false,
  options: { ...DATABASE, port: { type: 'string' }, host: { type: 'string' } },
  run: (call) =>
    hubCall(call, async () => {
      const { values, io } = call;
      noMoreArguments(call.positionals);
      const port =
        values.port === undefined
          ? DEFAULT_HUB_PORT
          : values.port === '0'
            ? 0
            : positiveInt(values.port, '--port', 65_535)!;
      let url = given(values, io);
      const local = url === undefined ? await startLocalPostgres(dataDir(values, io)) : null;
      url ??= local!.url;
      const pool = createPool(url);
      try {
        const hub = await startHub({ pool, port, host: values.host ?? '127.0.0.1', log: stdoutLog });
        const postgres = local ? `this machine's, data in ${clusterDir(dataDir(values, io))}` : redactUrl(url);
        // Printed as it starts, not when it ends: whoever started it waits for these lines.
        io.stdout.write(
          call.json
            ? `${JSON.stringify({ url: hub.url, postgres })}\n`
            : `PostgreSQL: ${postgres}\nCounterpart hub listening on ${hub.url}\n`,
        );
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
        return { value: undefined, text: 'Hub stopped.' };
      } finally {
        await pool.end();
        await local?.stop();
      }
    }),
});

export const hubEnroll = adminCommand({
  name: 'hub enroll',
  summary: 'a one-time code (valid 24 hours) for a terminal to join the chain',
  usage: `--store NAME --terminal NAME`,
  options: { store: { type: 'string' }, terminal: { type: 'string' } },
  run: async (call, hub) => {
    const { values } = call;
    noMoreArguments(call.positionals);
    const storeName = nameArg(values.store, '--store');
    const terminalName = nameArg(values.terminal, '--terminal');
    const issued = await hub((pool) => issueEnrolmentCode(pool, { storeName, terminalName, now: new Date() }));
    return {
      value: issued,
      text:
        `${issued.store.created ? `New store ${issued.store.name}.\n` : ''}` +
        `Enrolment code for ${issued.terminalName} at ${issued.store.name}: ${issued.code}\n` +
        `Use it once, before ${when(issued.expiresAt)}, on that terminal: counterpart sync join --hub HUB_URL --code ${issued.code}`,
    };
  },
});

export const hubTerminals = adminCommand({
  name: 'hub terminals',
  summary: 'the enrolled terminals: store, state, enrolled, last seen, app version, id',
  run: async (call, hub) => {
    noMoreArguments(call.positionals);
    const list = await hub((pool) => listTerminals(pool));
    const rows = list.map((t) => [
      t.store.name,
      t.name,
      t.revokedAt ? 'revoked' : 'active',
      when(t.enrolledAt),
      when(t.lastSeenAt),
      t.appVersion,
      t.id,
    ]);
    return {
      value: list,
      text:
        list.length === 0
          ? 'No terminals enrolled yet (counterpart hub enroll).'
          : table(['Store', 'Terminal', 'State', 'Enrolled', 'Last seen', 'Version', 'Id'], rows),
    };
  },
});

export const hubRevoke = adminCommand({
  name: 'hub revoke',
  summary: 'refuse a terminal from its very next request',
  usage: `TERMINAL [--store NAME]`,
  help: `TERMINAL is its name (with --store when two stores use it) or its id.`,
  options: { store: { type: 'string' } },
  run: async (call, hub) => {
    const [terminal, ...extra] = call.positionals;
    if (!terminal) throw new UsageError('Say which terminal: counterpart hub revoke NAME [--store NAME], or its id.');
    noMoreArguments(extra);
    const r = await hub((pool) => revokeTerminal(pool, { terminal, store: call.values.store }, new Date()));
    const who = `${r.terminal.name} at ${r.terminal.store.name}`;
    return {
      value: r,
      text: r.alreadyRevoked
        ? `${who} was revoked already, at ${when(r.terminal.revokedAt)}.`
        : `Revoked ${who}: the hub refuses its next request. Its name is free for a new enrolment.`,
    };
  },
});

const person = (p: { name: string | null; store: string }) => `${p.name ?? '(erased)'}, ${p.store}`;

export const hubMerges = adminCommand({
  name: 'hub merges',
  summary: "the hub's merges of one person's two records, newest first, and the shared identifiers it refused to merge",
  run: async (call, hub) => {
    noMoreArguments(call.positionals);
    const [list, conflicts] = await hub(async (pool) => [await listMerges(pool), await listConflicts(pool)] as const);
    const lines: string[] = [];
    if (list.length === 0) lines.push('No merges: the hub has found no one created at two stores.');
    else {
      const rows = list.map((m) => [
        when(m.mergedAt),
        person(m.survivor),
        person(m.alias),
        m.matchedOn,
        m.undoneAt ? `undone ${when(m.undoneAt)}` : 'merged',
        m.undoneBy ?? '',
        m.id,
      ]);
      lines.push(table(['Merged', 'Kept', 'Alias', 'Same', 'State', 'Undone by', 'Id'], rows));
    }
    if (conflicts.length > 0) {
      lines.push(`\nNot merged, the names differ (${conflicts.length}); check these by hand:`);
      lines.push(
        table(
          ['Found', 'Customer', 'Other customer', 'Same'],
          conflicts.map((c) => [when(c.foundAt), person(c.a), person(c.b), c.matchedOn]),
        ),
      );
    }
    return { value: { merges: list, conflicts }, text: lines.join('\n') };
  },
});

export const hubUnmerge = adminCommand({
  name: 'hub unmerge',
  summary: 'undo one merge: the alias is its own customer again and the hub never links that pair again',
  usage: `MERGE_ID [--by NAME]`,
  help: `MERGE_ID comes from counterpart hub merges; --by names who undid it (default: this computer's user).`,
  options: { by: { type: 'string' } },
  run: async (call, hub) => {
    const [mergeId, ...extra] = call.positionals;
    if (!mergeId)
      throw new UsageError('Say which merge: counterpart hub unmerge MERGE_ID (see counterpart hub merges).');
    noMoreArguments(extra);
    const actor = call.values.by ?? os.userInfo().username;
    const m = await hub((pool) => unmergeCustomers(pool, { mergeId, actor, now: new Date() }));
    return {
      value: m,
      text: `Undone: ${person(m.alias)} is their own customer again, apart from ${person(m.survivor)}; every terminal follows at its next sync.`,
    };
  },
});

export const hubGrant = adminCommand({
  name: 'hub grant',
  summary: "let a store's manager review other stores (--scope chain), or only their own again (--scope store)",
  usage: `--store NAME --clerk NAME|ID --scope chain|store [--by NAME]`,
  help:
    "The clerk is one of the store's accounts the hub knows (a counter shares them when it syncs), by name or id. The\n" +
    "scope reaches the clerk's account at every counter of that store with their next sync; --by names who granted it\n" +
    `(default: this computer's user), recorded in the hub's audit.`,
  options: {
    store: { type: 'string' },
    clerk: { type: 'string' },
    scope: { type: 'string' },
    by: { type: 'string' },
  },
  run: async (call, hub) => {
    const { values } = call;
    noMoreArguments(call.positionals);
    const store = nameArg(values.store, '--store');
    const clerk = nameArg(values.clerk, '--clerk');
    const scope = values.scope;
    if (!(REVIEW_SCOPES as readonly (string | undefined)[]).includes(scope))
      throw new UsageError(`Give --scope ${REVIEW_SCOPES.join(' or ')}.`);
    const by = values.by ?? os.userInfo().username;
    const granted = await hub((pool) =>
      grantScope(pool, { store, clerk, scope: scope as ReviewScope, by }, new Date()),
    );
    const what =
      granted.scope === 'chain' ? 'may now review every store of the chain' : `reviews ${granted.store.name} only`;
    return {
      value: granted,
      text: `${granted.clerk.name} (${granted.store.name}) ${what}, from their counters' next sync.`,
    };
  },
});

import fs from 'node:fs';
import type { DiagnosticsAuditEntry, DiagnosticsBundle, SettingValue } from '@common/diagnostics';
import { managedConfigSchema } from '../config/managed-config';
import { SCHEMA_VERSION } from '../db/migrate';
import { audit } from './audit';
import type { ServiceContext } from './context';
import { scrubText } from './log-scrub';

/** What the process knows and the database does not; the Electron shell fills it in, the preview keeps defaults. */
export interface DiagnosticsSources {
  appVersion: string;
  platform: string;
  runtime: Record<string, string>;
  logFile: string | null;
  configFile: string | null;
  /** The values the managed config file sets (they are the locked ones); null when no file is deployed. */
  managed: Record<string, unknown> | null;
  /** Values in force for settings the file leaves out (defaults, resolved paths). */
  defaults: Record<string, unknown>;
}

export const LOG_LINES = 200;
export const AUDIT_DAYS = 7;
const AUDIT_MAX = 2000;

/** Builds the bundle and records the export in the audit log. */
export function exportDiagnostics(
  ctx: ServiceContext,
  clerkId: number | null,
  sources: DiagnosticsSources,
): DiagnosticsBundle {
  const now = ctx.now();
  const since = new Date(now.getTime() - AUDIT_DAYS * 86_400_000).toISOString();
  const bundle: DiagnosticsBundle = {
    format: 'counterpart.diagnostics.v1',
    generatedAt: now.toISOString(),
    app: { version: sources.appVersion, platform: sources.platform, runtime: { ...sources.runtime } },
    database: databaseHealth(ctx),
    config: configInForce(ctx, sources),
    log: { file: sources.logFile, lines: sources.logFile ? tailLog(sources.logFile, LOG_LINES) : [] },
    audit: { since, entries: auditSince(ctx, since) },
  };
  audit(ctx, clerkId, 'export', 'diagnostics', {
    format: 'diagnostics',
    auditEntries: bundle.audit.entries.length,
    logLines: bundle.log.lines.length,
  });
  return bundle;
}

function databaseHealth(ctx: ServiceContext): DiagnosticsBundle['database'] {
  const db = ctx.db;
  const check = (db.pragma('quick_check') as Record<string, string>[]).map((r) => String(Object.values(r)[0]));
  const tables = db
    .prepare<[], { name: string; sql: string | null }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all();
  // FTS5 tables and their shadow tables mirror other tables; counting them would only cost time.
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables) {
    if (virtual.some((v) => name === v || name.startsWith(`${v}_`))) continue;
    rowCounts[name] = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get()!.n;
  }
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    appSchemaVersion: SCHEMA_VERSION,
    quickCheck: check.length === 1 && check[0] === 'ok' ? 'ok' : check.slice(0, 5).join('; '),
    sizeBytes: pages * pageSize,
    rowCounts,
  };
}

const STORE_KEYS = [
  'storeId',
  'storeName',
  'terminalId',
  'timeZone',
  'countryCode',
  'returnWindowDays',
  'idleLockMinutes',
] as const;

function configInForce(ctx: ServiceContext, sources: DiagnosticsSources): DiagnosticsBundle['config'] {
  const managed = sources.managed ?? {};
  const inForce: Record<string, SettingValue> = {};
  for (const key of Object.keys(managedConfigSchema.shape)) {
    const fromStore = (STORE_KEYS as readonly string[]).includes(key)
      ? ctx.config[key as (typeof STORE_KEYS)[number]]
      : undefined;
    const value = key in managed ? managed[key] : (sources.defaults[key] ?? fromStore ?? null);
    inForce[key] = settingValue(key, value);
  }
  return { file: sources.configFile, deployed: sources.managed !== null, inForce, locked: Object.keys(managed).sort() };
}

function settingValue(key: string, value: unknown): SettingValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  // The managed hub's enrolment code is a secret until it is spent: the bundle shows that one is set, not which.
  if (key === 'hub') return `${withoutSecrets((value as { url: string }).url)} (an enrolment code is set, not shown)`;
  const text = String(value);
  if (key === 'updateUrl') return withoutSecrets(text);
  return text;
}

/** A URL may carry a user, password or token; IT needs to see which host, not the key. */
function withoutSecrets(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return '[not a URL]';
  }
}

/** The last `count` lines of the log (continuing into the rotated file when the current one is short), scrubbed. */
export function tailLog(file: string, count: number): string[] {
  const rotated = file.replace(/(\.[^./\\]+)?$/, '.old$1');
  const lines: string[] = [];
  for (const f of [file, rotated]) {
    if (lines.length >= count) break;
    const tail = readTail(f, 512 * 1024);
    if (tail === null) continue;
    const got = tail.split(/\r?\n/).filter((l) => l.trim() !== '');
    lines.unshift(...got.slice(-(count - lines.length)));
  }
  return lines.map(scrubText);
}

function readTail(file: string, maxBytes: number): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    const text = buf.toString('utf8');
    // A partial first line (cut by the byte window) is dropped rather than shown half.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    fs.closeSync(fd);
  }
}

/** Record ids ("customer:42"), method-like names ("reports.csv"), template ids and backup file names. */
const SAFE_SUBJECT = /^(?:[a-z_]+:\d+|[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*|counterpart-\d{8}T\d{6,9}Z\.db)$/i;
/** Dates and code words ("pdf", "manager", "follow_up"); anything else may be someone's words or a file name. */
const SAFE_STRING = /^(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|[a-z][a-z_]{0,23})$/i;
/** Detail fields that hold what a person typed or named, whatever it looks like. */
const FREE_TEXT_KEY = /reason|note|comment|text|name|file|email|phone|address/i;
/** Imported files are named by whoever exported them, sometimes after a customer. */
const FILE_NAME_EVENTS = new Set(['import']);

function auditSince(ctx: ServiceContext, since: string): DiagnosticsAuditEntry[] {
  const rows = ctx.db
    .prepare<
      [string, number],
      {
        at: string;
        clerk_id: number | null;
        terminal_id: string;
        event: string;
        subject: string | null;
        details: string;
      }
    >('SELECT at, clerk_id, terminal_id, event, subject, details FROM audit_log WHERE at >= ? ORDER BY id DESC LIMIT ?')
    .all(since, AUDIT_MAX);
  return rows.map((r) => ({
    at: r.at,
    event: r.event,
    clerkId: r.clerk_id,
    terminalId: r.terminal_id,
    subject:
      r.subject === null
        ? null
        : !FILE_NAME_EVENTS.has(r.event) && SAFE_SUBJECT.test(r.subject) && scrubText(r.subject) === r.subject
          ? r.subject
          : '[omitted]',
    details: safeDetails(r.details),
  }));
}

function safeDetails(json: string): Record<string, SettingValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, SettingValue> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (FREE_TEXT_KEY.test(k) && v !== null && typeof v !== 'boolean' && typeof v !== 'number') out[k] = '[omitted]';
    else if (v === null || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'string' && SAFE_STRING.test(v)) out[k] = v;
    else out[k] = '[omitted]';
  }
  return out;
}

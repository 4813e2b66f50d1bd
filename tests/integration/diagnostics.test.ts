import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticsBundle } from '@common/diagnostics';
import { startBackend } from '../../main/backend';
import { SCHEMA_VERSION } from '../../main/db/migrate';
import { setDiagnosticsSources } from '../../main/ipc/diagnostics-handlers';
import { newSession, type Session } from '../../main/ipc/session';
import { audit } from '../../main/services/audit';
import { exportDiagnostics, tailLog } from '../../main/services/diagnostics';
import { scrubLogData, scrubText } from '../../main/services/log-scrub';
import { eraseCustomer } from '../../main/services/privacy';
import { tempDir, tempStore } from '../helpers/temp-store';

const CUSTOMER = {
  firstName: 'Siobhán',
  lastName: 'Ní Bhriain',
  phone: '087 123 4567',
  email: 'siobhan.nibhriain@example.ie',
};
const NOTE = 'Kettle lid cracked, wants a call back on 0861234567';
const REASON = 'Request by email from Siobhán of 20 Nov';
const IMPORT_FILE = 'siobhan-nibhriain-purchases.csv';

afterEach(() => setDiagnosticsSources({ logFile: null, configFile: null, managed: null, defaults: {} }));

async function store() {
  let clock = new Date('2026-11-20T09:00:00.000Z');
  const b = startBackend({
    dbPath: path.join(tempDir(), 'diag.db'),
    now: () => clock,
    config: { storeName: 'Grafton Street', terminalId: 'till-2' },
  });
  const call = (s: Session, m: string, input: unknown = {}) => b.dispatch(m, input, s);
  const value = async <T>(s: Session, m: string, input: unknown = {}): Promise<T> => {
    const res = await call(s, m, input);
    if (!res.ok) throw new Error(`${m}: ${res.error.code} ${res.error.message}`);
    return res.value as T;
  };
  const admin = newSession();
  const adminClerk = await value<{ id: number }>(admin, 'app.setupEmpty', { clerkName: 'Ada Admin', pin: '9999' });
  const manager = await value<{ id: number }>(admin, 'clerks.create', {
    displayName: 'Mo Manager',
    role: 'manager',
    pin: '5555',
  });
  const clerk = await value<{ id: number }>(admin, 'clerks.create', {
    displayName: 'Cy Clerk',
    role: 'clerk',
    pin: '1234',
  });
  const m = newSession();
  const c = newSession();
  await value(m, 'session.signIn', { clerkId: manager.id, pin: '5555' });
  await value(c, 'session.signIn', { clerkId: clerk.id, pin: '1234' });
  return { b, call, value, admin, adminId: adminClerk.id, m, c, tick: (iso: string) => (clock = new Date(iso)) };
}

/** A log file as electron-log writes it, with a rotated predecessor, and lines that should never have been written. */
function writeLogs(dir: string): string {
  const file = path.join(dir, 'main.log');
  const old = Array.from(
    { length: 150 },
    (_, i) => `[2026-11-19 10:00:${String(i % 60).padStart(2, '0')}.000] [info]  old line ${i}`,
  );
  fs.writeFileSync(path.join(dir, 'main.old.log'), `${old.join('\n')}\n`);
  const current = Array.from({ length: 120 }, (_, i) => `[2026-11-20 08:00:00.000] [info]  line ${i}`);
  current.push(
    `[2026-11-20 08:59:00.000] [error] customers.create failed SqliteError: UNIQUE constraint failed for ${CUSTOMER.email} / ${CUSTOMER.phone}`,
  );
  current.push('[2026-11-20 08:59:30.000] [warn]  session.signIn {"clerkId":3,"pin":"1234"}');
  fs.writeFileSync(file, `${current.join('\n')}\n`);
  return file;
}

describe('diagnostics.export', () => {
  it('is for admins only', async () => {
    const { call, m, c } = await store();
    for (const s of [m, c, newSession()])
      expect(await call(s, 'diagnostics.export')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('bundles versions, database health, settings, log tail and audit events without personal data, and is audited', async () => {
    const { b, value, admin, adminId, c, tick } = await store();
    const customer = await value<{ id: number }>(c, 'customers.create', CUSTOMER);
    await value(c, 'interactions.log', {
      customerId: customer.id,
      kind: 'complaint',
      outcome: 'follow_up',
      notes: NOTE,
      followUpDue: '2026-11-27',
    });
    audit(b.ctx, adminId, 'import', IMPORT_FILE, { rows: 12, file: IMPORT_FILE });
    tick('2026-11-10T09:00:00.000Z');
    audit(b.ctx, adminId, 'settings_change', 'too-old', {}); // outside the 7-day window
    tick('2026-11-20T10:00:00.000Z');
    eraseCustomer(b.ctx, adminId, customer.id, REASON);
    await value(admin, 'session.signIn', { clerkId: adminId, pin: '9999' }); // the clock jumps made the terminal lock

    const logDir = tempDir();
    setDiagnosticsSources({
      appVersion: '1.4.2',
      platform: 'win32-x64',
      runtime: { electron: '45.4.1', node: '22.20.0' },
      logFile: writeLogs(logDir),
      configFile: 'C:\\ProgramData\\Counterpart\\config.json',
      managed: {
        storeId: 'dub-01',
        backupKeep: 30,
        updateUrl: 'https://it:s3cret@updates.example.test/counterpart/?token=abc#x',
        hub: { url: 'https://hub.example.test/', enrolmentCode: 'ABCD-EFGH-JKMN-PQRS' },
      },
      defaults: {
        backupDirectory: 'D:\\Backups',
        backupEveryHours: 24,
        backupKeep: 14,
        retentionDays: null,
        databasePath: 'D:\\store.db',
        updateUrl: null,
        pinVersion: null,
      },
    });

    const bundle = await value<DiagnosticsBundle>(admin, 'diagnostics.export');
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
    expect(bundle.format).toBe('counterpart.diagnostics.v1');
    expect(bundle.generatedAt).toBe('2026-11-20T10:00:00.000Z');
    expect(bundle.app).toEqual({
      version: '1.4.2',
      platform: 'win32-x64',
      runtime: { electron: '45.4.1', node: '22.20.0' },
    });

    expect(bundle.database).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      appSchemaVersion: SCHEMA_VERSION,
      quickCheck: 'ok',
    });
    expect(bundle.database.sizeBytes).toBeGreaterThan(0);
    expect(bundle.database.rowCounts).toMatchObject({ customers: 1, interactions: 1, clerks: 3 });
    expect(Object.keys(bundle.database.rowCounts).filter((t) => t.startsWith('customer_fts'))).toEqual([]);

    expect(bundle.config.file).toBe('C:\\ProgramData\\Counterpart\\config.json');
    expect(bundle.config.deployed).toBe(true);
    expect(bundle.config.locked).toEqual(['backupKeep', 'hub', 'storeId', 'updateUrl']);
    // The hub's address, not the enrolment code IT deployed with it.
    expect(bundle.config.inForce.hub).toBe('https://hub.example.test/ (an enrolment code is set, not shown)');
    expect(JSON.stringify(bundle)).not.toContain('ABCD-EFGH-JKMN-PQRS');
    expect(bundle.config.inForce).toMatchObject({
      storeId: 'dub-01',
      storeName: 'Grafton Street',
      terminalId: 'till-2',
      backupKeep: 30,
      backupEveryHours: 24,
      backupDirectory: 'D:\\Backups',
      retentionDays: null,
      pinVersion: null,
      updateUrl: 'https://updates.example.test/counterpart/',
    });
    expect(Object.keys(bundle.config.inForce)).toContain('idleLockMinutes');

    expect(bundle.log.lines).toHaveLength(200);
    expect(bundle.log.lines[0]).toMatch(/old line 72$/); // 122 current lines + the last 78 of the rotated file
    expect(bundle.log.lines.at(-1)).toContain('session.signIn');
    expect(bundle.log.lines.join('\n')).not.toMatch(/1234"|123 4567|siobhan/i);

    expect(bundle.audit.since).toBe('2026-11-13T10:00:00.000Z');
    const events = bundle.audit.entries.map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['erase', 'import', 'sign_in', 'clerk_created']));
    expect(bundle.audit.entries.find((e) => e.subject === 'too-old')).toBeUndefined();
    const erase = bundle.audit.entries.find((e) => e.event === 'erase')!;
    expect(erase.subject).toBe(`customer:${customer.id}`);
    expect(erase.details.reason).toBe('[omitted]');
    expect(erase.details.interactionsRedacted).toBe(1);
    const imported = bundle.audit.entries.find((e) => e.event === 'import')!;
    expect(imported).toMatchObject({ subject: '[omitted]', details: { rows: 12, file: '[omitted]' } });

    const text = JSON.stringify(bundle);
    for (const secret of [
      'Siobhán',
      'Bhriain',
      CUSTOMER.email,
      '087 123 4567',
      '0871234567',
      'Kettle',
      'Request by email',
      IMPORT_FILE,
      's3cret',
      'token=abc',
      '"1234"',
      '9999',
    ]) {
      expect(text, secret).not.toContain(secret);
    }

    const recorded = await value<{ event: string; subject: string | null; details: Record<string, unknown> }[]>(
      admin,
      'audit.list',
      { limit: 5 },
    );
    expect(recorded[0]).toMatchObject({
      event: 'export',
      subject: 'diagnostics',
      details: { format: 'diagnostics', logLines: 200 },
    });
  });

  it('works without a log file or a deployed config (the preview), reporting defaults as unlocked', () => {
    const s = tempStore();
    const bundle = exportDiagnostics(s.ctx, s.clerkId, {
      appVersion: '0.1.0',
      platform: 'linux-x64',
      runtime: {},
      logFile: null,
      configFile: null,
      managed: null,
      defaults: {},
    });
    expect(bundle.log).toEqual({ file: null, lines: [] });
    expect(bundle.config).toMatchObject({ file: null, deployed: false, locked: [] });
    expect(bundle.config.inForce.updateUrl).toBeNull();
    expect(bundle.config.inForce.storeId).toBe('demo-store');
  });
});

describe('tailLog', () => {
  it('reads only the end of a large file and drops the partial first line', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    const line = (i: number) => `[2026-11-20 08:00:00.000] [info]  ${'x'.repeat(200)} ${i}`;
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => line(i)).join('\n'));
    const lines = tailLog(file, 200);
    expect(lines).toHaveLength(200);
    expect(lines.at(-1)).toBe(line(4999));
    expect(lines[0]).toBe(line(4800));
    expect(tailLog(path.join(dir, 'missing.log'), 10)).toEqual([]);
  });
});

describe('log scrubbing', () => {
  it('masks emails, phone and card numbers and PIN fields', () => {
    expect(scrubText('lookup failed for mary.obrien+shop@example.co.uk')).toBe('lookup failed for [email]');
    for (const phone of ['087-123 4567', '+353 87 1234567', '(01) 234 5678', '0871234567', '6011 0009 9013 9424']) {
      expect(scrubText(`call ${phone} back`), phone).toBe('call [number] back');
    }
    expect(scrubText('signIn {"clerkId":3,"pin":"1234"}')).toBe('signIn {"clerkId":3,"pin":"[redacted]"}');
    expect(scrubText('changeOwnPin currentPin=1234 newPin: 5678')).toBe(
      'changeOwnPin currentPin=[redacted] newPin: [redacted]',
    );
  });

  it('leaves what IT needs to read a log: dates, times, versions, ids, addresses and backup names', () => {
    for (const keep of [
      'backup counterpart-20261123T100000000Z.db written',
      'store opened at 2026-11-23T10:00:00.000Z on 2026-11-23',
      'Electron 45.4.1, schema 4, customer:42, 1234 ms',
      'update server 192.168.10.200 unreachable',
      'at file:///opt/Counterpart/resources/app.asar/out/main/index.js:1234:56',
    ]) {
      expect(scrubText(keep)).toBe(keep);
    }
  });

  it('scrubs every argument of a log call, including errors and objects', () => {
    const err = new Error('UNIQUE constraint failed: mary@example.ie');
    const [msg, e, obj, n, big, flag] = scrubLogData([
      'customers.create failed',
      err,
      { phone: '0871234567', pin: '1234' },
      42,
      871234567,
      true,
    ]);
    expect(msg).toBe('customers.create failed');
    expect(e).toMatch(/^Error: UNIQUE constraint failed: \[email\]\n\s+at /);
    expect(obj).toBe("{ phone: '[number]', pin: '[redacted]' }");
    expect([n, big, flag]).toEqual([42, '[number]', true]);
  });
});

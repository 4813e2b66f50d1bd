// Store settings and customer data requests through the same dispatcher Electron and the preview server use:
// what IT fixed stays fixed, values are checked per key, changes are audited and apply without a restart; export and
// erasure need a manager and, for erasure, the customer's name typed back.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo, AuditEntry, Customer, CustomerProfile, Suggestion } from '@common/domain';
import type { Envelope } from '@common/errors';
import { CATALOGUES, translator } from '@common/i18n';
import type { SettingView } from '@common/settings';
import type { ManagedConfig } from '../../main/config/managed-config';
import { startBackend, type Backend } from '../../main/backend';
import { newSession, type Session } from '../../main/ipc/session';
import { tempDir } from '../helpers/temp-store';

const START = '2026-11-23T09:00:00.000Z';

async function store(opts: { managed?: ManagedConfig; dbPath?: string } = {}) {
  let clock = new Date(START);
  const dbPath = opts.dbPath ?? path.join(tempDir(), 'settings.db');
  const b: Backend = startBackend({ dbPath, now: () => clock, managed: opts.managed ?? null, log: () => {} });
  const call = async <T>(s: Session, m: string, input: unknown) => (await b.dispatch(m, input, s)) as Envelope<T>;
  const ok = async <T>(s: Session, m: string, input: unknown): Promise<T> => {
    const r = await call<T>(s, m, input);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const admin = newSession();
  const manager = newSession();
  const clerk = newSession();
  const fresh = (await ok<AppInfo>(admin, 'app.info', {})).needsSetup;
  if (fresh) {
    await ok(admin, 'app.setupEmpty', { clerkName: 'Ada Admin', pin: '5555' });
    await ok(admin, 'clerks.create', { displayName: 'Mo Manager', role: 'manager', pin: '6666' });
    await ok(admin, 'clerks.create', { displayName: 'Cy Clerk', role: 'clerk', pin: '1234' });
  } else {
    await ok(admin, 'session.signIn', { clerkId: 1, pin: '5555' });
  }
  await ok(manager, 'session.signIn', { clerkId: 2, pin: '6666' });
  await ok(clerk, 'session.signIn', { clerkId: 3, pin: '1234' });
  const setting = async (key: string, as: Session = manager) =>
    (await ok<SettingView[]>(as, 'settings.get', {})).find((v) => v.key === key)!;
  const auditOf = async (event: string) =>
    (await ok<AuditEntry[]>(manager, 'audit.list', {})).filter((a) => a.event === event);
  return {
    b,
    dbPath,
    admin,
    manager,
    clerk,
    call,
    ok,
    setting,
    auditOf,
    setNow: (iso: string) => (clock = new Date(iso)),
  };
}

type Store = Awaited<ReturnType<typeof store>>;

async function customerWithPurchase(s: Store, daysAgo: number): Promise<number> {
  const c = await s.ok<Customer>(s.manager, 'customers.create', {
    firstName: 'Gráinne',
    lastName: 'Ní Bhriain',
    style: 'gold',
    phone: '087 123 4567',
    notes: 'prefers mornings',
  });
  const at = new Date(new Date(START).getTime() - daysAgo * 86_400_000).toISOString();
  const pid = Number(
    s.b.db
      .prepare(
        'INSERT INTO purchases (customer_id, purchased_at, local_day, receipt_no, total_cents) VALUES (?, ?, ?, ?, ?)',
      )
      .run(c.id, at, at.slice(0, 10), `R-${c.id}`, 8900).lastInsertRowid,
  );
  s.b.db
    .prepare(
      'INSERT INTO purchase_items (purchase_id, sku, description, quantity, unit_price_cents, return_status) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(pid, 'K-1', 'rain jacket', 1, 8900, 'kept');
  return c.id;
}

describe('settings over IPC', () => {
  it('lists every setting with its source; a clerk may not read them', async () => {
    const s = await store();
    const all = await s.ok<SettingView[]>(s.manager, 'settings.get', {});
    expect(all.map((v) => v.group)).toEqual(
      expect.arrayContaining(['store', 'policies', 'terminal', 'backups', 'updates']),
    );
    expect(all.find((v) => v.key === 'returnWindowDays')).toMatchObject({
      value: 30,
      source: 'default',
      locked: false,
      editable: true,
      editRole: 'manager',
    });
    expect(all.find((v) => v.key === 'goodwillDays')).toMatchObject({ value: 7, source: 'default', editable: true });
    // A manager sees the admin's keys read-only, with the reason (the screen words it from the catalogue).
    expect(all.find((v) => v.key === 'storeName')).toMatchObject({
      locked: false,
      editable: false,
      readOnly: 'role',
      editRole: 'admin',
    });
    expect(all.find((v) => v.key === 'databasePath')).toMatchObject({ value: s.dbPath, locked: true, editable: false });
    expect((await s.setting('storeName', s.admin)).editable).toBe(true);
    expect(await s.call(s.clerk, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.call(s.clerk, 'settings.set', { values: { goodwillDays: 3 } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a key IT fixed in the managed config, even for an admin, and applies the managed value', async () => {
    const s = await store({ managed: { storeId: 'dub-01', returnWindowDays: 28, updateUrl: null } });
    expect(s.b.ctx.config.returnWindowDays).toBe(28);
    expect(await s.setting('returnWindowDays')).toMatchObject({
      value: 28,
      source: 'managed',
      locked: true,
      editable: false,
      readOnly: 'managed',
    });
    expect(await s.setting('storeId', s.admin)).toMatchObject({
      value: 'dub-01',
      source: 'managed',
      locked: true,
      editable: false,
    });
    const r = await s.call(s.admin, 'settings.set', { values: { goodwillDays: 3, returnWindowDays: 14 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!r.ok && r.error.message).toMatch(
      /Return window \(returnWindowDays\) is set by your IT department in the managed config/,
    );
    // All or nothing: the allowed key in the same group was not written either.
    expect((await s.setting('goodwillDays')).value).toBe(7);
    expect(s.b.ctx.config.returnWindowDays).toBe(28);
    expect(await s.auditOf('settings_change')).toEqual([]);
    // Keys only the file can set are refused too, managed or not.
    const file = await s.call(s.admin, 'settings.set', { values: { backupKeep: 3 } });
    expect(!file.ok && file.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/config file/) });
  });

  it('answers VALIDATION naming the key for a bad value, and an admin-only key FORBIDDEN to a manager', async () => {
    const s = await store();
    const big = await s.call(s.manager, 'settings.set', { values: { goodwillDays: 400 } });
    expect(!big.ok && big.error).toEqual({
      code: 'VALIDATION',
      message: 'Goodwill allowance (goodwillDays) must be a whole number from 0 to 365 days.',
    });
    const frac = await s.call(s.manager, 'settings.set', { values: { returnWindowDays: 2.5 } });
    expect(!frac.ok && frac.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('returnWindowDays'),
    });
    const text = await s.call(s.manager, 'settings.set', { values: { returnWindowDays: 'thirty' } });
    expect(!text.ok && text.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('returnWindowDays'),
    });
    const tz = await s.call(s.admin, 'settings.set', { values: { timeZone: 'Mars/Olympus' } });
    expect(!tz.ok && tz.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/Time zone \(timeZone\) must be an IANA time zone/),
    });
    const empty = await s.call(s.admin, 'settings.set', { values: { storeName: '   ' } });
    expect(!empty.ok && empty.error).toMatchObject({
      code: 'VALIDATION',
      message: 'Store name (storeName) cannot be empty.',
    });
    const mgr = await s.call(s.manager, 'settings.set', { values: { storeName: 'Murphy’s' } });
    expect(!mgr.ok && mgr.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/needs an admin; Mo Manager is signed in as manager/),
    });
    const unknown = await s.call(s.admin, 'settings.set', { values: { colour: 'red' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await s.auditOf('settings_change')).toEqual([]);
    expect((await s.setting('goodwillDays')).source).toBe('default');
  });

  it('words its refusals in the store’s language: a German store reads German names, units and amounts', async () => {
    const s = await store({ managed: { locale: 'de-DE', currency: 'PLN' } });
    const de = CATALOGUES.de.settings;
    const t = translator('de-DE');
    const big = await s.call(s.manager, 'settings.set', { values: { goodwillDays: 400 } });
    expect(!big.ok && big.error.message).toMatch(new RegExp(`^${de.field.goodwillDays.label} \\(goodwillDays\\) `));
    expect(!big.ok && big.error.message).toContain(t('settings.unit.days', { count: 365, n: '365' }));
    const tz = await s.call(s.admin, 'settings.set', { values: { timeZone: 'Mars/Olympus' } });
    // The rule in the words the first-run screen uses for it: one set of texts for the store's identity.
    expect(!tz.ok && tz.error.message).toContain(CATALOGUES.de.errors.storeSetup.timeZone);
    const prefix = await s.call(s.admin, 'settings.set', { values: { cardPrefix: '20-00' } });
    expect(!prefix.ok && prefix.error.message).toContain(CATALOGUES.de.errors.storeSetup.cardPrefix);
    const remedy = await s.call(s.manager, 'settings.set', { values: { remedyMinor: 'voucher; new 1' } });
    expect(!remedy.ok && remedy.error.message).toContain(de.field.remedyMinor.label);
    expect(!remedy.ok && remedy.error.message).toContain('„voucher“');
    // The tiers are whole units of the store's currency, written the German way.
    const crossed = await s.call(s.manager, 'settings.set', { values: { tierSilverFrom: 5000, tierGoldFrom: 4000 } });
    expect(!crossed.ok && crossed.error.message).toMatch(/5\.000,00\sPLN liegt nicht unter 4\.000,00\sPLN\.$/u);
    const mgr = await s.call(s.manager, 'settings.set', { values: { storeName: 'Kaufhaus' } });
    expect(!mgr.ok && mgr.error.message).toContain(`${t('settings.invalid.needs.admin')} nötig; Mo Manager`);
  });

  it('audits each change with old and new value, keeps it across a restart, and IT’s file still wins later', async () => {
    const s = await store();
    const after = await s.ok<SettingView[]>(s.manager, 'settings.set', {
      values: { returnWindowDays: '45', goodwillDays: 7 },
    });
    expect(after.find((v) => v.key === 'returnWindowDays')).toMatchObject({ value: 45, source: 'store' });
    // goodwillDays did not change, so only one entry.
    const entries = await s.auditOf('settings_change');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      clerkName: 'Mo Manager',
      subject: 'returnWindowDays',
      details: { from: 30, to: 45 },
    });
    await s.ok(s.admin, 'settings.set', { values: { storeName: 'Murphy’s Outdoor' } });
    expect((await s.ok<AppInfo>(s.admin, 'app.info', {})).storeName).toBe('Murphy’s Outdoor');
    s.b.close();

    const again = await store({ dbPath: s.dbPath });
    expect(again.b.ctx.config.returnWindowDays).toBe(45);
    expect((await again.setting('storeName')).source).toBe('store');
    again.b.close();
    const managed = await store({ dbPath: s.dbPath, managed: { returnWindowDays: 21 } });
    expect(managed.b.ctx.config.returnWindowDays).toBe(21);
    expect(await managed.setting('returnWindowDays')).toMatchObject({ value: 21, source: 'managed', locked: true });
  });

  it('changes the suggestions at once when the return policy changes', async () => {
    const s = await store();
    // Bought 33 days ago: the 30-day window ended 3 days ago, inside the 7-day goodwill allowance.
    const customerId = await customerWithPurchase(s, 33);
    const ids = async () =>
      (await s.ok<Suggestion[]>(s.clerk, 'suggestions.forCustomer', { customerId })).map((x) => x.templateId);
    expect(await ids()).toContain('return-window-just-closed');

    await s.ok(s.manager, 'settings.set', { values: { goodwillDays: 2 } });
    expect(await ids()).not.toContain('return-window-just-closed');

    await s.ok(s.manager, 'settings.set', { values: { returnWindowDays: 35 } });
    const list = await s.ok<Suggestion[]>(s.clerk, 'suggestions.forCustomer', { customerId });
    const closing = list.find((x) => x.templateId === 'return-window-closing');
    expect(closing?.text).toContain('35-day return window');
  });

  it('moves customers between tiers at once when a manager changes the thresholds, silver always below gold', async () => {
    const s = await store();
    const id = await customerWithPurchase(s, 3); // €89 spent
    const tier = async () => (await s.ok<CustomerProfile>(s.clerk, 'customers.get', { id })).tier;
    expect(await tier()).toBe('bronze');
    expect(await s.setting('tierGoldFrom')).toMatchObject({
      value: 2000,
      source: 'default',
      editable: true,
      group: 'policies',
      unit: 'currency',
    });
    await s.ok(s.manager, 'settings.set', { values: { tierSilverFrom: 50, tierGoldFrom: '80' } });
    expect(await tier()).toBe('gold');
    const crossed = await s.call(s.manager, 'settings.set', { values: { tierSilverFrom: 80 } });
    expect(!crossed.ok && crossed.error).toEqual({
      code: 'VALIDATION',
      message:
        'Silver tier from (tierSilverFrom) must be below gold tier from (tierGoldFrom): €80.00 is not below €80.00.',
    });
    // Both moved in one save: checked against each other's new value, not the old one.
    await s.ok(s.manager, 'settings.set', { values: { tierSilverFrom: 85, tierGoldFrom: 100 } });
    expect(await tier()).toBe('silver');
    expect(await s.call(s.clerk, 'settings.set', { values: { tierGoldFrom: 10 } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await s.auditOf('settings_change')).map((a) => [a.subject, a.details])).toEqual(
      expect.arrayContaining([
        ['tierSilverFrom', { from: 50, to: 85 }],
        ['tierGoldFrom', { from: 80, to: 100 }],
      ]),
    );
  });

  it('applies a shorter idle lock to the next call', async () => {
    const s = await store();
    await s.ok(s.admin, 'settings.set', { values: { idleLockMinutes: 5 } });
    s.setNow('2026-11-23T09:06:00.000Z');
    expect(await s.call(s.manager, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('customer data requests over IPC', () => {
  it('refuses both to a clerk', async () => {
    const s = await store();
    const id = await customerWithPurchase(s, 3);
    expect(await s.call(s.clerk, 'customers.exportData', { customerId: id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const erase = await s.call(s.clerk, 'customers.erase', {
      customerId: id,
      reason: 'request',
      confirmName: 'Gráinne Ní Bhriain',
    });
    expect(erase).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await s.ok<CustomerProfile>(s.clerk, 'customers.get', { id })).customer.displayName).toBe(
      'Gráinne Ní Bhriain',
    );
  });

  it('exports everything held as JSON text and audits it', async () => {
    const s = await store();
    const id = await customerWithPurchase(s, 3);
    const json = await s.ok<string>(s.manager, 'customers.exportData', { customerId: id });
    const data = JSON.parse(json) as { format: string; customer: Customer; purchases: { items: unknown[] }[] };
    expect(data.format).toBe('counterpart.customer-export.v1');
    expect(data.customer).toMatchObject({ id, firstName: 'Gráinne', notes: 'prefers mornings' });
    expect(data.purchases[0]!.items).toHaveLength(1);
    expect(await s.auditOf('export')).toMatchObject([{ subject: `customer:${id}`, clerkName: 'Mo Manager' }]);
    expect(await s.call(s.manager, 'customers.exportData', { customerId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('erases only when the typed name matches, then shows the anonymous record; audited with the reason', async () => {
    const s = await store();
    const id = await customerWithPurchase(s, 3);
    await s.ok(s.clerk, 'interactions.log', {
      customerId: id,
      kind: 'complaint',
      outcome: 'follow_up',
      followUpDue: '2026-11-26',
      notes: 'zip broke, call her back',
    });

    const wrong = await s.call(s.manager, 'customers.erase', {
      customerId: id,
      reason: 'customer request',
      confirmName: 'Grainne Ni Bhriain',
    });
    expect(!wrong.ok && wrong.error).toEqual({
      code: 'VALIDATION',
      message: "To confirm, type the customer's name exactly as shown: Gráinne Ní Bhriain.",
      reason: 'privacy.confirmName',
    });
    const noReason = await s.call(s.manager, 'customers.erase', {
      customerId: id,
      reason: '  ',
      confirmName: 'Gráinne Ní Bhriain',
    });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await s.ok<CustomerProfile>(s.manager, 'customers.get', { id })).customer.phone).not.toBeNull();
    expect(await s.auditOf('erase')).toEqual([]);

    const r = await s.ok(s.manager, 'customers.erase', {
      customerId: id,
      reason: 'customer request by email',
      confirmName: '  Gráinne  Ní Bhriain ',
    });
    expect(r).toEqual({
      interactionsRedacted: 1,
      openIssuesClosed: 1,
      draftsDeleted: 0,
      purchasesKept: 1,
      stillHeldBy: [],
      storeFile: { walPending: false, compactionPending: true },
    });
    const after = await s.ok<CustomerProfile>(s.manager, 'customers.get', { id });
    expect(after.customer).toMatchObject({ displayName: 'Unnamed customer', phone: null, notes: '', tags: [] });
    expect(after.purchaseCount).toBe(1);
    expect(after.openIssues).toEqual([]);
    expect(await s.auditOf('erase')).toMatchObject([
      { subject: `customer:${id}`, clerkName: 'Mo Manager', details: { reason: 'customer request by email' } },
    ]);
  });
});

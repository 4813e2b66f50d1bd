import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { MIGRATIONS } from '../../main/db/migrations';
import { getProfile } from '../../main/services/customers';
import { searchCustomers } from '../../main/services/customer-search';
import { importCsv } from '../../main/services/import';
import { eraseCustomer, exportCustomerData } from '../../main/services/privacy';
import { PRESETS, detectPreset } from '../../main/services/import/presets';
import { tempDir, tempStore, type TempStore } from '../helpers/temp-store';

// Fixtures written from the published column lists (presets.ts says where they come from), with the values tills
// really write: Shopify's apostrophe text guard on phones, a BOM, "€412.50" and "$1,234.56", consent as yes/no/TRUE
// and Square's subscription statuses, Irish and Polish names, empty emails, year-less birthdays.
const FIXTURES = path.resolve(__dirname, '../fixtures/import');

function fixture(name: string): string {
  const to = path.join(tempDir(), name);
  fs.copyFileSync(path.join(FIXTURES, name), to);
  return to;
}

interface Row {
  id: number;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  marketing_consent: number;
  sms_consent: number;
  city: string | null;
  postcode: string | null;
  country: string | null;
  opening_spend_cents: number;
  opening_orders: number;
  opening_as_of: string | null;
  birthday: string | null;
  notes: string;
  tags: string;
}
const reasons = (file: string) =>
  (parse(fs.readFileSync(file), { columns: true, bom: true }) as { reason: string }[]).map((r) => r.reason);
const byLast = (s: TempStore, last: string) =>
  s.db.prepare<[string], Row>('SELECT * FROM customers WHERE last_name = ?').get(last);
const externalIds = (s: TempStore) =>
  s.db
    .prepare<[], { customer_id: number; source: string; external_id: string }>(
      'SELECT * FROM customer_external_ids ORDER BY external_id',
    )
    .all();
const everything = (s: TempStore) => ({
  customers: s.db.prepare('SELECT * FROM customers ORDER BY id').all(),
  ids: externalIds(s),
});

describe('migration for till imports', () => {
  it('is registered by name', () => {
    expect(MIGRATIONS.map((m) => m.name).some((n) => n.endsWith('-till-imports'))).toBe(true);
  });
});

describe('Shopify customer export, as it comes', () => {
  it('is recognised from its header and its columns are said before anything is written', async () => {
    const s = tempStore();
    const r = await importCsv(s.ctx, { entity: 'customers', file: fixture('shopify-customers.csv'), dryRun: true });
    expect(r.preset).toBe('shopify');
    expect(r.columns.map((c) => c.column)).toEqual(Object.keys(PRESETS.shopify.columns));
    expect(r.columns).toContainEqual({ column: 'Accepts Email Marketing', field: 'marketingConsent' });
    expect(r.columns).toContainEqual({ column: 'Tax Exempt', field: null });
    expect(r.warnings).toEqual([]);
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('keeps consent (email and SMS apart), the till id, town and postcode, the spend before, and phones without the apostrophe', async () => {
    const s = tempStore();
    const file = fixture('shopify-customers.csv');
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ rowsRead: 4, inserted: 3, failed: 1, preset: 'shopify' });

    const siobhan = byLast(s, 'Ó Briain')!;
    expect(siobhan).toMatchObject({
      first_name: 'Siobhán',
      phone: '+353871234599',
      marketing_consent: 1,
      sms_consent: 0,
      city: 'Galway',
      postcode: 'H91 X2Y3',
      country: 'IE',
      opening_spend_cents: 41250,
      opening_orders: 6,
      opening_as_of: '2026-11-23T10:00:00.000Z',
      notes: 'Prefers morning appointments',
    });
    expect(JSON.parse(siobhan.tags)).toEqual(['VIP', 'wedding']);
    expect(byLast(s, 'Wiśniewska')).toMatchObject({
      email: null,
      phone: '+48 601 234 567',
      marketing_consent: 0,
      sms_consent: 1,
      opening_spend_cents: 123456,
      opening_orders: 12,
    });
    expect(byLast(s, 'Mac Giolla Phádraig')).toMatchObject({ marketing_consent: 1, sms_consent: 0, city: 'Cork' });
    expect(externalIds(s).map((e) => [e.source, e.external_id])).toEqual([
      ['shopify', '7390116167982'],
      ['shopify', '7390116167983'],
      ['shopify', '7390116167984'],
    ]);

    // Consent that cannot be read refuses the row; it is never guessed.
    expect(byLast(s, 'Murphy')).toBeUndefined();
    expect(reasons(r.errorFile!)).toEqual([expect.stringContaining('Accepts Email Marketing "maybe" is not yes/no')]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const s = tempStore();
    const file = fixture('shopify-customers.csv');
    await importCsv(s.ctx, { entity: 'customers', file });
    const before = everything(s);
    s.setNow('2026-12-01T10:00:00.000Z');
    const again = await importCsv(s.ctx, { entity: 'customers', file });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, failed: 1 });
    expect(everything(s)).toEqual(before);
  });

  it('matches a later export by the till id first, even when the email and name keys changed', async () => {
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file: fixture('shopify-customers.csv') });
    const id = byLast(s, 'Ó Briain')!.id;
    const later = path.join(tempDir(), 'later.csv');
    const header = Object.keys(PRESETS.shopify.columns).join(',');
    fs.writeFileSync(
      later,
      `${header}\n7390116167982,Siobhán,Ó Briain,siobhan@new.example.ie,no,,,,Galway,G,IE,H91 X2Y3,,,no,€500.00,7,,no,\n`,
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file: later });
    expect(r).toMatchObject({ inserted: 0, updated: 1, failed: 0 });
    expect(r.fieldsChanged).toEqual({ email: 1, marketingConsent: 1, openingSpend: 1, openingOrders: 1 });
    expect(byLast(s, 'Ó Briain')).toMatchObject({
      id,
      email: 'siobhan@new.example.ie',
      marketing_consent: 0,
      opening_spend_cents: 50000,
      opening_orders: 7,
    });
  });

  it('refuses a till id held by someone else by name, and says so', async () => {
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file: fixture('shopify-customers.csv') });
    const other = path.join(tempDir(), 'other.csv');
    fs.writeFileSync(
      other,
      `${Object.keys(PRESETS.shopify.columns).join(',')}\n7390116167982,Peter,Quinn,,no,,,,,,,,,,no,,,,no,\n`,
    );
    const r = await importCsv(s.ctx, { entity: 'customers', file: other });
    expect(r.conflictList).toEqual([
      expect.objectContaining({
        rowName: 'Peter Quinn',
        holderName: 'Siobhán Ó Briain',
        matchedOn: 'externalId',
        identifier: '7390116167982',
      }),
    ]);
    expect(byLast(s, 'Quinn')).toBeUndefined();
  });
});

describe('Square customer export, as it comes', () => {
  it('keeps subscription status as consent, Square ids, postcodes, spend in dollars, and year-less birthdays in the notes', async () => {
    const s = tempStore();
    const file = fixture('square-customers.csv');
    const r = await importCsv(s.ctx, { entity: 'customers', file });
    expect(r).toMatchObject({ preset: 'square', rowsRead: 4, inserted: 3, failed: 1 });
    expect(r.columns).toContainEqual({ column: 'Email Subscription Status', field: 'marketingConsent' });
    expect(r.columns).toContainEqual({ column: 'Nickname', field: null });
    expect(byLast(s, 'Ní Bhriain')).toMatchObject({
      phone: '+353 86 111 2222',
      marketing_consent: 1,
      city: 'Limerick',
      postcode: 'V94 AB12',
      birthday: '1990-03-14',
      opening_spend_cents: 123456,
      opening_orders: 5,
      notes: 'Likes linen',
    });
    expect(byLast(s, 'Brzęczyszczykiewicz')).toMatchObject({
      email: null,
      marketing_consent: 0,
      city: 'Warszawa',
      postcode: '00-950',
      birthday: null,
      notes: 'Birthday: 21 July (no year given)',
    });
    expect(byLast(s, 'Kennedy')).toMatchObject({ marketing_consent: 0, notes: 'Birthday: 21 July (no year given)' });
    expect(externalIds(s).map((e) => e.source)).toEqual(['square', 'square', 'square']);
    expect(reasons(r.errorFile!)).toEqual([
      expect.stringContaining('Email Subscription Status "pending" is not yes/no'),
    ]);

    const before = everything(s);
    const again = await importCsv(s.ctx, { entity: 'customers', file });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(everything(s)).toEqual(before);
  });
});

describe('choosing a preset', () => {
  it('detects each export from its header and nothing else', () => {
    expect(detectPreset(Object.keys(PRESETS.shopify.columns))).toBe('shopify');
    expect(detectPreset(Object.keys(PRESETS.square.columns))).toBe('square');
    expect(detectPreset(['First Name', 'Last Name', 'Email', 'Phone'])).toBeNull();
  });

  it('none reads the header names alone, and a mapping file overrides a preset column by column', async () => {
    const s = tempStore();
    const file = fixture('shopify-customers.csv');
    const plain = await importCsv(s.ctx, { entity: 'customers', file, preset: 'none', dryRun: true });
    expect(plain.preset).toBeNull();
    expect(plain.columns).toContainEqual({ column: 'Accepts Email Marketing', field: null });
    const mapped = await importCsv(s.ctx, {
      entity: 'customers',
      file,
      dryRun: true,
      mapping: { columns: { 'Default Address Company': 'notes', Note: null } },
    });
    expect(mapped.columns).toContainEqual({ column: 'Default Address Company', field: 'notes' });
    expect(mapped.columns).toContainEqual({ column: 'Note', field: null });
  });

  it('refuses a till preset for purchases', async () => {
    const s = tempStore();
    await expect(
      importCsv(s.ctx, { entity: 'purchases', file: fixture('shopify-customers.csv'), preset: 'shopify' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('what a till export brought, after the import', () => {
  it('counts the spend before Counterpart towards the tier and shows it on the profile', async () => {
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file: fixture('shopify-customers.csv') });
    const p = getProfile(s.ctx, byLast(s, 'Wiśniewska')!.id);
    expect(p.tier).toBe('silver');
    expect(p.lifetimeSpendCents).toBe(0);
    expect(p.before).toEqual({ spendCents: 123456, orders: 12, asOf: '2026-11-23T10:00:00.000Z' });
    expect(p.address).toEqual({ city: 'Dublin', postcode: 'D08 XY12', country: 'IE' });
    expect(p.smsConsent).toBe(true);
    expect(getProfile(s.ctx, byLast(s, 'Ó Briain')!.id)).toMatchObject({
      tier: 'bronze',
      before: { spendCents: 41250, orders: 6 },
    });
  });

  it('shows town and postcode in search results', async () => {
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file: fixture('shopify-customers.csv') });
    expect(searchCustomers(s.ctx, 'Siobhán')).toEqual([
      expect.objectContaining({ displayName: 'Siobhán Ó Briain', town: 'Galway', postcode: 'H91 X2Y3' }),
    ]);
  });

  it('exports the town, consent, spend before and till ids, and erasure wipes the town and the till ids', async () => {
    const s = tempStore();
    await importCsv(s.ctx, { entity: 'customers', file: fixture('shopify-customers.csv') });
    const id = byLast(s, 'Ó Briain')!.id;
    const data = exportCustomerData(s.ctx, s.clerkId, id);
    expect(data.customer).toMatchObject({
      city: 'Galway',
      postcode: 'H91 X2Y3',
      country: 'IE',
      smsConsent: false,
      openingSpendCents: 41250,
      openingOrders: 6,
    });
    expect(data.otherRecords.customer_external_ids).toEqual([
      { customerId: id, source: 'shopify', externalId: '7390116167982' },
    ]);

    eraseCustomer(s.ctx, s.clerkId, id, 'customer request');
    const row = s.db.prepare<[number], Row>('SELECT * FROM customers WHERE id = ?').get(id)!;
    expect(row).toMatchObject({ city: null, postcode: null, country: null, sms_consent: 0 });
    expect(externalIds(s).filter((e) => e.customer_id === id)).toEqual([]);
  });
});

describe('counterpart import customers --preset', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: {},
    });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('says in the dry run which column fills what and what is not imported, and writes nothing', async () => {
    const s = tempStore();
    const r = await run([
      'import',
      'customers',
      fixture('shopify-customers.csv'),
      '--preset',
      'shopify',
      '--dry-run',
      '--db',
      s.file,
    ]);
    expect(r.code).toBe(3);
    expect(r.out).toContain(
      'Columns (read as a Shopify customer export): Customer ID -> externalId, First Name -> firstName',
    );
    expect(r.out).toContain('Not imported: Default Address Company, Default Address Address1');
    expect(s.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('prints a preset as a mapping file to start from, which imports the same', async () => {
    const s = tempStore();
    const printed = await run(['import', 'customers', '--preset', 'square', '--print-mapping']);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.out)).toEqual({ columns: PRESETS.square.columns });
    const mapping = path.join(tempDir(), 'square.json');
    fs.writeFileSync(mapping, printed.out);
    const r = await run([
      'import',
      'customers',
      fixture('square-customers.csv'),
      '--preset',
      'none',
      '--mapping',
      mapping,
      '--json',
      '--db',
      s.file,
    ]);
    expect(JSON.parse(r.out)).toMatchObject({ preset: null, inserted: 3, failed: 1 });
  });

  it('refuses an unknown preset and a print without one', async () => {
    expect(await run(['import', 'customers', 'x.csv', '--preset', 'lightspeed'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('There is no "lightspeed" preset'),
    });
    expect(await run(['import', 'customers', '--print-mapping'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Name the preset to print'),
    });
  });
});

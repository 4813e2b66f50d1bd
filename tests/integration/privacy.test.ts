import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { createCustomer } from '../../main/services/customers';
import { searchCustomers } from '../../main/services/customer-search';
import { saveDraft } from '../../main/services/drafts';
import { openIssuesFor } from '../../main/services/history';
import { amendInteraction, logInteraction } from '../../main/services/interactions';
import { backupNow } from '../../main/services/backup';
import { applyRetention, eraseCustomer, exportCustomerData } from '../../main/services/privacy';
import { scrubState } from '../../main/services/store-scrub';
import { cliTerminal } from '../helpers/cli-terminal';
import { addPurchase, tempDir, tempStore, type TempStore } from '../helpers/temp-store';

function seed(s: TempStore) {
  const zoe = createCustomer(s.ctx, {
    firstName: 'Zoë',
    lastName: 'Müller',
    phone: '087 765 4321',
    email: 'zoe.muller@example.ie',
    loyaltyId: 'Z-77',
    birthday: '1988-03-04',
    language: 'de',
    style: 'green',
    marketingConsent: true,
    tags: ['vip'],
    notes: 'Allergic to wool',
  });
  const other = createCustomer(s.ctx, { firstName: 'Liam', lastName: 'Walsh', phone: '086 111 2222' });
  addPurchase(s, zoe.id, '2026-11-01T10:00:00.000Z', [
    { sku: 'S1', description: 'Scarf', priceCents: 2500 },
    { sku: 'S2', description: 'Gloves', priceCents: 1500, returned: true },
  ]);
  addPurchase(s, zoe.id, '2026-11-10T10:00:00.000Z', [{ description: 'Hat', priceCents: 3000, quantity: 2 }]);
  s.setNow('2026-11-20T09:00:00.000Z');
  const complaint = logInteraction(s.ctx, s.clerkId, {
    customerId: zoe.id,
    kind: 'complaint',
    outcome: 'follow_up',
    sentiment: 2,
    notes: 'Zoë says the scarf frayed; call her on 087 765 4321',
    followUpDue: '2026-11-25',
  });
  s.setNow('2026-11-21T09:00:00.000Z');
  amendInteraction(s.ctx, s.clerkId, {
    interactionId: complaint.id,
    reason: 'Zoë asked for email instead',
    notes: 'Email zoe.muller@example.ie',
  });
  const inquiry = logInteraction(s.ctx, s.clerkId, {
    customerId: zoe.id,
    kind: 'inquiry',
    outcome: 'resolved',
    sentiment: 5,
    notes: 'Asked about sizes',
  });
  const liamNote = logInteraction(s.ctx, s.clerkId, {
    customerId: other.id,
    kind: 'inquiry',
    outcome: 'resolved',
    sentiment: 4,
    notes: 'Liam wants blue',
  });
  saveDraft(s.ctx, `log:${zoe.id}`, '{"notes":"Zoë will call back about the"}');
  saveDraft(s.ctx, `log:${other.id}`, '{"notes":"Liam"}');
  s.setNow('2026-11-23T10:00:00.000Z');
  return { zoe, other, complaint, inquiry, liamNote };
}

const getScrub = (s: TempStore) => scrubState(s.db);

const interactionRows = (s: TempStore) =>
  s.db
    .prepare<
      [],
      {
        id: number;
        customer_id: number | null;
        kind: string;
        outcome: string;
        sentiment: number | null;
        notes: string;
        amend_reason: string | null;
        amends_id: number | null;
      }
    >('SELECT id, customer_id, kind, outcome, sentiment, notes, amend_reason, amends_id FROM interactions ORDER BY id')
    .all();

describe('customer data export', () => {
  it('returns everything held about the customer as plain JSON, and audits it without personal data', () => {
    const s = tempStore();
    const { zoe, complaint, inquiry } = seed(s);
    const data = exportCustomerData(s.ctx, s.clerkId, zoe.id);

    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.customer).toMatchObject({
      id: zoe.id,
      firstName: 'Zoë',
      lastName: 'Müller',
      email: 'zoe.muller@example.ie',
      loyaltyId: 'Z77',
      birthday: '1988-03-04',
      tags: ['vip'],
      notes: 'Allergic to wool',
      purchaseCount: 2,
      lifetimeSpendCents: 2500 + 1500 + 6000,
      interactionCount: 2,
    });
    expect(data.purchases).toHaveLength(2);
    expect(data.purchases[0]).toMatchObject({
      totalCents: 4000,
      items: [
        { sku: 'S1', description: 'Scarf', quantity: 1, unitPriceCents: 2500, returnStatus: 'kept' },
        { sku: 'S2', description: 'Gloves', quantity: 1, unitPriceCents: 1500, returnStatus: 'returned' },
      ],
    });
    // Originals and the amendment, with who wrote them.
    expect(
      data.interactions.map((i) => [
        i.id === complaint.id || i.id === inquiry.id ? 'original' : 'amendment',
        i.notes,
        i.clerkName,
      ]),
    ).toEqual([
      ['original', 'Zoë says the scarf frayed; call her on 087 765 4321', 'Aoife Byrne'],
      ['amendment', 'Email zoe.muller@example.ie', 'Aoife Byrne'],
      ['original', 'Asked about sizes', 'Aoife Byrne'],
    ]);
    expect(data.interactions[1]).toMatchObject({ amendsId: complaint.id, amendReason: 'Zoë asked for email instead' });
    expect(data.openIssues).toEqual([
      expect.objectContaining({ interactionId: complaint.id, dueDate: '2026-11-25', closedAt: null }),
    ]);
    expect(data.drafts).toEqual([
      expect.objectContaining({ key: `log:${zoe.id}`, body: '{"notes":"Zoë will call back about the"}' }),
    ]);
    expect(data.otherRecords.customer_days).toHaveLength(4);
    expect(JSON.stringify(data)).not.toContain('Liam');

    const audit = s.db
      .prepare<[], { clerk_id: number; subject: string; details: string }>(
        "SELECT * FROM audit_log WHERE event = 'export'",
      )
      .get()!;
    expect(audit).toMatchObject({ clerk_id: s.clerkId, subject: `customer:${zoe.id}` });
    expect(audit.details).not.toMatch(/Zo|Müller|@|087/);
  });

  it('refuses an unknown customer', () => {
    const s = tempStore();
    expect(() => exportCustomerData(s.ctx, s.clerkId, 999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('erasing a customer', () => {
  it('removes personal data from the customer, search and interaction notes, keeping counts for the figures', () => {
    const s = tempStore();
    const { zoe, other, complaint, liamNote } = seed(s);
    const before = interactionRows(s);
    const result = eraseCustomer(s.ctx, s.clerkId, zoe.id, 'Customer request by email of 2026-11-22');
    expect(result).toEqual({
      customerId: zoe.id,
      interactionsRedacted: 3,
      openIssuesClosed: 1,
      draftsDeleted: 1,
      purchasesKept: 2,
      otherTables: [],
      stillHeldBy: [], // no backups or store copies yet
      storeFile: { walPending: false, compactionPending: true },
    });
    expect(s.db.prepare('SELECT key FROM drafts').all()).toEqual([{ key: `log:${other.id}` }]);

    const row = s.db.prepare('SELECT * FROM customers WHERE id = ?').get(zoe.id);
    expect(row).toMatchObject({
      first_name: '',
      last_name: '',
      name_key: '',
      last_key: '',
      phone: null,
      phone_digits: null,
      email: null,
      loyalty_id: null,
      birthday: null,
      language: null,
      style: 'unknown',
      marketing_consent: 0,
      tags: '[]',
      notes: '',
      // Aggregates stay for the store's figures.
      purchase_count: 2,
      lifetime_spend_cents: 10_000,
      interaction_count: 2,
    });

    for (const q of ['Zoë', 'Müller', 'Zoe Muller', '087 765 4321', '4321', 'zoe.muller@example.ie', 'Z-77']) {
      expect(
        searchCustomers(s.ctx, q).map((h) => h.id),
        q,
      ).not.toContain(zoe.id);
    }
    expect(s.db.prepare("SELECT rowid FROM customer_fts WHERE customer_fts MATCH 'name_key : muller'").all()).toEqual(
      [],
    );
    expect(searchCustomers(s.ctx, 'Liam Walsh').map((h) => h.id)).toContain(other.id);

    // Interactions: same number, kinds, outcomes and sentiments; no text, no link.
    const after = interactionRows(s);
    expect(after.map((i) => [i.id, i.kind, i.outcome, i.sentiment, i.amends_id])).toEqual(
      before.map((i) => [i.id, i.kind, i.outcome, i.sentiment, i.amends_id]),
    );
    for (const i of after.filter((x) => x.id !== liamNote.id)) {
      expect(i).toMatchObject({ customer_id: null, notes: '' });
      expect(i.amend_reason === null || i.amend_reason === '').toBe(true);
    }
    expect(after.find((i) => i.id === liamNote.id)).toMatchObject({ customer_id: other.id, notes: 'Liam wants blue' });

    // The open follow-up is closed and unlinked; purchases stay, linked to the anonymous row.
    expect(
      s.db
        .prepare('SELECT customer_id, closed_at, closed_by FROM open_issues WHERE interaction_id = ?')
        .get(complaint.id),
    ).toEqual({
      customer_id: null,
      closed_at: '2026-11-23T10:00:00.000Z',
      closed_by: null,
    });
    expect(openIssuesFor(s.ctx, zoe.id)).toEqual([]);
    expect(
      s.db.prepare('SELECT count(*) AS n, sum(total_cents) AS t FROM purchases WHERE customer_id = ?').get(zoe.id),
    ).toEqual({ n: 2, t: 10_000 });

    // The append-only guard is back in force.
    expect(() => s.db.prepare("UPDATE interactions SET notes = 'x' WHERE id = ?").run(liamNote.id)).toThrow(
      'append-only',
    );
    expect(() => s.db.prepare('DELETE FROM interactions WHERE id = ?').run(liamNote.id)).toThrow('append-only');

    const audit = s.db
      .prepare<[], { subject: string; details: string }>("SELECT * FROM audit_log WHERE event = 'erase'")
      .get()!;
    expect(audit.subject).toBe(`customer:${zoe.id}`);
    expect(JSON.parse(audit.details)).toMatchObject({
      reason: 'Customer request by email of 2026-11-22',
      interactionsRedacted: 3,
    });
    expect(audit.details).not.toMatch(/Zo|Müller|zoe\.|087/);
  });

  it('needs a reason and an existing customer, and changes nothing otherwise', () => {
    const s = tempStore();
    const { zoe } = seed(s);
    expect(() => eraseCustomer(s.ctx, s.clerkId, zoe.id, '   ')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => eraseCustomer(s.ctx, s.clerkId, 999, 'request')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(s.db.prepare('SELECT first_name FROM customers WHERE id = ?').get(zoe.id)).toEqual({ first_name: 'Zoë' });
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'erase'").get()).toEqual({ n: 0 });
  });
});

describe('retention of interaction notes', () => {
  it('blanks notes older than the limit, with their amendments, keeps open follow-ups and counts, and is repeatable', () => {
    const s = tempStore('2025-01-10T10:00:00.000Z');
    const c = createCustomer(s.ctx, { firstName: 'Ann', lastName: 'Lee' });
    const old = logInteraction(s.ctx, s.clerkId, {
      customerId: c.id,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'old note',
    });
    const oldOpen = logInteraction(s.ctx, s.clerkId, {
      customerId: c.id,
      kind: 'complaint',
      outcome: 'escalated',
      notes: 'still open',
    });
    s.setNow('2025-06-01T10:00:00.000Z');
    amendInteraction(s.ctx, s.clerkId, { interactionId: old.id, reason: 'typo', notes: 'old note, corrected' });
    s.setNow('2026-11-01T10:00:00.000Z');
    const recent = logInteraction(s.ctx, s.clerkId, {
      customerId: c.id,
      kind: 'inquiry',
      outcome: 'resolved',
      notes: 'recent note',
    });

    s.setNow('2026-11-23T10:00:00.000Z');
    expect(applyRetention(s.ctx, 365)).toBe(2); // the old entry and its amendment
    const rows = interactionRows(s);
    expect(
      rows.map((r) => [
        r.id === old.id ? 'old' : r.id === oldOpen.id ? 'open' : r.id === recent.id ? 'recent' : 'amendment',
        r.notes,
        r.customer_id,
      ]),
    ).toEqual([
      ['old', '', c.id],
      ['open', 'still open', c.id],
      ['amendment', '', c.id],
      ['recent', 'recent note', c.id],
    ]);
    expect(rows.find((r) => r.amends_id === old.id)!.amend_reason).toBe('');
    expect(applyRetention(s.ctx, 365)).toBe(0);
    expect(
      s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE event = 'erase' AND subject = 'retention'").get(),
    ).toEqual({ n: 1 });
    expect(() => s.db.prepare("UPDATE interactions SET notes = 'x'").run()).toThrow('append-only');

    // Judged by the store's clock: a year later the recent one goes too.
    s.setNow('2027-11-23T10:00:00.000Z');
    expect(applyRetention(s.ctx, 365)).toBe(1);
    expect(() => applyRetention(s.ctx, 0)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

describe('counterpart customer export|erase', () => {
  const { io, out, err } = cliTerminal();
  /** `counterpart customer …` as the command line runs it. */
  const runCustomer = (args: string[], through: typeof io) => runCli(['customer', ...args], through);

  it('exports to a new file and erases with a reason', async () => {
    const s = tempStore();
    const { zoe } = seed(s);
    const file = path.join(tempDir(), 'zoe.json');
    expect(await runCustomer(['export', String(zoe.id), '--out', file, '--db', s.file], io)).toBe(0);
    expect(out.join('')).toContain(`Exported customer ${zoe.id}`);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { customer: { firstName: string } };
    expect(exported.customer.firstName).toBe('Zoë');
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    expect(
      await runCustomer(['erase', String(zoe.id), '--reason', 'customer request', '--db', s.file, '--json'], io),
    ).toBe(0);
    expect(JSON.parse(out[out.length - 1]!)).toMatchObject({ customerId: zoe.id, interactionsRedacted: 3 });
    expect(s.db.prepare('SELECT first_name FROM customers WHERE id = ?').get(zoe.id)).toEqual({ first_name: '' });
  });

  it('erase lists the backups still holding the customer, from the backups folder beside the store, and compacts the file', async () => {
    const s = tempStore();
    const { zoe } = seed(s);
    const made = await backupNow(s.db, path.join(path.dirname(s.file), 'backups'), {
      keep: 14,
      now: new Date('2026-11-23T18:00:00.000Z'),
    });
    expect(await runCustomer(['erase', String(zoe.id), '--reason', 'customer request', '--db', s.file], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain(`Erased customer ${zoe.id}: 3 interaction entries anonymised`);
    expect(text).toMatch(/The store file was compacted, so no trace remains in it \(\d+\.\d s\)\./);
    expect(text).toMatch(
      new RegExp(
        `Still held, until deleted:\n {4}${made.name} \\(backup of 2026-11-23T18:00:00.000Z\\): deleted by \\d{4}-`,
      ),
    );
    expect(getScrub(s)).toEqual({ walPending: false, compactionPending: false });

    out.length = 0;
    const other = createCustomer(s.ctx, { firstName: 'Ann', lastName: 'Lee' });
    const elsewhere = tempDir();
    expect(
      await runCustomer(
        ['erase', String(other.id), '--reason', 'customer request', '--backups', elsewhere, '--db', s.file, '--json'],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({
      customerId: other.id,
      stillHeldBy: [],
      backupsChecked: elsewhere,
      storeFile: { compactionPending: false },
    });
  });

  it.each([
    [[], 'Say what to do'],
    [['delete', '1'], 'Unknown customer command "delete"'],
    [['export', 'abc', '--out', 'x.json'], '"abc" is not a customer id'],
    [['export', '1'], '--out FILE.json'],
    [['erase', '1'], '--reason'],
    [['erase', '1', '--reason', '  '], '--reason'],
    [['erase', '1', '--reason', 'x', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with one clear line for %j', async (args, message) => {
    expect(await runCustomer(args, io)).toBe(2);
    expect(err.join('').split('\n')[0]).toContain(message);
  });

  it('exits 2 for an existing --out file, and 1 for a missing database or an unknown customer', async () => {
    const s = tempStore();
    const existing = path.join(tempDir(), 'taken.json');
    fs.writeFileSync(existing, '{}');
    expect(await runCustomer(['export', '1', '--out', existing, '--db', s.file], io)).toBe(2);
    expect(fs.readFileSync(existing, 'utf8')).toBe('{}');
    expect(await runCustomer(['erase', '1', '--reason', 'x', '--db', path.join(tempDir(), 'nope.db')], io)).toBe(1);
    expect(err.join('')).toContain('No database at');
    err.length = 0;
    expect(await runCustomer(['erase', '999', '--reason', 'x', '--db', s.file], io)).toBe(1);
    expect(err.join('')).toBe('No customer with id 999.\n');
  });
});

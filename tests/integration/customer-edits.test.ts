import { describe, expect, it } from 'vitest';
import { addClerk } from '../../main/services/clerks';
import { updateCustomer } from '../../main/services/customer-edits';
import { searchCustomers } from '../../main/services/customer-search';
import { createCustomer, getProfile } from '../../main/services/customers';
import { eraseCustomer, exportCustomerData } from '../../main/services/privacy';
import { openProfile } from '../../main/services/profile-views';
import { profileAuditRepo } from '../../main/db/profile-audit.repo';
import { tempStore, type TempStore } from '../helpers/temp-store';

function seed(s: TempStore) {
  const mary = createCustomer(s.ctx, {
    firstName: 'Mary',
    lastName: "O'Brien",
    phone: '087 123 4567',
    email: 'mary@example.ie',
    loyaltyId: 'M-1',
    tags: ['vip'],
    notes: 'Prefers email',
  });
  const liam = createCustomer(s.ctx, {
    firstName: 'Liam',
    lastName: 'Walsh',
    phone: '086 111 2222',
    email: 'liam@example.ie',
    loyaltyId: 'L-2',
  });
  return { mary, liam };
}

const changeRows = (s: TempStore, customerId: number) =>
  s.db
    .prepare<
      [number],
      { field: string; old_value: string; new_value: string; clerk_id: number; terminal_id: string; changed_at: string }
    >(
      'SELECT field, old_value, new_value, clerk_id, terminal_id, changed_at FROM customer_field_changes WHERE customer_id = ? ORDER BY id',
    )
    .all(customerId);
const auditRows = (s: TempStore) =>
  s.db
    .prepare<[], { clerk_id: number; subject: string; details: string }>(
      "SELECT clerk_id, subject, details FROM audit_log WHERE event = 'customer_update'",
    )
    .all();
const customerRow = (s: TempStore, id: number) => s.db.prepare('SELECT * FROM customers WHERE id = ?').get(id);

describe('editing a customer', () => {
  it('changes the named fields only, one change row per field (who, where, when, old and new) and one audit entry naming them', () => {
    const s = tempStore();
    const { mary } = seed(s);
    s.setNow('2026-12-03T11:00:00.000Z');
    const r = updateCustomer(s.ctx, s.clerkId, mary.id, {
      phone: '087 765 4321',
      marketingConsent: true,
      tags: ['vip', 'runner'],
      notes: 'Prefers email',
    });

    expect(r.changed).toEqual(['phone', 'marketingConsent', 'tags']); // notes held the same text: not a change
    expect(r.customer).toMatchObject({
      phone: '087 765 4321',
      marketingConsent: true,
      tags: ['vip', 'runner'],
      email: 'mary@example.ie',
      firstName: 'Mary',
    });
    const at = { clerk_id: s.clerkId, terminal_id: s.ctx.config.terminalId, changed_at: '2026-12-03T11:00:00.000Z' };
    expect(changeRows(s, mary.id)).toEqual([
      { field: 'phone', old_value: '"087 123 4567"', new_value: '"087 765 4321"', ...at },
      { field: 'marketingConsent', old_value: 'false', new_value: 'true', ...at },
      { field: 'tags', old_value: '["vip"]', new_value: '["vip","runner"]', ...at },
    ]);
    const [entry] = auditRows(s);
    expect(entry).toMatchObject({ clerk_id: s.clerkId, subject: `customer:${mary.id}` });
    expect(JSON.parse(entry!.details)).toEqual({ fields: ['phone', 'marketingConsent', 'tags'] });
    expect(entry!.details).not.toMatch(/087|vip|runner/); // the audit log never holds the values
    expect(searchCustomers(s.ctx, '087 765 4321')[0]).toMatchObject({ id: mary.id, match: 'phone' });
    expect(searchCustomers(s.ctx, '087 123 4567').map((h) => h.id)).not.toContain(mary.id);
  });

  it('writes nothing when the edit holds the values already stored', () => {
    const s = tempStore();
    const { mary } = seed(s);
    const before = customerRow(s, mary.id);
    expect(
      updateCustomer(s.ctx, s.clerkId, mary.id, { firstName: ' Mary ', email: 'MARY@example.ie', loyaltyId: 'm1' })
        .changed,
    ).toEqual([]);
    expect(customerRow(s, mary.id)).toEqual(before);
    expect(changeRows(s, mary.id)).toEqual([]);
    expect(auditRows(s)).toEqual([]);
  });

  it('clears a field given as empty, birthday included', () => {
    const s = tempStore();
    const { mary } = seed(s);
    updateCustomer(s.ctx, s.clerkId, mary.id, { birthday: '1980-05-17' });
    const r = updateCustomer(s.ctx, s.clerkId, mary.id, { birthday: '', email: '', tags: [] });
    expect(r.customer).toMatchObject({ birthday: null, email: null, tags: [] });
    expect(
      changeRows(s, mary.id)
        .slice(1)
        .map((c) => [c.field, c.old_value, c.new_value]),
    ).toEqual([
      ['email', '"mary@example.ie"', 'null'],
      ['birthday', '"1980-05-17"', 'null'],
      ['tags', '["vip"]', '[]'],
    ]);
  });

  it('checks values as creation does and loses nothing on a refusal', () => {
    const s = tempStore();
    const { mary } = seed(s);
    const before = customerRow(s, mary.id);
    const refused = (changes: object) => expect(() => updateCustomer(s.ctx, s.clerkId, mary.id, changes as never));
    refused({ email: 'not an email' }).toThrow(/email/i);
    refused({ birthday: '2026-02-30' }).toThrow(/not a calendar date/);
    refused({ style: 'purple' }).toThrow();
    refused({ visitCount: 0 }).toThrow(/visitCount/); // not a field of a customer: refused, not dropped
    refused({}).toThrow(expect.objectContaining({ code: 'VALIDATION', message: 'Say what to change.' }));
    const anon = createCustomer(s.ctx, { phone: '01 555 0000' });
    expect(() => updateCustomer(s.ctx, s.clerkId, anon.id, { phone: '' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/at least a name, phone, email or loyalty card/),
      }),
    );
    expect(customerRow(s, mary.id)).toEqual(before);
    expect(getProfile(s.ctx, anon.id).customer.phone).toBe('01 555 0000');
    expect(s.db.prepare('SELECT count(*) FROM customer_field_changes').pluck().get()).toBe(0);
  });

  it("refuses another customer's phone (however written), email or card, naming who holds it", () => {
    const s = tempStore();
    const { mary, liam } = seed(s);
    const before = customerRow(s, mary.id);
    const conflict = (changes: object, message: RegExp) =>
      expect(() => updateCustomer(s.ctx, s.clerkId, mary.id, changes as never)).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(message) }),
      );
    conflict({ phone: '+353 86 111 2222' }, new RegExp(`already belongs to Liam Walsh \\(customer ${liam.id}\\)`));
    conflict({ email: 'Liam@Example.ie' }, /Email liam@example.ie already belongs to Liam Walsh/);
    conflict({ loyaltyId: 'l2' }, /Loyalty card L2 already belongs to another customer/);
    expect(customerRow(s, mary.id)).toEqual(before);
    expect(changeRows(s, mary.id)).toEqual([]);
  });

  it('takes a card of only spaces and dashes as no card, for any number of customers', () => {
    const s = tempStore();
    const { mary, liam } = seed(s);
    expect(updateCustomer(s.ctx, s.clerkId, mary.id, { loyaltyId: ' - ' }).customer.loyaltyId).toBeNull();
    expect(updateCustomer(s.ctx, s.clerkId, liam.id, { loyaltyId: '--' }).customer.loyaltyId).toBeNull();
    expect(createCustomer(s.ctx, { firstName: 'Eve', loyaltyId: '-' }).loyaltyId).toBeNull();
  });

  it('lets a customer who shared a phone before the edit be edited without touching it', () => {
    const s = tempStore();
    const { mary } = seed(s);
    const daughter = createCustomer(s.ctx, { firstName: 'Aoife', lastName: "O'Brien", phone: '087 123 4567' }); // creation warns, allows
    expect(updateCustomer(s.ctx, s.clerkId, daughter.id, { notes: 'Mary is her mother' }).changed).toEqual(['notes']);
    expect(updateCustomer(s.ctx, s.clerkId, mary.id, { notes: 'Aoife is her daughter' }).changed).toEqual(['notes']);
  });

  it('refuses to edit an erased customer', () => {
    const s = tempStore();
    const { mary } = seed(s);
    expect(getProfile(s.ctx, mary.id).erased).toBe(false);
    eraseCustomer(s.ctx, s.clerkId, mary.id, 'customer request');
    expect(getProfile(s.ctx, mary.id).erased).toBe(true); // the profile offers no edit
    expect(() => updateCustomer(s.ctx, s.clerkId, mary.id, { firstName: 'Mary' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/erased/) }),
    );
    expect(getProfile(s.ctx, mary.id).customer.displayName).toBe('Unnamed customer');
    expect(() => updateCustomer(s.ctx, s.clerkId, 9999, { firstName: 'X' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('renaming a customer', () => {
  const nameWords = (s: TempStore) =>
    s.db.prepare<[], string>('SELECT word FROM name_words ORDER BY word').pluck().all();

  it('is found by the new name and no longer by the old one, also typed without its spaces', () => {
    const s = tempStore();
    const joana = createCustomer(s.ctx, { firstName: 'Joana', lastName: 'Pereira' }).id;
    createCustomer(s.ctx, { firstName: 'Fernanda', lastName: 'Silva' });
    const ids = (q: string) => searchCustomers(s.ctx, q).map((h) => h.id);
    expect(ids('pereira')).toEqual([joana]);
    expect(nameWords(s)).toEqual(['fernanda', 'joana', 'pereira', 'silva']);

    expect(updateCustomer(s.ctx, s.clerkId, joana, { lastName: 'da Silva' }).changed).toEqual(['lastName']);
    expect(ids('pereira')).toEqual([]);
    expect(ids('joana pereira')).toEqual([]);
    expect(ids('joana da silva')).toEqual([joana]);
    expect(ids('dasilva')).toEqual([joana]); // the run-together lookup reads the new name's words
    expect(nameWords(s)).toEqual(['fernanda', 'joana', 'silva']); // "pereira" is nobody's any more: gone
    expect(s.db.prepare("SELECT uses FROM name_words WHERE word = 'silva'").pluck().get()).toBe(2);

    updateCustomer(s.ctx, s.clerkId, joana, { firstName: 'Joanna' });
    expect(ids('joanna')).toEqual([joana]);
    expect(searchCustomers(s.ctx, 'joana')).toEqual([expect.objectContaining({ id: joana, match: 'fuzzy' })]); // a near miss now
    expect(nameWords(s)).toEqual(['fernanda', 'joanna', 'silva']);
  });
});

describe('communication style', () => {
  it('records who set it and when; creation by a clerk counts, the demo store and imports leave it unlabelled', () => {
    const s = tempStore('2026-12-01T09:00:00.000Z');
    const ciara = addClerk(s.ctx, 'Ciara Nolan', 'clerk');
    const created = createCustomer(s.ctx, { firstName: 'Tom', style: 'green' }, ciara.id);
    expect(created).toMatchObject({
      style: 'green',
      styleSetBy: { clerkId: ciara.id, name: 'Ciara Nolan' },
      styleSetAt: '2026-12-01T09:00:00.000Z',
    });
    expect(createCustomer(s.ctx, { firstName: 'Ann' }, ciara.id)).toMatchObject({
      style: 'unknown',
      styleSetBy: null,
      styleSetAt: null,
    });
    expect(createCustomer(s.ctx, { firstName: 'Eve', style: 'gold' })).toMatchObject({
      styleSetBy: null,
      styleSetAt: null,
    });

    s.setNow('2026-12-03T15:30:00.000Z');
    const r = updateCustomer(s.ctx, s.clerkId, created.id, { style: 'unknown' }); // clearing is a choice too
    expect(r.customer).toMatchObject({
      style: 'unknown',
      styleSetBy: { clerkId: s.clerkId, name: 'Aoife Byrne' },
      styleSetAt: '2026-12-03T15:30:00.000Z',
    });
    s.setNow('2026-12-04T10:00:00.000Z');
    updateCustomer(s.ctx, ciara.id, created.id, { notes: 'likes detail' }); // not a style change: the label stays
    expect(getProfile(s.ctx, created.id).customer).toMatchObject({
      styleSetBy: { clerkId: s.clerkId },
      styleSetAt: '2026-12-03T15:30:00.000Z',
    });
  });
});

describe('edits and the customer’s rights', () => {
  it('the export holds the style label, every field change and every opening of the profile', () => {
    const s = tempStore();
    const { mary } = seed(s);
    const manager = { id: s.clerkId, displayName: 'Aoife Byrne', role: 'manager' as const };
    openProfile(s.ctx, manager, mary.id);
    updateCustomer(s.ctx, s.clerkId, mary.id, { style: 'blue', phone: '087 000 0000' });
    const data = exportCustomerData(s.ctx, s.clerkId, mary.id);
    expect(data.customer).toMatchObject({ style: 'blue', styleSetBy: { clerkId: s.clerkId, name: 'Aoife Byrne' } });
    expect(data.otherRecords.customer_field_changes).toEqual([
      expect.objectContaining({
        field: 'phone',
        oldValue: '"087 123 4567"',
        newValue: '"087 000 0000"',
        clerkId: s.clerkId,
      }),
      expect.objectContaining({ field: 'style', oldValue: '"unknown"', newValue: '"blue"' }),
    ]);
    expect(data.otherRecords.profile_views).toEqual([
      expect.objectContaining({ customerId: mary.id, clerkId: s.clerkId, terminalId: s.ctx.config.terminalId }),
    ]);
  });

  it('erasure deletes the field changes (they hold old values) and the style label, and keeps who opened the profile', () => {
    const s = tempStore();
    const { mary, liam } = seed(s);
    openProfile(s.ctx, null, mary.id);
    updateCustomer(s.ctx, s.clerkId, mary.id, { style: 'gold', phone: '087 000 0000' });
    updateCustomer(s.ctx, s.clerkId, liam.id, { notes: 'stays' });
    eraseCustomer(s.ctx, s.clerkId, mary.id, 'customer request');
    expect(changeRows(s, mary.id)).toEqual([]);
    expect(changeRows(s, liam.id)).toHaveLength(1);
    expect(customerRow(s, mary.id)).toMatchObject({ style: 'unknown', style_set_by: null, style_set_at: null });
    expect(profileAuditRepo(s.db).countViews.get(mary.id)!.n).toBe(1);
    const dump = JSON.stringify(s.db.prepare('SELECT * FROM customer_field_changes').all());
    expect(dump).not.toMatch(/087 123 4567|087 000 0000/);
  });
});

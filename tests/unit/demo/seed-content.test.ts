import { describe, expect, it } from 'vitest';
import { customerRow } from '../../../main/services/customers';
import { customersRepo } from '../../../main/db/customers.repo';
import { DEMO_PIN, NAME_GROUPS, NOTES } from '../../../main/services/demo/catalog';
import { verifyPin } from '../../../main/services/pin-hash';
import { searchCustomers } from '../../../main/services/customer-search';
import { getProfile } from '../../../main/services/customers';
import { timeline } from '../../../main/services/history';
import { addDays } from '../../../main/services/time';
import { seeded, snapshot, TODAY } from './store-snapshot';

const today = TODAY.slice(0, 10);

describe('demo store content', () => {
  const store = seeded({ customers: 3000 });
  const { db, ctx } = store;
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  const one = <T>(sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as T;
  const byName = (first: string, last: string) =>
    db.prepare('SELECT * FROM customers WHERE first_name = ? AND last_name = ?').get(first, last) as {
      id: number;
      [k: string]: unknown;
    };

  it('is the same store for the same seed and day, and another for another seed', () => {
    expect(snapshot(seeded({ customers: 300 }).db)).toEqual(snapshot(seeded({ customers: 300 }).db));
    expect(snapshot(seeded({ customers: 300, seed: 7 }).db).customers).not.toEqual(
      snapshot(seeded({ customers: 300 }).db).customers,
    );
    expect(store.result).toMatchObject({ customers: 3000, clerks: 7 });
  });

  it('has staff with one admin and a manager, all signing in with the demo PIN', async () => {
    const clerks = all<{ role: string; pin_hash: string; display_name: string }>('SELECT * FROM clerks');
    expect(clerks.length).toBeGreaterThanOrEqual(6);
    expect(clerks.length).toBeLessThanOrEqual(8);
    expect(clerks.filter((c) => c.role === 'admin')).toHaveLength(1);
    expect(clerks.some((c) => c.role === 'manager')).toBe(true);
    expect(await verifyPin(DEMO_PIN, clerks[0]!.pin_hash)).toBe(true);
    expect(await verifyPin('9999', clerks[0]!.pin_hash)).toBe(false);
  });

  it('gives every clerk a salt of their own, in every store', async () => {
    const hashes = (d: typeof db) => d.prepare('SELECT pin_hash FROM clerks').pluck().all() as string[];
    const mine = hashes(db);
    const other = hashes(seeded({ customers: 0 }).db);
    // Same PIN, so a hash seen twice would mean a salt used twice.
    expect(new Set([...mine, ...other]).size).toBe(mine.length + other.length);
    for (const h of other) expect(await verifyPin(DEMO_PIN, h)).toBe(true);
  });

  it('stores every customer exactly as quick-create would', () => {
    for (const r of all<Record<string, unknown> & { created_at: string }>('SELECT * FROM customers')) {
      const draft = {
        firstName: r.first_name as string,
        lastName: r.last_name as string,
        phone: (r.phone as string | null) ?? undefined,
        email: (r.email as string | null) ?? undefined,
        loyaltyId: (r.loyalty_id as string | null) ?? undefined,
        birthday: (r.birthday as string | null) ?? undefined,
        style: r.style as 'blue',
        language: (r.language as string | null) ?? undefined,
        marketingConsent: r.marketing_consent === 1,
        tags: JSON.parse(r.tags as string) as string[],
        notes: r.notes as string,
      };
      const expected = customerRow(ctx, draft, r.created_at);
      for (const [k, v] of Object.entries(expected))
        if (r[k] !== v) throw new Error(`customer ${String(r.id)} ${k}: ${String(r[k])} != ${String(v)}`);
    }
  });

  it('has the names a counter meets: apostrophes, accents, hyphens, Chinese, very long, and no contact at all', () => {
    expect(byName('Mary', "O'Brien")).toBeTruthy();
    expect(byName('Zoë', 'Smith-Jones')).toBeTruthy();
    expect(byName('José', 'García')).toBeTruthy();
    expect(byName('王芳', '')).toMatchObject({ name_key: '王芳' });
    expect(byName('Mary-Kate', 'Fitzgerald')).toBeTruthy();
    expect(
      one<number>('SELECT count(*) FROM customers WHERE length(first_name) + length(last_name) > 45'),
    ).toBeGreaterThan(0);
    expect(one<number>("SELECT count(*) FROM customers WHERE last_name LIKE '%-%' AND id > 12")).toBeGreaterThan(10);
    expect(one<number>('SELECT count(*) FROM customers WHERE email IS NULL AND phone IS NULL')).toBeGreaterThan(10);
    expect(one<number>('SELECT count(*) FROM customers WHERE email != lower(email)')).toBe(0);
    expect(one<number>("SELECT count(*) FROM customers WHERE phone LIKE '+353%'")).toBeGreaterThan(100);
    expect(one<number>("SELECT count(*) FROM customers WHERE phone LIKE '08%'")).toBeGreaterThan(100);
    expect(
      one<number>("SELECT count(*) FROM customers WHERE phone LIKE '+%' AND phone NOT LIKE '+353%'"),
    ).toBeGreaterThan(10);
    const cards = all<{ loyalty_id: string }>('SELECT loyalty_id FROM customers WHERE loyalty_id IS NOT NULL');
    expect(cards.every((c) => /^2000\d{9}$/.test(c.loyalty_id))).toBe(true);
    expect(new Set(cards.map((c) => c.loyalty_id)).size).toBe(cards.length);
    expect(one<number>('SELECT count(DISTINCT style) FROM customers')).toBe(5);
    expect(one<number>('SELECT count(*) FROM customers WHERE tags LIKE \'%"gardening"%\'')).toBeGreaterThan(10);
    expect(one<number>('SELECT count(*) FROM customers WHERE tags LIKE \'%"prefers-email"%\'')).toBeGreaterThan(10);
    // Surnames agree with who carries them: Ní/Nic and -ska for women, Ó/Mac and -ski for men.
    const female = new Set(NAME_GROUPS.flatMap((g) => [...g.female]));
    const gendered = all<{ first_name: string; last_name: string }>(
      "SELECT first_name, last_name FROM customers WHERE last_name GLOB '[ÓN]* *' OR last_name GLOB 'Mac *' OR last_name GLOB '*sk[ai]'",
    );
    expect(gendered.length).toBeGreaterThan(10);
    const wrong = gendered.filter((c) => female.has(c.first_name) !== /^(Ní|Nic) |ska$/.test(c.last_name));
    expect(wrong).toEqual([]);
    const consent = one<number>('SELECT avg(marketing_consent) FROM customers');
    expect(consent).toBeGreaterThan(0.3);
    expect(consent).toBeLessThan(0.7);
  });

  it('has no note template that fills to an empty note', () => {
    // A parallel seed's main thread keeps templates unfilled and relies on this to draw the same history.
    const templates = [...Object.values(NOTES.interaction), ...Object.values(NOTES.resolution), NOTES.walkIn].flat();
    expect(templates.length).toBeGreaterThan(50);
    for (const t of templates) expect(t === '' || t.replace(/\{(product|due)\}/g, '').trim() !== '', t).toBe(true);
  });

  it('has birthdays this week and one on 29 February', () => {
    const week = Array.from({ length: 7 }, (_, i) => addDays(today, i).slice(5));
    const thisWeek = all<{ birthday: string }>('SELECT birthday FROM customers WHERE birthday IS NOT NULL').filter(
      (c) => week.includes(c.birthday.slice(5)),
    );
    expect(thisWeek.length).toBeGreaterThanOrEqual(3);
    expect(byName('Mary-Kate', 'Fitzgerald').birthday).toBe('1996-02-29');
  });

  it('has skewed, realistic histories: ~5 purchases and ~5 interactions a customer, many one-time visitors, some regulars', () => {
    const purchases = one<number>('SELECT count(*) FROM purchases') / 3000;
    const interactions = one<number>('SELECT count(*) FROM interactions WHERE customer_id IS NOT NULL') / 3000;
    expect(purchases).toBeGreaterThan(4);
    expect(purchases).toBeLessThan(6);
    expect(interactions).toBeGreaterThan(4);
    expect(interactions).toBeLessThan(6);
    expect(one<number>('SELECT count(*) FROM customers WHERE visit_count = 1')).toBeGreaterThan(600);
    expect(one<number>('SELECT count(*) FROM customers WHERE visit_count >= 20')).toBeGreaterThan(100);
    expect(one<number>('SELECT max(visit_count) FROM customers')).toBeGreaterThan(60);
    expect(one<number>('SELECT count(*) FROM customers WHERE visit_count = 0')).toBeGreaterThan(0);
    const lines = all<{ n: number }>('SELECT count(*) AS n FROM purchase_items GROUP BY purchase_id').map((r) => r.n);
    expect(Math.min(...lines)).toBe(1);
    expect(Math.max(...lines)).toBe(4);
    expect(one<number>("SELECT count(*) FROM purchase_items WHERE return_status = 'returned'")).toBeGreaterThan(50);
    for (const kind of ['inquiry', 'purchase', 'return', 'complaint', 'pickup', 'other']) {
      expect(one<number>('SELECT count(*) FROM interactions WHERE kind = ?', kind), kind).toBeGreaterThan(20);
    }
    const outcomes = Object.fromEntries(
      all<{ outcome: string; n: number }>('SELECT outcome, count(*) AS n FROM interactions GROUP BY outcome').map(
        (r) => [r.outcome, r.n],
      ),
    );
    expect(outcomes.resolved).toBeGreaterThan(0.75 * one<number>('SELECT count(*) FROM interactions'));
    expect(outcomes.follow_up).toBeGreaterThan(100);
    expect(outcomes.escalated).toBeGreaterThan(20);
    expect(outcomes.unresolved).toBeGreaterThan(20);
    expect(one<number>('SELECT count(*) FROM interaction_resolves')).toBeGreaterThan(100);
    expect(one<number>('SELECT count(*) FROM interactions WHERE amends_id IS NOT NULL')).toBeGreaterThan(5);
    expect(one<number>('SELECT count(*) FROM interactions WHERE customer_id IS NULL')).toBeGreaterThan(20);
    expect(one<number>("SELECT count(*) FROM interactions WHERE outcome = 'follow_up' AND follow_up_due IS NULL")).toBe(
      0,
    );
    expect(one<number>('SELECT count(DISTINCT terminal_id) FROM interactions')).toBe(3);
    expect(one<number>('SELECT count(DISTINCT clerk_id) FROM interactions')).toBe(7);
    expect(one<number>('SELECT count(DISTINCT sentiment) FROM interactions')).toBe(5);
    expect(one<number>("SELECT count(*) FROM interactions WHERE notes LIKE '%{%'")).toBe(0);
    expect(one<string>('SELECT max(created_at) FROM interactions') <= TODAY).toBe(true);
  });

  it('sets the scene relative to today: open complaint from last week, follow-ups due today, returns in their window, an absent regular', () => {
    const mary = getProfile(ctx, byName('Mary', "O'Brien").id);
    expect(mary.openIssues[0]).toMatchObject({ kind: 'complaint', outcome: 'unresolved' });
    expect(mary.openIssues[0]!.openedAt.slice(0, 10)).toBe(addDays(today, -5));
    expect(mary.tier).not.toBe('new');

    const zoe = getProfile(ctx, byName('Zoë', 'Smith-Jones').id);
    expect(zoe.openIssues.some((i) => i.dueDate === today && !i.overdue)).toBe(true);
    const page = timeline(ctx, zoe.customer.id, null, 50);
    const recent = page.entries.find((e) => e.type === 'purchase');
    expect(recent?.type === 'purchase' && recent.returnWindowEndsOn >= today).toBe(true);

    expect(
      one<number>('SELECT count(*) FROM open_issues WHERE closed_at IS NULL AND due_date = ?', today),
    ).toBeGreaterThanOrEqual(2);
    expect(
      one<number>('SELECT count(*) FROM open_issues WHERE closed_at IS NULL AND due_date < ?', today),
    ).toBeGreaterThan(2);
    expect(
      one<number>(
        `SELECT count(*) FROM open_issues o JOIN interactions i ON i.id = o.interaction_id
                   WHERE o.closed_at IS NULL AND i.kind = 'complaint' AND i.local_day BETWEEN ? AND ?`,
        addDays(today, -8),
        addDays(today, -1),
      ),
    ).toBeGreaterThan(2);
    expect(
      one<number>('SELECT count(*) FROM purchases WHERE local_day >= ?', addDays(today, -ctx.config.returnWindowDays)),
    ).toBeGreaterThan(50);

    const sean = getProfile(ctx, byName('Seán', 'Ó Súilleabháin').id);
    expect(sean.visitCount).toBeGreaterThan(30);
    expect(sean.lastVisitAt! < addDays(today, -200)).toBe(true);
    expect(getProfile(ctx, byName('Chidi', 'Okafor').id).tier).toBe('new');
  });

  it('is found by the lookup the way clerks type', () => {
    const first = (q: string) => searchCustomers(ctx, q)[0]?.displayName;
    expect(first("mary o'brien")).toBe("Mary O'Brien");
    expect(first('zoe smith')).toBe('Zoë Smith-Jones');
    expect(first('jose garcia')).toBe('José García');
    expect(first('王芳')).toBe('王芳');
    expect(first('087 123 4567')).toBe("Mary O'Brien");
    expect(first('+48 601 234 567')).toBe('Małgorzata Wójcik');
    expect(customersRepo(db).emailExact.all('jose.garcia@gmail.com', 5).length).toBeGreaterThan(0);
  });
});

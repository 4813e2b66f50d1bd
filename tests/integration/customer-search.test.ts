import { describe, expect, it } from 'vitest';
import { customersRepo } from '../../main/db/customers.repo';
import { historyRepo } from '../../main/db/history.repo';
import { withinOneEdit } from '@common/same-person';
import { customerByCard, oneEditPatterns, searchCustomers } from '../../main/services/customer-search';
import { createCustomer, findDuplicates } from '../../main/services/customers';
import { logInteraction } from '../../main/services/interactions';
import { tempStore, type TempStore } from '../helpers/temp-store';

function store() {
  const s = tempStore();
  const add = (firstName: string, lastName: string, extra: Record<string, string> = {}) =>
    createCustomer(s.ctx, { firstName, lastName, ...extra }).id;
  const ids = {
    obrien: add('Seán', "O'Brien", {
      phone: '087 123 4567',
      email: 'sean.obrien@example.ie',
      loyaltyId: '2000000000011',
    }),
    brien: add('Brian', 'Brienne', { phone: '+353 1 555 0199' }),
    jose: add('José', 'García', { phone: '+34 612 345 678', email: 'jose@example.es' }),
    zoe: add('Zoë', 'Smith-Jones', { phone: '086 765 4567' }),
    wang: add('王芳', '', { phone: '+86 138 0013 8000' }),
    long: add('Maximiliana-Theodora', 'Featherstonehaugh-Cholmondeley'),
    mary: add('Mary', 'Kate'),
  };
  return { s, ids };
}

const ids = (s: TempStore, q: string) => searchCustomers(s.ctx, q).map((h) => h.id);

describe('customer lookup', () => {
  it('forgives accents, apostrophes, hyphens and case', () => {
    const { s, ids: c } = store();
    expect(ids(s, 'obrien')[0]).toBe(c.obrien);
    expect(ids(s, "O'BRIEN")[0]).toBe(c.obrien);
    expect(ids(s, 'Jose')[0]).toBe(c.jose);
    expect(ids(s, 'garcia')[0]).toBe(c.jose);
    expect(ids(s, 'zoe')[0]).toBe(c.zoe);
    expect(ids(s, 'smith jones')).toContain(c.zoe);
    expect(ids(s, 'smith-jones')).toContain(c.zoe);
    expect(ids(s, '王芳')).toEqual([c.wang]);
    expect(ids(s, 'featherstone')).toEqual([c.long]);
  });

  it('finds phones typed any way, and by their last four digits', () => {
    const { s, ids: c } = store();
    expect(ids(s, '087-123-4567')[0]).toBe(c.obrien);
    expect(ids(s, '+353 87 123 4567')[0]).toBe(c.obrien);
    expect(ids(s, '(087) 1234567')[0]).toBe(c.obrien);
    // 4567 ends two numbers: both found, exact-suffix matches ranked as phone matches
    const last4 = searchCustomers(s.ctx, '4567');
    const exact = last4.filter((h) => h.match === 'phone').map((h) => h.id);
    expect(exact.sort()).toEqual([c.obrien, c.zoe].sort());
    // +34 612 345 678 holds 4567 in the middle: found, but after the numbers that end in it
    expect(last4.at(-1)).toMatchObject({ id: c.jose, match: 'phone_partial' });
    expect(ids(s, '1234')).toContain(c.obrien); // middle digits, via the trigram index
  });

  it('puts exact identifiers before name matches', () => {
    const { s, ids: c } = store();
    const card = createCustomer(s.ctx, { firstName: 'Mary', lastName: 'Brien', loyaltyId: 'brien' }).id;
    const hits = searchCustomers(s.ctx, 'brien');
    expect(hits[0]).toMatchObject({ id: card, match: 'loyalty' });
    expect(hits.map((h) => h.id)).toContain(c.obrien);
    expect(searchCustomers(s.ctx, '2000000000011')[0]).toMatchObject({ id: c.obrien, match: 'loyalty' });
    expect(searchCustomers(s.ctx, 'SEAN.OBRIEN@example.ie')[0]).toMatchObject({ id: c.obrien, match: 'email' });
    expect(searchCustomers(s.ctx, 'jose@')[0]).toMatchObject({ id: c.jose, match: 'email' });
  });

  it('ranks names that start with the query before names that merely contain it', () => {
    const { s, ids: c } = store();
    const hits = searchCustomers(s.ctx, 'brien');
    expect(hits[0]).toMatchObject({ id: c.brien, match: 'name_prefix' });
    expect(hits[1]).toMatchObject({ id: c.obrien, match: 'name' });
  });

  it('finds a name typed without its spaces, from the start of one of its words', () => {
    const { s } = store();
    const add = (firstName: string, lastName: string) => createCustomer(s.ctx, { firstName, lastName }).id;
    const burke = add('Enda', 'de Búrca');
    const nibhriain = add('Emer', 'Ní Bhriain');
    const dasilva = add('João', 'da Silva');
    const fernanda = add('Fernanda', 'Silva');
    const peadar = add('Peadar', 'Mac Giolla Phádraig');
    expect(searchCustomers(s.ctx, 'deburca')).toEqual([expect.objectContaining({ id: burke, match: 'name_prefix' })]);
    expect(ids(s, 'Nibhriain')).toEqual([nibhriain]);
    expect(ids(s, 'dasilva')).toEqual([dasilva]); // "fernanDA SILVA" reads so only from the middle of a word
    expect(ids(s, 'macgiollaphadraig')).toEqual([peadar]);
    expect(ids(s, 'macgiolla')).toEqual([peadar]); // still typing
    expect(ids(s, 'endadeburca')).toEqual([burke]);
    expect(ids(s, 'silva')).toEqual(expect.arrayContaining([dasilva, fernanda]));
  });

  it('tolerates one typo', () => {
    const { s, ids: c } = store();
    expect(searchCustomers(s.ctx, 'obrein')[0]).toMatchObject({ id: c.obrien, match: 'fuzzy' });
    expect(ids(s, 'smtih')).toContain(c.zoe);
    expect(ids(s, 'garcja')).toContain(c.jose);
    expect(oneEditPatterns('jhon')).toContain('john');
    expect(ids(s, 'feathrestonehaugh')).toEqual([c.long]); // a swap inside a long word
    expect(ids(s, 'mayr kate')).toEqual([c.mary]); // the typo in one word of two
    expect(withinOneEdit('obrien', 'obrein')).toBe(true);
    expect(withinOneEdit('obrien', 'obrian')).toBe(true);
    expect(withinOneEdit('obrien', 'brien')).toBe(true);
    expect(withinOneEdit('obrien', 'obriens')).toBe(true);
    expect(withinOneEdit('obrien', 'oberin')).toBe(false);
    expect(withinOneEdit('zoë', 'zoe')).toBe(true);
  });

  it('returns nothing for blank input and respects the limit', () => {
    const { s } = store();
    expect(searchCustomers(s.ctx, '   ')).toEqual([]);
    for (let i = 0; i < 30; i++) createCustomer(s.ctx, { firstName: 'Maria', lastName: `Test${i}` });
    expect(searchCustomers(s.ctx, 'maria', 7)).toHaveLength(7);
  });

  it('keeps the trigram index in sync when a name or phone changes or a customer is deleted', () => {
    const { s, ids: c } = store();
    s.db
      .prepare('UPDATE customers SET first_name = ?, name_key = ?, last_key = ?, phone_digits = ? WHERE id = ?')
      .run('Seamus', 'seamus obrien', 'obrien seamus', '353870000999', c.obrien);
    expect(ids(s, 'seamus')).toEqual([c.obrien]);
    expect(searchCustomers(s.ctx, 'seamsu').find((h) => h.id === c.obrien)?.match).toBe('fuzzy'); // via the name words
    const words = () => s.db.prepare('SELECT word FROM name_words ORDER BY word').pluck().all();
    expect(words()).toContain('seamus');
    expect(words()).not.toContain('sean'); // no customer is called that any more
    expect(ids(s, '0000999')).toContain(c.obrien);
    s.db.prepare('DELETE FROM customers WHERE id = ?').run(c.mary);
    expect(ids(s, 'mary kate')).toEqual([]);
    expect(words()).not.toContain('mary');
    expect(s.db.prepare("SELECT count(*) FROM name_word_variants WHERE word = 'mary'").pluck().get()).toBe(0);
    // FTS5 raises SQLITE_CORRUPT_VTAB here if the index and the customers table disagree
    expect(() =>
      s.db.prepare("INSERT INTO customer_fts (customer_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('opens a profile from a card scan only on an exact loyalty id', () => {
    const { s, ids: c } = store();
    expect(customerByCard(s.ctx, '2000000000011')?.id).toBe(c.obrien);
    expect(customerByCard(s.ctx, '200000000001')).toBeNull();
  });

  it('uses indexes, not table scans, for every lookup shape', () => {
    const { s } = store();
    // The repositories' own statements, as prepared, not copies of their text: a change to the SQL is judged here.
    const { hits } = customersRepo(s.db);
    const plan = (stmt: { source: string }, ...args: unknown[]) =>
      s.db
        .prepare(`EXPLAIN QUERY PLAN ${stmt.source}`)
        .all(...args)
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    expect(plan(hits.loyaltyExact, 'x')).toMatch(/USING INDEX sqlite_autoindex_customers_1 \(loyalty_id=\?\)/);
    expect(plan(hits.phoneExact, 'x', 5)).toMatch(/USING INDEX customers_phone_digits \(phone_digits=\?\)/);
    const last4 = plan(hits.phoneLast4, '1234', 5);
    expect(last4).toMatch(/USING INDEX customers_phone_last4 \(<expr>=\?\)/);
    expect(last4).not.toMatch(/TEMP B-TREE/); // the index hands the newest visitors over in order
    for (const [stmt, index] of [
      [hits.loyaltyPrefix, 'sqlite_autoindex_customers_1'],
      [hits.emailPrefix, 'customers_email'],
      [hits.namePrefix, 'customers_name_visit'],
      [hits.lastNamePrefix, 'customers_last_key'],
    ] as const) {
      const p = plan(stmt, 'a', 'b', 5);
      expect(p, stmt.source).toMatch(new RegExp(`USING INDEX ${index} \\(\\w+>\\? AND \\w+<\\?\\)`));
      // Nothing sorts: names and surnames come with their namesakes most recent visitor first from the index, so a
      // lookup reads the rows it shows, not the hundreds of namesakes a common name has in a big store.
      expect(p, stmt.source).not.toMatch(/TEMP B-TREE/);
    }
    for (const stmt of [hits.nameMatch, hits.phoneContains]) {
      expect(plan(stmt, '"obr"', 5), stmt.source).toMatch(
        /SCAN customer_fts VIRTUAL TABLE INDEX .* \| SEARCH customers USING INTEGER PRIMARY KEY/,
      );
    }
    // A result row's markers read only the listed customers' open issues.
    expect(plan(customersRepo(s.db).markers, { ids: '[1,2]', today: '2026-01-01' })).toMatch(
      /^SEARCH oi USING INDEX open_issues_customer \(customer_id=\?\)/,
    );
    const { timelinePage } = historyRepo(s.db);
    const timeline = plan(timelinePage, { customer: 1, at: '9999', type: 'purchase', id: 0, limit: 20 });
    expect(timeline).toMatch(
      /SEARCH purchases USING (COVERING )?INDEX purchases_customer_time \(customer_id=\? AND purchased_at<\?\)/,
    );
    expect(timeline).toMatch(
      /SEARCH interactions USING INDEX interactions_customer_time \(customer_id=\? AND created_at<\?\)/,
    );
  });
});

describe('duplicate warning on quick-create', () => {
  it('names the reason: same phone, same email, same card, same or similar name', () => {
    const { s, ids: c } = store();
    const byPhone = findDuplicates(s.ctx, { firstName: 'Someone', lastName: 'Else', phone: '0871234567' });
    expect(byPhone[0]).toMatchObject({ customer: { id: c.obrien }, reasons: ['same phone number'] });
    const byEmail = findDuplicates(s.ctx, { email: 'Jose@Example.es' });
    expect(byEmail[0]?.customer.id).toBe(c.jose);
    expect(byEmail[0]?.reasons).toContain('same email');
    const byName = findDuplicates(s.ctx, { firstName: 'Sean', lastName: 'OBrien' });
    expect(byName[0]).toMatchObject({ customer: { id: c.obrien }, reasons: ['same name'] });
    const similar = findDuplicates(s.ctx, { firstName: 'Sean', lastName: 'OBrein' });
    expect(similar[0]).toMatchObject({ customer: { id: c.obrien }, reasons: ['similar name'] });
    expect(findDuplicates(s.ctx, { firstName: 'Nobody', lastName: 'Here' })).toEqual([]);
  });

  it('refuses a loyalty card that is already taken', () => {
    const { s } = store();
    expect(() => createCustomer(s.ctx, { firstName: 'X', loyaltyId: '2000000000011' })).toThrow(/already belongs/);
  });

  it('ranks recently active customers first among same-suffix phones', () => {
    const { s, ids: c } = store();
    logInteraction(s.ctx, s.clerkId, { customerId: c.zoe, kind: 'inquiry', outcome: 'resolved' });
    expect(ids(s, '4567')[0]).toBe(c.zoe);
  });
});

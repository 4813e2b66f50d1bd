// The same person created offline at two stores, end to end: real SQLite stores, real HTTP, a real PostgreSQL hub.
// A second customer with the same card reaches a terminal without stalling its pulls; once the hub links the two,
// every terminal finds one person (the survivor) by either record's card, phone or id, with both histories; undoing
// the merge gives each record back its own history everywhere.
import { describe, expect, it } from 'vitest';
import { listMerges, unmergeCustomers } from '../../../main/hub/merges';
import { createCustomer, getProfile } from '../../../main/services/customers';
import { searchCustomers } from '../../../main/services/customer-search';
import { timeline } from '../../../main/services/history';
import { logInteraction } from '../../../main/services/interactions';
import { sync, useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';

const chain = useChain();
const { db } = chain;

const terminal = (store: string) => chain.terminal(store);
const tick = () => new Promise((r) => setTimeout(r, 5));
const hits = (t: Terminal, q: string) => searchCustomers(t.ctx, q).map((h) => ({ id: h.id, name: h.displayName }));
const entries = (t: Terminal, id: number) =>
  timeline(t.ctx, id, null, 50).entries.map((e) => (e.type === 'interaction' ? e.interaction.notes : e.type));
const log = (t: Terminal, customerId: number, notes: string) =>
  logInteraction(t.ctx, t.clerkId, { customerId, kind: 'inquiry', outcome: 'resolved', notes } as Parameters<
    typeof logInteraction
  >[2]);

describe('one person made offline at two stores', () => {
  it('does not stall a pull on the card, and once linked is one person at every terminal, with both histories', async () => {
    const galway = await terminal('Galway');
    const cork = await terminal('Cork');
    // Both offline: Galway first (so its record is the older), then Cork, same card, Cork also has her phone.
    const older = createCustomer(
      galway.ctx,
      { firstName: 'Aoife', lastName: 'Byrne', loyaltyId: 'C-55' },
      galway.clerkId,
    );
    await tick();
    const newer = createCustomer(
      cork.ctx,
      { firstName: 'Aoife', lastName: 'Byrne', loyaltyId: 'c55', phone: '087 222 3333' },
      cork.clerkId,
    );
    log(galway, older.id, 'asked about boots in Galway');
    log(cork, newer.id, 'bought socks in Cork');

    await sync(galway);
    await sync(cork); // pulls Galway's record holding the card Cork's own record holds: this stalled on the unique index
    await sync(galway);
    await sync(cork);

    const merge = (await listMerges(db.pool))[0]!;
    expect(merge).toMatchObject({ matchedOn: 'loyaltyId', survivor: { store: 'Galway' }, alias: { store: 'Cork' } });
    for (const t of [galway, cork]) {
      const byCard = hits(t, 'C55');
      expect(byCard).toHaveLength(1);
      expect(hits(t, 'aoife byrne')).toEqual(byCard);
      const survivor = byCard[0]!.id;
      // Cork's own record, opened by its id, is the survivor's profile, with the figures of both records.
      const everyRecord = [survivor, ...searchCustomers(t.ctx, '0872223333').map((h) => h.id)];
      for (const id of everyRecord) expect(getProfile(t.ctx, id).customer.id).toBe(survivor);
    }
    // Cork logged at its own record and Galway's entry travelled to Galway's: the survivor's history holds both.
    const atCork = hits(cork, 'C55')[0]!.id;
    expect(entries(cork, atCork)).toEqual(
      expect.arrayContaining(['bought socks in Cork', 'asked about boots in Galway']),
    );
    expect(entries(cork, newer.id)).toEqual(entries(cork, atCork));
    expect(getProfile(cork.ctx, newer.id).interactionCount).toBe(2);
    expect(getProfile(galway.ctx, older.id).customer.loyaltyId).toBe('C55');

    // A manager undoes it: each record is its own customer again, with its own history, at every terminal.
    await unmergeCustomers(db.pool, { mergeId: merge.id, actor: 'manager', now: new Date() });
    await sync(cork);
    await sync(galway);
    expect(getProfile(cork.ctx, newer.id).customer.id).toBe(newer.id);
    expect(entries(cork, newer.id)).toEqual(['bought socks in Cork']);
    expect(hits(cork, '0872223333')).toEqual([{ id: newer.id, name: 'Aoife Byrne' }]);
    expect(hits(galway, 'aoife byrne')).toHaveLength(2);
  });
});

// The playbook across a chain (#16): real SQLite files, real HTTP on 127.0.0.1, a hub on a real PostgreSQL. A
// template saved at one terminal is the text at every terminal of every store; two managers who edit one template
// offline end with the same (the later by the chain's clock) everywhere; a store disables a template for its own
// counters and no other store's; a new terminal takes every template, however old; the shipped default never travels.
import { describe, expect, it } from 'vitest';
import { TIMELESS_FACTS } from '@common/sync/changes';
import { addClerk } from '../../../main/services/clerks';
import { searchCustomers } from '../../../main/services/customer-search';
import { updateCustomer } from '../../../main/services/customer-edits';
import { createCustomer } from '../../../main/services/customers';
import { logInteraction } from '../../../main/services/interactions';
import { evidenceFor } from '../../../main/services/suggestions/engine';
import {
  exportPlaybook,
  getTemplate,
  listTemplates,
  saveTemplate,
  setEnabled,
  type PlaybookTemplate,
} from '../../../main/services/suggestions';
import { bootstrap } from '../../../main/sync/bootstrap';
import { callHub } from '../../../main/sync/hub-client';
import { applyChanges, pullCursor } from '../../../main/sync/replica';

import { sync, useChain, type JoinedTerminal as Terminal } from '../../helpers/chain-terminal';

const chain = useChain();
const { db } = chain;

async function terminal(store: string): Promise<Terminal> {
  const t = await chain.terminal(store);
  listTemplates(t.ctx); // the shipped default, loaded as the app does on first use
  return t;
}

const template = (t: Terminal, id: string): PlaybookTemplate =>
  exportPlaybook(t.ctx).templates.find((x) => x.id === id)!;
const greenText = (t: Terminal, id: string) => template(t, id).texts.green;
const enabled = (t: Terminal, id: string) => template(t, id).enabled;
const playbookFacts = async () =>
  Number(
    (await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM facts WHERE entity = ANY($1)', [TIMELESS_FACTS]))
      .rows[0]!.n,
  );

/** Saves `id` with a new green text, as the editor does. */
function edit(t: Terminal, clerkId: number, id: string, green: string): void {
  const current = template(t, id);
  saveTemplate(t.ctx, clerkId, { ...current, texts: { ...current.texts, green } });
}

const ID = 'follow-up-overdue';

describe('the playbook across the chain', () => {
  it('takes a template saved at one terminal to every terminal of every store, by whom it was saved, and never the shipped default', async () => {
    const before = await playbookFacts();
    const a = await terminal('Galway');
    const b = await terminal('Galway');
    const c = await terminal('Cork');
    for (const t of [a, b, c]) await sync(t);
    expect(await playbookFacts()).toBe(before); // every terminal ships the default: nothing of it travels

    const nuala = addClerk(a.ctx, 'Nuala Keane', 'manager').id;
    edit(a, nuala, ID, 'Sorry, we owe you an update on your {followUp.kind}. Checking now.');
    const created = { ...template(a, ID), id: 'cork-welcome', title: 'Cork welcome', priority: 10 };
    saveTemplate(c.ctx, c.clerkId, created);
    await sync(a);
    await sync(c);
    for (const t of [a, b, c]) await sync(t);
    for (const t of [a, b, c]) {
      expect(greenText(t, ID)).toBe('Sorry, we owe you an update on your {followUp.kind}. Checking now.');
      expect(template(t, 'cork-welcome')).toMatchObject({ title: 'Cork welcome', priority: 10 });
    }
    const history = getTemplate(b.ctx, ID).history;
    expect(history[0]).toMatchObject({
      changedByName: 'Nuala Keane',
      template: { texts: { green: 'Sorry, we owe you an update on your {followUp.kind}. Checking now.' } },
    });
    expect(await playbookFacts()).toBe(before + 2);
  });

  it('ends two offline edits of one template with the later one at every terminal, whichever arrives first', async () => {
    const a = await terminal('Galway');
    const b = await terminal('Cork');
    const c = await terminal('Galway');
    edit(a, a.clerkId, ID, 'First edit, made at Galway.');
    await new Promise((r) => setTimeout(r, 5));
    edit(b, b.clerkId, ID, 'Second edit, made at Cork.');
    // The later edit reaches the hub first; the earlier one arrives after it and must not take over.
    await sync(b);
    await sync(a);
    await sync(c);
    await sync(b);
    for (const t of [a, b, c]) expect(greenText(t, ID)).toBe('Second edit, made at Cork.');
    // The earlier edit is in every terminal's history, not lost.
    for (const t of [a, b, c])
      expect(getTemplate(t.ctx, ID).history.map((h) => h.template.texts.green)).toContain(
        'First edit, made at Galway.',
      );
  });

  it("keeps a store's disabling to that store's counters, and an edit from elsewhere does not switch it back on", async () => {
    const a = await terminal('Galway');
    const b = await terminal('Galway');
    const c = await terminal('Cork');
    for (const t of [a, b, c]) await sync(t);
    setEnabled(a.ctx, a.clerkId, ID, false);
    await sync(a);
    await sync(b);
    await sync(c);
    expect([enabled(a, ID), enabled(b, ID), enabled(c, ID)]).toEqual([false, false, true]);
    edit(c, c.clerkId, ID, 'Edited at Cork after Galway turned it off.');
    await sync(c);
    await sync(a);
    await sync(b);
    expect([enabled(a, ID), enabled(b, ID), enabled(c, ID)]).toEqual([false, false, true]);
    expect(greenText(b, ID)).toBe('Edited at Cork after Galway turned it off.');
    // Switched on again at the other Galway counter: the first follows.
    setEnabled(b.ctx, b.clerkId, ID, true);
    await sync(b);
    await sync(a);
    expect(enabled(a, ID)).toBe(true);
  });

  it('gives a new terminal every template however old, and a page applied twice changes nothing', async () => {
    const a = await terminal('Galway');
    edit(a, a.clerkId, ID, 'Old enough to be outside any history window.');
    await sync(a);
    const late = await chain.terminal('Cork');
    const { link } = late;
    // A window that ends before anything was recorded: the template still comes, as the playbook is timeless.
    late.setNow('2030-01-01T00:00:00.000Z');
    await bootstrap(late.ctx, link, { historyDays: 1 });
    expect(greenText(late, ID)).toBe('Old enough to be outside any history window.');
    expect(late.db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 0 });

    const versions = () => getTemplate(late.ctx, ID).history.length;
    const held = versions();
    const page = await callHub(
      link.hubUrl,
      'pull',
      { storeId: link.store.id, cursor: null, limit: 1000 },
      { credential: link.credential },
    );
    applyChanges(late.ctx, page.changes, pullCursor(late.db) ?? page.cursor);
    applyChanges(late.ctx, page.changes, pullCursor(late.db) ?? page.cursor);
    expect(versions()).toBe(held);
  });
});

describe('learning counts across the chain', () => {
  it("add up a store's uses across its counters, per style as it was when used, and keep other stores' apart", async () => {
    const a = await terminal('Galway');
    const b = await terminal('Galway');
    const c = await terminal('Cork');
    const customer = createCustomer(
      a.ctx,
      { firstName: 'Klaus', lastName: 'Berger', phone: '087 555 0101', style: 'green' },
      a.clerkId,
    ).id;
    const used = (t: Terminal, customerId: number, sentiment: number) =>
      logInteraction(t.ctx, t.clerkId, {
        customerId,
        kind: 'inquiry',
        outcome: 'resolved',
        sentiment,
        suggestionTemplateId: ID,
      });
    used(a, customer, 5);
    used(a, customer, 2);
    await sync(a);
    await sync(b);
    used(b, idAt(b, 'klaus berger'), 4);
    // The customer's style changes after the uses: they stay counted under the style they were used with.
    updateCustomer(a.ctx, a.clerkId, customer, { style: 'blue' });
    await sync(b);
    await sync(a);
    await sync(c);
    const galway = a.link.store.id;
    for (const t of [a, b])
      expect(cells(t)).toEqual([{ store_id: t.ctx.config.storeId, style: 'green', used: 3, successes: 2 }]);
    expect(cells(c)).toEqual([{ store_id: galway, style: 'green', used: 3, successes: 2 }]);
    // Ranking at Cork: nothing proven here yet, Galway's record is the prior.
    expect(evidenceFor(c.ctx, 'green').get(ID)).toEqual({ used: 0, successes: 0, otherUsed: 3, otherSuccesses: 2 });
    expect(evidenceFor(b.ctx, 'green').get(ID)).toEqual({ used: 3, successes: 2, otherUsed: 0, otherSuccesses: 0 });
  });
});

const cells = (t: Terminal) =>
  t.db
    .prepare(
      'SELECT store_id, style, used, successes FROM playbook_stats WHERE template_id = ? AND used > 0 ORDER BY store_id, style',
    )
    .all(ID);
const idAt = (t: Terminal, q: string) => searchCustomers(t.ctx, q)[0]!.id;

// Learning from outcomes: the database counts uses and successes; ranking trusts proof over luck.
import { describe, expect, it } from 'vitest';
import type { CommunicationStyle } from '@common/domain';
import { openDatabase } from '../../../main/db/connection';
import { createContext } from '../../../main/services/context';
import { importPlaybook, suggestFor, templateStats } from '../../../main/services/suggestions';
import { cautiousRate, learnedBoost, NO_EVIDENCE, posterior, score } from '../../../main/services/suggestions/ranking';
import { amendAt, customer, logAt, regular, store, suggest, type Store } from './fixtures';

type Counts = { shown: number; used: number; successes: number };
const stat = (s: Store, template: string, style: string): Counts =>
  s.db
    .prepare<[string, string, string], Counts>(
      'SELECT shown, used, successes FROM playbook_stats WHERE template_id = ? AND store_id = ? AND style = ?',
    )
    .get(template, s.ctx.config.storeId, style) ?? { shown: 0, used: 0, successes: 0 };

/**
 * Outcomes logged the way the counter logs them, in one transaction for speed; the triggers do the counting. A failure
 * ends resolved but with an unhappy customer (not a success by definition), so it leaves no issue open that would
 * put follow-ups ahead of the templates compared.
 */
function outcomes(s: Store, customerId: number, template: string, used: number, successes: number): void {
  s.db.transaction(() => {
    for (let i = 0; i < used; i++) {
      logAt(s, 1, {
        customerId,
        kind: 'inquiry',
        outcome: 'resolved',
        sentiment: i < successes ? 5 : 2,
        suggestionTemplateId: template,
      });
    }
  })();
}

/** Two always-applicable templates of equal weight, above everything in the default playbook. */
function twoCandidates(s: Store): void {
  const texts = (t: string) => ({
    blue: `${t} b`,
    green: `${t} g`,
    gold: `${t} o`,
    orange: `${t} r`,
    unknown: `${t} u`,
  });
  importPlaybook(s.ctx, s.clerkId, {
    format: 'counterpart-playbook',
    formatVersion: 1,
    templates: [
      { id: 'a-lucky', kind: 'check_in', title: 'A', priority: 500, conditions: { all: [] }, texts: texts('A') },
      { id: 'b-proven', kind: 'loyalty', title: 'B', priority: 500, conditions: { all: [] }, texts: texts('B') },
    ],
  });
}
const firstTwo = (s: Store, c: number) =>
  suggest(s, c)
    .slice(0, 2)
    .map((x) => x.templateId);

describe('outcome statistics', () => {
  it('counts a use for each interaction logged with a suggestion, and a success only when resolved with sentiment >= 4', () => {
    const s = store();
    const c = customer(s, { style: 'green' });
    suggest(s, c);
    const cases: [string, number | null, boolean][] = [
      ['resolved', 5, true],
      ['resolved', 4, true],
      ['resolved', 3, false],
      ['resolved', null, false],
      ['follow_up', 5, false],
      ['unresolved', 5, false],
    ];
    for (const [outcome, sentiment] of cases) {
      logAt(s, 0, {
        customerId: c,
        kind: 'inquiry',
        outcome: outcome as 'resolved',
        sentiment,
        suggestionTemplateId: 'greeting-regular',
        ...(outcome === 'follow_up' ? { followUpDue: '2026-12-01' } : {}),
      });
    }
    expect(stat(s, 'greeting-regular', 'green')).toMatchObject({ used: 6, successes: 2 });
    logAt(s, 0, { customerId: c, kind: 'inquiry', outcome: 'resolved', sentiment: 5 });
    expect(stat(s, 'greeting-regular', 'green')).toMatchObject({ used: 6 });
  });

  it('re-judges success when an amendment corrects the outcome, without counting the amendment as a use', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    suggest(s, c);
    const i = logAt(s, 2, {
      customerId: c,
      kind: 'complaint',
      outcome: 'unresolved',
      sentiment: 2,
      suggestionTemplateId: 'service-recovery',
    });
    expect(stat(s, 'service-recovery', 'blue')).toMatchObject({ used: 1, successes: 0 });
    amendAt(s, 1, { interactionId: i.id, reason: 'sorted on the phone', outcome: 'resolved', sentiment: 5 });
    expect(stat(s, 'service-recovery', 'blue')).toMatchObject({ used: 1, successes: 1 });
    amendAt(s, 1, {
      interactionId: i.id,
      reason: 'customer rang back, still broken',
      outcome: 'unresolved',
      sentiment: 1,
    });
    expect(stat(s, 'service-recovery', 'blue')).toMatchObject({ used: 1, successes: 0 });
    amendAt(s, 0, { interactionId: i.id, reason: 'notes only', notes: 'more detail' });
    expect(stat(s, 'service-recovery', 'blue')).toMatchObject({ used: 1, successes: 0 });
  });

  it('counts walk-ins under the neutral style, and the style the customer had when it was used', () => {
    const s = store();
    suggest(s, null);
    logAt(s, 0, {
      customerId: null,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 4,
      suggestionTemplateId: 'walk-in-welcome',
    });
    expect(stat(s, 'walk-in-welcome', 'unknown')).toMatchObject({ used: 1, successes: 1 });
    const c = customer(s, { style: 'orange' });
    logAt(s, 0, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 4,
      suggestionTemplateId: 'how-can-i-help',
    });
    expect(stat(s, 'how-can-i-help', 'orange')).toMatchObject({ used: 1 });
  });

  it('folds uses logged before the engine first ran into this store', () => {
    const s = store(undefined, { storeId: 'galway' });
    const c = customer(s, { style: 'gold' });
    logAt(s, 0, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 5,
      suggestionTemplateId: 'greeting-regular',
    });
    expect(s.db.prepare("SELECT count(*) AS n FROM playbook_stats WHERE store_id = ''").get()).toEqual({ n: 1 });
    suggest(s, c);
    expect(s.db.prepare("SELECT count(*) AS n FROM playbook_stats WHERE store_id = ''").get()).toEqual({ n: 0 });
    expect(stat(s, 'greeting-regular', 'gold')).toMatchObject({ used: 1, successes: 1 });
    expect(templateStats(s.ctx).find((r) => r.templateId === 'greeting-regular')).toMatchObject({
      storeId: 'galway',
      style: 'gold',
      used: 1,
    });
  });

  it('counts what was shown: once per returned suggestion, per store and style, and nothing else', () => {
    const s = store();
    const c = customer(s, { style: 'green' });
    regular(s, c);
    const first = suggest(s, c);
    suggest(s, c);
    for (const x of first) expect(stat(s, x.templateId, 'green').shown).toBe(2);
    const total = s.db.prepare('SELECT sum(shown) AS n FROM playbook_stats').get() as { n: number };
    expect(total.n).toBe(first.length * 2);
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2); // restored to FULL after the statistics write
  });

  it('uses a template id that is not in the playbook without failing the log', () => {
    const s = store();
    const c = customer(s);
    const i = logAt(s, 0, {
      customerId: c,
      kind: 'inquiry',
      outcome: 'resolved',
      sentiment: 5,
      suggestionTemplateId: 'retired-template',
    });
    expect(i.suggestionTemplateId).toBe('retired-template');
    expect(s.db.prepare("SELECT used FROM playbook_stats WHERE template_id = 'retired-template'").get()).toEqual({
      used: 1,
    });
  });
});

describe('Bayesian ranking', () => {
  it('is a Beta posterior centred on the template’s rate elsewhere', () => {
    expect(posterior(NO_EVIDENCE)).toMatchObject({ alpha: 2, beta: 2, mean: 0.5 });
    expect(posterior({ used: 10, successes: 7, otherUsed: 0, otherSuccesses: 0 })).toMatchObject({ alpha: 9, beta: 5 });
    const elsewhere = posterior({ used: 0, successes: 0, otherUsed: 96, otherSuccesses: 72 });
    expect(elsewhere.mean).toBeCloseTo(0.74, 2);
    expect(learnedBoost(NO_EVIDENCE)).toBe(0);
    expect(score(50, null, NO_EVIDENCE)).toBe(50);
  });

  it('two lucky uses do not beat a proven template; more evidence of success ranks higher', () => {
    const lucky = { used: 2, successes: 2, otherUsed: 0, otherSuccesses: 0 };
    const proven = { used: 40, successes: 26, otherUsed: 0, otherSuccesses: 0 };
    expect(posterior(lucky).mean).toBeGreaterThan(posterior(proven).mean); // the naive estimate would be fooled
    expect(cautiousRate(proven)).toBeGreaterThan(cautiousRate(lucky));
    expect(cautiousRate({ ...lucky, used: 20, successes: 20 })).toBeGreaterThan(cautiousRate(proven));
    expect(cautiousRate({ used: 40, successes: 2, otherUsed: 0, otherSuccesses: 0 })).toBeLessThan(
      cautiousRate(NO_EVIDENCE),
    );
  });

  it('orders equal templates by id when nothing has been learned', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    twoCandidates(s);
    expect(firstTwo(s, c)).toEqual(['a-lucky', 'b-proven']);
  });

  it('ranks a proven template above one with two lucky uses, in the same store and style', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    twoCandidates(s);
    outcomes(s, c, 'a-lucky', 2, 2);
    expect(firstTwo(s, c)).toEqual(['a-lucky', 'b-proven']); // two successes against nothing known: a small lead
    outcomes(s, c, 'b-proven', 40, 26);
    expect(firstTwo(s, c)).toEqual(['b-proven', 'a-lucky']);
    const [b, a] = suggest(s, c);
    expect(b!.score).toBeGreaterThan(a!.score);
  });

  it('a template that keeps failing drops below one nobody has tried', () => {
    const s = store();
    const c = customer(s, { style: 'gold' });
    twoCandidates(s);
    outcomes(s, c, 'a-lucky', 30, 3);
    expect(firstTwo(s, c)).toEqual(['b-proven', 'a-lucky']);
  });

  it('learns per style, using other styles as the prior for a style with no data yet', () => {
    const s = store();
    const green = customer(s, { style: 'green' });
    const blue = customer(s, { firstName: 'Ciara', style: 'blue' });
    twoCandidates(s);
    outcomes(s, green, 'b-proven', 40, 36);
    outcomes(s, blue, 'b-proven', 3, 0);
    outcomes(s, blue, 'a-lucky', 3, 3);
    // Three blue failures against a strong green record: blue customers get the template that works for blue.
    expect(firstTwo(s, blue)).toEqual(['a-lucky', 'b-proven']);
    expect(firstTwo(s, green)).toEqual(['b-proven', 'a-lucky']);
    const orange = customer(s, { firstName: 'Eoin', style: 'orange' as CommunicationStyle });
    expect(firstTwo(s, orange)).toEqual(['b-proven', 'a-lucky']); // no orange data: the overall record decides
  });

  it('learning reorders similar situations but never lifts small talk above an open complaint', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    regular(s, c);
    outcomes(s, c, 'greeting-regular', 200, 200);
    logAt(s, 60, { customerId: c, kind: 'complaint', outcome: 'unresolved', sentiment: 2 });
    const list = suggest(s, c);
    expect(list[0]!.templateId).toBe('service-recovery');
    // Small talk is not even offered while the complaint is open, however well it has done.
    expect(list.map((x) => x.templateId)).not.toContain('greeting-regular');
  });

  it('another connection’s statistics count too (they live in the database, not in memory)', () => {
    const s = store();
    const c = customer(s, { style: 'blue' });
    twoCandidates(s);
    const other = openDatabase(s.file);
    const ctx2 = createContext(other, {}, () => new Date(s.now));
    for (let i = 0; i < 30; i++) {
      other
        .prepare(
          `INSERT INTO interactions (customer_id, created_at, local_day, kind, outcome, sentiment, clerk_id, terminal_id, suggestion_template_id)
           VALUES (?, ?, '2026-11-22', 'inquiry', 'resolved', 5, ?, 'counter-2', 'b-proven')`,
        )
        .run(c, '2026-11-22T10:00:00.000Z', s.clerkId);
    }
    expect(suggestFor(ctx2, { customerId: c, clerkId: s.clerkId })[0]!.templateId).toBe('b-proven');
    other.close();
    expect(firstTwo(s, c)).toEqual(['b-proven', 'a-lucky']);
  });
});

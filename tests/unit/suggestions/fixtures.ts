// Builders for suggestion scenarios: real SQLite files, the real services, and purchases inserted as the POS does.
import { expect } from 'vitest';
import type { CustomerDraft, LogInteractionInput } from '@common/contract';
import type { Interaction, Suggestion, SuggestionReason } from '@common/domain';
import { translator } from '@common/i18n';
import { fillSlots } from '@common/slots';
import { wordText, type TextWords } from '@common/words';
import { createCustomer } from '../../../main/services/customers';
import { amendInteraction, logInteraction } from '../../../main/services/interactions';
import { getTemplate, saveTemplate, suggestFor } from '../../../main/services/suggestions';
import { catalogRepo } from '../../../main/db/catalog.repo';
import type { StoreConfig } from '../../../main/services/context';
import { addPurchase, tempStore, type TempStore } from '../../helpers/temp-store';

/** Words as a screen in `locale` reads them: the house English (en-IE) unless asked otherwise. */
export const read = (w: TextWords, locale = 'en-IE'): string => wordText(translator(locale), w);

/** A suggestion's reasons as a screen in `locale` reads them, each with what it points at. */
export const readReasons = (reasons: SuggestionReason[], locale = 'en-IE'): { fact: string; ref: string }[] =>
  reasons.map((r) => ({ fact: read(r.fact, locale), ref: r.ref }));

/** Monday 23 Nov 2026, 10:00 in Dublin (GMT in winter). */
export const NOW = '2026-11-23T10:00:00.000Z';

export interface Store extends TempStore {
  now: string;
}

export function store(now = NOW, config: Partial<StoreConfig> = {}): Store {
  const s = tempStore(now, config);
  return Object.assign(s, { now });
}

/** An instant `n` days before the store's "now" (same time of day). */
export function daysAgo(s: Store, n: number): string {
  return new Date(Date.parse(s.now) - n * 86_400_000).toISOString();
}

/** A local day `n` days after the store's today (negative: before). */
export function dayIn(s: Store, n: number): string {
  return new Date(Date.parse(s.now) + n * 86_400_000).toISOString().slice(0, 10);
}

function at<T>(s: Store, iso: string, f: () => T): T {
  s.setNow(iso);
  try {
    return f();
  } finally {
    s.setNow(s.now);
  }
}

export function customer(s: Store, draft: CustomerDraft = {}, createdDaysAgo = 400): number {
  return at(
    s,
    daysAgo(s, createdDaysAgo),
    () => createCustomer(s.ctx, { firstName: 'Aoife', lastName: 'Byrne', ...draft }).id,
  );
}

export function logAt(
  s: Store,
  daysBack: number,
  input: Omit<LogInteractionInput, 'customerId'> & { customerId: number | null },
): Interaction {
  return at(s, daysAgo(s, daysBack), () => logInteraction(s.ctx, s.clerkId, input));
}

export function amendAt(s: Store, daysBack: number, input: Parameters<typeof amendInteraction>[2]): Interaction {
  return at(s, daysAgo(s, daysBack), () => amendInteraction(s.ctx, s.clerkId, input));
}

export function buy(
  s: Store,
  customerId: number,
  daysBack: number,
  items: { sku?: string; description: string; priceCents: number; returned?: boolean; quantity?: number }[],
): number {
  return addPurchase(s, customerId, daysAgo(s, daysBack), items);
}

/** Catalog entries, as the demo seed (or a store's product data) writes them. */
export function catalogue(s: Store, items: { sku: string; checkIn: boolean; spoken?: string }[]): void {
  for (const i of items)
    catalogRepo(s.db).put.run({ sku: i.sku, spoken: i.spoken ?? null, check_in: i.checkIn ? 1 : 0 });
}

/** A manager marks a template as fit to say while an issue is open. */
export function declareCompatible(s: Store, templateId: string): void {
  const { history: _h, version: _v, updatedAt: _u, updatedBy: _b, ...t } = getTemplate(s.ctx, templateId);
  saveTemplate(s.ctx, s.clerkId, { ...t, compatibleWithOpenIssues: true });
}

/** A few ordinary resolved visits so the customer counts as a regular. */
export function regular(s: Store, customerId: number, visitsDaysAgo: number[] = [40, 25, 12]): void {
  for (const d of visitsDaysAgo) logAt(s, d, { customerId, kind: 'inquiry', outcome: 'resolved', sentiment: 4 });
}

export function suggest(s: Store, customerId: number | null): Suggestion[] {
  return suggestFor(s.ctx, { customerId, clerkId: s.clerkId });
}

/** What must hold for every answer, whatever the situation. */
export function expectWellFormed(list: Suggestion[], opts: { walkIn?: boolean } = {}): void {
  expect(list.length).toBeGreaterThanOrEqual(3);
  expect(list.length).toBeLessThanOrEqual(5);
  const ids = list.map((x) => `${x.templateId}@${x.issueId}`);
  expect(new Set(ids).size).toBe(ids.length);
  // One suggestion per open issue, all of them ahead of the rest; within each part, best first.
  const bound = list.filter((x) => x.issueId !== null);
  expect(new Set(bound.map((x) => x.issueId)).size).toBe(bound.length);
  expect(list.slice(0, bound.length)).toEqual(bound);
  const rest = list.slice(bound.length);
  for (let i = 1; i < rest.length; i++) expect(rest[i - 1]!.score).toBeGreaterThanOrEqual(rest[i]!.score);
  for (const x of list) {
    // Quoted clerk notes are the customer's own words, slots the clerk's to fill; everything else is clean template text.
    expect(fillSlots(x.text, () => 'the blank').replace(/“[^”]*”/g, '“…”')).not.toMatch(
      /[{}[\]]|undefined|null|NaN|\s[,.!?]|^\s|\s$| {2}/,
    );
    expect(x.text).toMatch(/^[\p{Lu}\p{Lo}“"]/u);
    expect(x.reasons.length).toBeGreaterThan(0);
    for (const r of x.reasons) {
      // Every reason reads in each catalogue language: no key left unworded, no value missing.
      for (const locale of ['en-IE', 'de-DE']) {
        expect(read(r.fact, locale).length).toBeGreaterThan(3);
        expect(read(r.fact, locale)).not.toMatch(/^(suggestions|label)\.|\{\{|undefined|null|NaN|\[object/);
      }
      expect(r.ref).toMatch(opts.walkIn ? /^walk-in$/ : /^(customer|interaction|purchase):\d+$/);
    }
  }
}

// The suggested remedy: the severity the clerk chooses × the customer's tier and years, through the table the manager
// edits in Settings (issue #14, section 4).
import { describe, expect, it } from 'vitest';
import {
  APOLOGY_BY_STYLE,
  DEFAULT_CLERK_GOODWILL,
  DEFAULT_REMEDY_RULES,
  formatRemedyRule,
  parseRemedyRule,
  REMEDY_RULE_EXAMPLE,
  REMEDY_RULE_VOCABULARY,
} from '@common/recovery';
import { LANGUAGES } from '@common/i18n';
import { requireClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { recoveryGuide, remedyRule, suggestRemedy } from '../../main/services/recovery';
import { listSettings, updateSettings } from '../../main/services/store-settings';
import { addPurchase, tempStore, type TempStore } from '../helpers/temp-store';

/** A customer who joined `years` ago and has spent `euros` over `visits` purchases. */
function customer(s: TempStore, years: number, euros: number, visits: number, style = 'unknown'): number {
  s.setNow(`${2026 - years}-06-01T10:00:00.000Z`);
  const id = createCustomer(s.ctx, { firstName: 'Tony', lastName: "O'Rourke", style: style as 'gold' }).id;
  for (let i = 0; i < visits; i++) {
    addPurchase(s, id, `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00.000Z`, [
      { description: 'Frying pan', priceCents: Math.round((euros * 100) / visits) },
    ]);
  }
  s.setNow('2026-11-23T10:00:00.000Z');
  return id;
}

describe('the suggested remedy', () => {
  it('reads the severity’s row at the customer’s tier, and says why', () => {
    const s = tempStore();
    const gold = customer(s, 2, 2500, 12);
    const rule = parseRemedyRule(DEFAULT_REMEDY_RULES.serious);
    if (!rule.ok) throw new Error(JSON.stringify(rule.problem));
    expect(suggestRemedy(s.ctx, gold, 'serious')).toEqual({
      remedies: rule.rule.remedies,
      upToMinor: rule.rule.upTo.gold * 100,
      why: `Serious · Gold · 2 years · 12 visits → replacement or repair up to €${rule.rule.upTo.gold}.00`,
    });
    expect(suggestRemedy(s.ctx, null, 'minor').why).toMatch(/^Minor · walk-in → /);
  });

  it('counts a long-standing customer one tier up, as far as gold', () => {
    const s = tempStore();
    const silver = customer(s, 6, 600, 5);
    const rule = remedyRule(s.ctx, 'severe');
    expect(suggestRemedy(s.ctx, silver, 'severe')).toMatchObject({
      upToMinor: rule.upTo.gold * 100,
      why: expect.stringContaining('Silver · 6 years · 5 visits · long-standing, counted as gold'),
    });
    updateSettings(s.ctx, requireClerk(s.ctx, s.clerkId), { remedyLoyalYears: 0 });
    expect(suggestRemedy(s.ctx, silver, 'severe').upToMinor).toBe(rule.upTo.silver * 100);
  });

  it('follows the table the manager saves, checked before it is written', () => {
    const s = tempStore();
    const manager = requireClerk(s.ctx, s.clerkId);
    const bronze = customer(s, 0, 20, 1);
    updateSettings(s.ctx, manager, { remedyMinor: 'gift; new 2, bronze 3, silver 4, gold 5' });
    expect(suggestRemedy(s.ctx, bronze, 'minor')).toMatchObject({ remedies: ['gift'], upToMinor: 300 });
    for (const bad of [
      'gift new 2',
      'voucher; new 1, bronze 1, silver 1, gold 1',
      'gift; new 2, bronze 3, silver 4',
      'gift; new two, bronze 3, silver 4, gold 5',
    ]) {
      expect(() => updateSettings(s.ctx, manager, { remedyMinor: bad })).toThrow(
        /Suggested remedy, minor complaint \(remedyMinor\) must be/,
      );
    }
    expect(listSettings(s.ctx, manager).find((v) => v.key === 'remedyMinor')?.value).toBe(
      'gift; new 2, bronze 3, silver 4, gold 5',
    );
    expect(() => updateSettings(s.ctx, manager, { goodwillClerkPerDay: -1 })).toThrow(/whole number from 0/);
  });

  it('keeps a clerk from changing the table or the limits', () => {
    const s = tempStore();
    const clerk = requireClerk(s.ctx, s.clerkId);
    const asClerk = { ...clerk, role: 'clerk' as const };
    expect(() => updateSettings(s.ctx, asClerk, { goodwillClerkPerInteraction: 500 })).toThrow(
      /needs a manager; .* is signed in as clerk/,
    );
  });

  it('parses its own example and writes a rule back as it reads', () => {
    const parsed = parseRemedyRule(REMEDY_RULE_EXAMPLE);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    expect(formatRemedyRule(parsed.rule)).toBe(REMEDY_RULE_EXAMPLE);
    const goodwill = parseRemedyRule('Goodwill return or refund; gold 9, silver 8, bronze 7, new 6');
    expect(goodwill).toEqual({
      ok: true,
      rule: { remedies: ['goodwill_return', 'refund'], upTo: { new: 6, bronze: 7, silver: 8, gold: 9 } },
    });
  });

  it('reads a rule in every language’s words, whatever the store’s language, and writes it back in one', () => {
    for (const language of LANGUAGES) {
      const { example } = REMEDY_RULE_VOCABULARY[language];
      const parsed = parseRemedyRule(example);
      if (!parsed.ok) throw new Error(`${language}: ${JSON.stringify(parsed.problem)}`);
      expect(parsed.rule).toEqual((parseRemedyRule(REMEDY_RULE_EXAMPLE) as { rule: unknown }).rule);
      expect(formatRemedyRule(parsed.rule, language)).toBe(example);
    }
    expect(parseRemedyRule('Rückerstattung oder Umtausch; gold 9, Silber 8, bronze 7, NEU 6')).toEqual({
      ok: true,
      rule: { remedies: ['refund', 'replacement'], upTo: { new: 6, bronze: 7, silver: 8, gold: 9 } },
    });
    expect(parseRemedyRule('Gutschein; neu 1, Bronze 1, Silber 1, Gold 1')).toEqual({
      ok: false,
      problem: { code: 'word', word: 'gutschein' },
    });
  });

  it('comes with an apology in the customer’s style and the clerk’s authority today', () => {
    const s = tempStore();
    const id = customer(s, 1, 100, 2, 'orange');
    const guide = recoveryGuide(s.ctx, { ...requireClerk(s.ctx, s.clerkId), role: 'clerk' }, id, 'minor');
    const authority = {
      perInteractionMinor: DEFAULT_CLERK_GOODWILL.perInteraction * 100,
      perDayMinor: DEFAULT_CLERK_GOODWILL.perDay * 100,
      grantedTodayMinor: 0,
    };
    expect(guide).toMatchObject({ style: 'orange', currency: 'EUR', authority, apology: APOLOGY_BY_STYLE.orange });
  });
});

// The suggested remedy: the severity the clerk chooses × the customer's tier and years, through the table the manager
// edits in Settings (issue #14, section 4).
import { describe, expect, it } from 'vitest';
import {
  APOLOGY_BY_STYLE,
  DEFAULT_CLERK_GOODWILL,
  DEFAULT_REMEDY_RULES,
  defaultRemedyRuleText,
  formatRemedyRule,
  parseRemedyRule,
  REMEDY_RULE_EXAMPLE,
  REMEDY_RULE_VOCABULARY,
} from '@common/recovery';
import { createFormat } from '@common/format';
import { LANGUAGES, translator } from '@common/i18n';
import { wordText, type TextWords } from '@common/words';
import { requireClerk } from '../../main/services/clerks';
import { createCustomer } from '../../main/services/customers';
import { recoveryGuide, remedyRule, suggestRemedy } from '../../main/services/recovery';
import { listSettings, updateSettings } from '../../main/services/store-settings';
import { addPurchase, tempStore, type TempStore } from '../helpers/temp-store';

/** Words as a screen in `locale` reads them: the house English unless asked otherwise. */
const read = (w: TextWords, locale = 'en-IE') => wordText(translator(locale), w);

/** A customer who joined `years` ago and has spent `euros` over `visits` purchases. */
function customer(
  s: TempStore,
  years: number,
  euros: number,
  visits: number,
  style = 'unknown',
  language?: string,
): number {
  s.setNow(`${2026 - years}-06-01T10:00:00.000Z`);
  const id = createCustomer(s.ctx, {
    firstName: 'Tony',
    lastName: "O'Rourke",
    style: style as 'gold',
    ...(language ? { language } : {}),
  }).id;
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
    const rule = DEFAULT_REMEDY_RULES.serious;
    const suggested = suggestRemedy(s.ctx, gold, 'serious');
    expect(suggested).toMatchObject({ remedies: rule.remedies, upToMinor: rule.upTo.gold * 100 });
    expect(read(suggested.why)).toBe(
      `Serious · Gold · 2 years · 12 visits → replacement or repair up to €${rule.upTo.gold}.00`,
    );
    expect(read(suggestRemedy(s.ctx, null, 'minor').why)).toMatch(/^Minor · walk-in → /);
  });

  it('counts a long-standing customer one tier up, as far as gold', () => {
    const s = tempStore();
    const silver = customer(s, 6, 600, 5);
    const rule = remedyRule(s.ctx, 'severe');
    expect(suggestRemedy(s.ctx, silver, 'severe')).toMatchObject({ upToMinor: rule.upTo.gold * 100 });
    expect(read(suggestRemedy(s.ctx, silver, 'severe').why)).toContain(
      'Silver · 6 years · 5 visits · long-standing, counted as gold',
    );
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
    expect(guide).toMatchObject({
      style: 'orange',
      currency: 'EUR',
      authority,
      apology: APOLOGY_BY_STYLE.en.orange,
      language: 'en',
    });
  });
});

describe('the recovery guide of a German store', () => {
  const german = () => tempStore(undefined, { locale: 'de-DE' });

  it('says why in the words of the clerk’s screen, the amount as the store writes it', () => {
    const s = german();
    const gold = customer(s, 2, 2500, 12);
    const silver = customer(s, 6, 600, 5);
    // Amounts as the store writes them ("25,00 €"), from the store's own formatter and default table.
    const money = (units: number) => createFormat(s.ctx.config).money(units * 100);
    const rules = DEFAULT_REMEDY_RULES;
    const why = suggestRemedy(s.ctx, gold, 'serious').why;
    expect(read(why, 'de-DE')).toBe(
      `Ernst · Gold · 2 Jahre · 12 Besuche → Ersatz oder Reparatur bis ${money(rules.serious.upTo.gold)}`,
    );
    expect(read(suggestRemedy(s.ctx, silver, 'severe').why, 'de-DE')).toBe(
      `Schwer · Silber · 6 Jahre · 5 Besuche · langjährig, zählt als Gold → Erstattung oder Ersatz bis ${money(rules.severe.upTo.gold)}`,
    );
    expect(read(suggestRemedy(s.ctx, null, 'minor').why, 'de-DE')).toBe(
      `Gering · Laufkundschaft → Nachlass oder Geschenk bis ${money(rules.minor.upTo.new)}`,
    );
    // The same words on an English screen: the clerk's language decides, the amount stays the store's.
    expect(read(why)).toBe(
      `Serious · Gold · 2 years · 12 visits → replacement or repair up to ${money(rules.serious.upTo.gold)}`,
    );
  });

  it('apologises in the customer’s language when there is an apology in it, else in the store’s', () => {
    const s = german();
    const clerk = { ...requireClerk(s.ctx, s.clerkId), role: 'clerk' as const };
    const guide = (id: number | null) => recoveryGuide(s.ctx, clerk, id, 'minor');
    expect(guide(customer(s, 1, 100, 2, 'orange'))).toMatchObject({
      apology: APOLOGY_BY_STYLE.de.orange,
      language: 'de',
    });
    expect(guide(customer(s, 1, 100, 2, 'blue', 'en'))).toMatchObject({
      apology: APOLOGY_BY_STYLE.en.blue,
      language: 'en',
    });
    expect(guide(customer(s, 1, 100, 2, 'gold', 'pl'))).toMatchObject({
      apology: APOLOGY_BY_STYLE.de.gold,
      language: 'de',
    });
    expect(guide(null)).toMatchObject({ apology: APOLOGY_BY_STYLE.de.unknown, language: 'de' });
    // An English store speaks German to a customer who prefers it.
    const english = tempStore();
    const klaus = customer(english, 1, 100, 2, 'green', 'Deutsch');
    expect(recoveryGuide(english.ctx, clerk, klaus, 'minor')).toMatchObject({
      apology: APOLOGY_BY_STYLE.de.green,
      language: 'de',
    });
  });

  it('shows the default remedy table in German, in words that read back as the same rules', () => {
    const s = german();
    const manager = requireClerk(s.ctx, s.clerkId);
    const shown = Object.fromEntries(listSettings(s.ctx, manager).map((v) => [v.key, v.value]));
    expect(shown.remedyMinor).toBe('Nachlass oder Geschenk; neu 5, Bronze 5, Silber 10, Gold 15');
    for (const [severity, key] of [
      ['minor', 'remedyMinor'],
      ['serious', 'remedySerious'],
      ['severe', 'remedySevere'],
    ] as const) {
      expect(shown[key]).toBe(defaultRemedyRuleText(severity, 'de'));
      expect(parseRemedyRule(String(shown[key]))).toEqual({ ok: true, rule: DEFAULT_REMEDY_RULES[severity] });
      expect(remedyRule(s.ctx, severity)).toEqual(DEFAULT_REMEDY_RULES[severity]);
    }
    // An English store shows the same rules in English.
    const en = tempStore();
    expect(listSettings(en.ctx, requireClerk(en.ctx, en.clerkId)).find((v) => v.key === 'remedyMinor')?.value).toBe(
      'discount or gift; new 5, bronze 5, silver 10, gold 15',
    );
  });
});

// The language of a suggestion (#18): the customer's preferred one when the template has it, else the store's, else
// the template's own; the reasons say which and why. Real SQLite files and the real engine, as the counter asks.
import { describe, expect, it } from 'vitest';
import type { SuggestionReason } from '@common/domain';
import { findSlots } from '@common/slots';
import { addClerk } from '../../../main/services/clerks';
import { updateSettings } from '../../../main/services/store-settings';
import { chooseLanguage, formatDayIn, preferredLanguage } from '../../../main/services/suggestions/language';
import { shippedPlaybook } from '../../../main/services/suggestions/playbook';
import { customer, logAt, readReasons, store, suggest } from './fixtures';

/** Klaus, with a complaint from last week still open: the first suggestion puts it right. */
function klaus(language: string | undefined, locale = 'en-IE') {
  const s = store(undefined, { locale });
  const c = customer(s, { firstName: 'Klaus', lastName: 'Berger', style: 'green', language });
  const issue = logAt(s, 6, {
    customerId: c,
    kind: 'complaint',
    outcome: 'unresolved',
    notes: 'Lid of the pot cracked.',
  });
  return { s, c, first: suggest(s, c)[0]!, issue };
}
const languageReason = (reasons: SuggestionReason[]) =>
  readReasons(reasons)
    .map((r) => r.fact)
    .filter((f) => /^in [A-Z]/.test(f));

describe('the language of a suggestion', () => {
  it('speaks German to a customer who prefers it, in an English-speaking store, and says why', () => {
    const { first, issue } = klaus('de');
    expect(first).toMatchObject({ templateId: 'service-recovery', language: 'de', issueId: issue.id });
    expect(first.text).toBe(
      'Ihre Reklamation vom 17. November ist noch offen, das tut mir leid. Gehen wir es gleich zusammen durch und lösen es.',
    );
    expect(languageReason(first.reasons)).toEqual(['in German — Klaus prefers German']);
  });

  it("takes the store's language, and says so, when the template has none of the customer's", () => {
    // A German store: its language, not the template's own (English), is what the customer hears.
    const german = klaus('pl', 'de-DE').first;
    expect(german).toMatchObject({ templateId: 'service-recovery', language: 'de' });
    expect(german.text).toMatch(/^Ihre Reklamation vom 17\. November ist noch offen/);
    expect(languageReason(german.reasons)).toEqual([
      'in German, the store’s language — Klaus prefers Polish, which this template has no text in',
    ]);
    const english = klaus('pl').first;
    expect(english).toMatchObject({ templateId: 'service-recovery', language: 'en' });
    expect(english.text).toMatch(/^Your complaint from 17 Nov is still open/);
    expect(languageReason(english.reasons)).toEqual([
      'in English, the store’s language — Klaus prefers Polish, which this template has no text in',
    ]);
  });

  it("follows the store's locale setting as an admin changes it, without a restart", () => {
    const { s, c } = klaus(undefined);
    expect(suggest(s, c)[0]).toMatchObject({ language: 'en' });
    const admin = addClerk(s.ctx, 'Greta Vogel', 'admin');
    updateSettings(s.ctx, admin, { locale: 'de-AT' });
    expect(suggest(s, c)[0]).toMatchObject({ language: 'de', text: expect.stringMatching(/^Ihre Reklamation/) });
  });

  it("speaks the store's language without a word about it when the customer names none", () => {
    const german = klaus(undefined, 'de-DE').first;
    expect(german).toMatchObject({ language: 'de' });
    expect(german.text).toMatch(/^Ihre Reklamation vom 17\. November/);
    expect(languageReason(german.reasons)).toEqual([]);
    const english = klaus(undefined).first;
    expect(english).toMatchObject({ language: 'en' });
    expect(languageReason(english.reasons)).toEqual([]);
  });

  it('words the reasons in the language of the clerk’s screen, the text in the customer’s', () => {
    // A German store, an English-speaking customer: Klaus hears English, the clerk reads why in German.
    const english = klaus('en', 'de-DE').first;
    expect(english).toMatchObject({ templateId: 'service-recovery', language: 'en' });
    expect(english.text).toMatch(/^Your complaint from 17 Nov is still open/);
    expect(readReasons(english.reasons, 'de-DE').map((r) => r.fact)).toEqual([
      'Reklamation am 17. Nov., noch offen (ungelöst): „Lid of the pot cracked“',
      'auf Englisch — Klaus spricht lieber Englisch',
    ]);
    // The store's language for a customer whose language no template has, and why, in German.
    expect(readReasons(klaus('pl', 'de-DE').first.reasons, 'de-DE').at(-1)!.fact).toBe(
      'auf Deutsch, der Sprache des Ladens — Klaus spricht lieber Polnisch, aber diese Vorlage hat keinen Text auf Polnisch',
    );
    expect(readReasons(klaus(undefined, 'pl-PL').first.reasons, 'de-DE').at(-1)!.fact).toBe(
      'auf Englisch — diese Vorlage hat keinen Text auf Polnisch',
    );
  });

  it("falls back to the template's own language where neither the customer's nor the store's is in it", () => {
    const { first } = klaus(undefined, 'pl-PL');
    expect(first).toMatchObject({ language: 'en' });
    expect(languageReason(first.reasons)).toEqual(['in English — this template has no text in Polish']);
  });

  it('reads what tills and people put in the language field', () => {
    expect(['de', 'DE', 'de-AT', 'de_CH', ' Deutsch ', 'German'].map(preferredLanguage)).toEqual([
      'de',
      'de',
      'de',
      'de',
      'de',
      'de',
    ]);
    expect(['', null, undefined, 'x', 'Klingon language'].map(preferredLanguage)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('says days in German as they are spoken, with the year only when it is not this one', () => {
    expect(formatDayIn('de', '2026-11-17', '2026-11-23')).toBe('17. November');
    expect(formatDayIn('de', '2025-03-02', '2026-11-23')).toBe('2. März 2025');
    expect(formatDayIn('en', '2026-11-17', '2026-11-23')).toBe('17 Nov');
  });

  it('keeps the blank the clerk fills in in the German text', () => {
    const honest = shippedPlaybook().templates.find((t) => t.id === 'honest-unknown')!;
    const de = chooseLanguage(honest, { preferred: 'de', store: 'en', who: 'Klaus' });
    expect(de.language).toBe('de');
    expect(findSlots(honest.translations.de!.green).map((x) => x.label)).toEqual(['wonach gefragt wurde']);
  });
});

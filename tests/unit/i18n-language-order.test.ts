// The languages a word is looked up in ("de-AT" → de-AT, de, en) are worked out once per language, not on every t()
// call (common/i18n/index.ts): the words stay what i18next gives, and no call works the order out again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOGUES, createI18n } from '@common/i18n';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the order of languages a word is looked up in', () => {
  it('is worked out once per language, not on every word', () => {
    const i18n = createI18n('de-AT');
    // How i18next works the order out for a locale with a region; the first word may still need it.
    const canonical = vi.spyOn(Intl, 'getCanonicalLocales');
    i18n.t('search.noneFound');
    const afterFirstWord = canonical.mock.calls.length;
    for (let n = 0; n < 50; n++) i18n.t('search.count', { count: n });
    expect(canonical.mock.calls.length).toBe(afterFirstWord);
  });

  it('gives the same words: the locale’s language, English for a language without a catalogue', () => {
    expect(createI18n('de-AT').t('search.noneFound')).toBe(CATALOGUES.de.search.noneFound);
    expect(createI18n('pl-PL').t('search.noneFound')).toBe(CATALOGUES.en.search.noneFound);
    // The number is still written the locale's way: the whole locale stays the language i18next formats in.
    expect(createI18n('de-DE').t('search.count', { count: 1234 })).toBe(
      CATALOGUES.de.search.count_other.replace('{{count, number}}', (1234).toLocaleString('de-DE')),
    );
  });

  it('follows a change of language, and a caller changing its copy changes nothing', async () => {
    const i18n = createI18n('en-IE');
    expect(i18n.t('search.noneFound')).toBe(CATALOGUES.en.search.noneFound);
    await i18n.changeLanguage('de-CH');
    expect(i18n.t('search.noneFound')).toBe(CATALOGUES.de.search.noneFound);
    (i18n.languages as string[]).splice(0);
    (i18n.services.languageUtils as { toResolveHierarchy(code: string): string[] }).toResolveHierarchy('de-CH').pop();
    expect(i18n.t('search.noneFound')).toBe(CATALOGUES.de.search.noneFound);
    await i18n.changeLanguage('en-GB');
    expect(i18n.t('search.noneFound')).toBe(CATALOGUES.en.search.noneFound);
  });
});

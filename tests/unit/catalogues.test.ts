// English and German are both complete: the same keys, and per key the same {{variables}}, so no screen falls back to
// English or loses a value in one language. Read from the catalogue files themselves.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, FALLBACK_LANGUAGE, languageOf, LANGUAGES, translator } from '@common/i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → its text. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The names interpolated in a text: "{{count, number}} of {{name}}" → count, name. */
const variables = (text: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!))].sort();

describe('the catalogues', () => {
  const en = leaves(CATALOGUES.en as Tree);

  it('are English and German, English the fallback', () => {
    expect(LANGUAGES.sort()).toEqual(['de', 'en']);
    expect(FALLBACK_LANGUAGE).toBe('en');
    expect(en.size).toBeGreaterThan(200);
  });

  it.each(LANGUAGES.filter((l) => l !== FALLBACK_LANGUAGE))('%s has exactly the English keys', (lang) => {
    const other = leaves(CATALOGUES[lang] as Tree);
    expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== FALLBACK_LANGUAGE))('%s uses the same variables in every text', (lang) => {
    const other = leaves(CATALOGUES[lang] as Tree);
    const differ = [...en]
      .filter(([k, text]) => other.has(k) && variables(text).join() !== variables(other.get(k)!).join())
      .map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('has no empty text and no text left in English in German (names and key labels aside)', () => {
    const de = leaves(CATALOGUES.de as Tree);
    expect([...de].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    // The same text in both is fine for names, key labels and loan words; anything longer is most likely untranslated.
    // Placeholders are not words: "{{where}}: {{problem}}" reads the same in every language.
    const words = (v: string) => v.replace(/\{\{[^}]*\}\}/g, '');
    const same = [...de]
      .filter(([k, v]) => v === en.get(k) && /\p{Ll}{3,}.*\s.*\p{Ll}{3,}/u.test(words(v)))
      .map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('plural keys come in the forms the language needs', () => {
    for (const lang of LANGUAGES) {
      const keys = [...leaves(CATALOGUES[lang] as Tree).keys()];
      const plural = new Set(keys.filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|other)$/, '')));
      const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const base of plural)
        for (const form of forms) expect(keys, `${lang} ${base}_${form}`).toContain(`${base}_${form}`);
    }
  });
});

describe('the language of a store', () => {
  it('follows its locale, English where there is no catalogue', () => {
    expect([languageOf('de-DE'), languageOf('de-AT'), languageOf('en-IE'), languageOf('pl-PL')]).toEqual([
      'de',
      'de',
      'en',
      'en',
    ]);
    expect(translator('de-AT')('search.found', { count: 2 })).toBe('2 Kunden gefunden');
    expect(translator('pl-PL')('search.found', { count: 1 })).toBe('1 customer found');
  });

  it('writes counts the way the locale writes numbers', () => {
    expect(translator('de-DE')('timeline.summary', { count: 1234 })).toBe('1.234 Einträge, neueste zuerst');
    expect(translator('en-IE')('timeline.summary', { count: 1234 })).toBe('1,234 entries, newest first');
    expect(translator('de-DE')('timeline.summary', { count: 1 })).toBe('1 Eintrag, neueste zuerst');
  });
});

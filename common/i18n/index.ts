// The product's words, one i18next core for the main process (the PDF, human-readable export parts) and the renderer
// (through react-i18next). Catalogues are plain JSON, one per language with exactly the same keys (a test compares
// them key by key, with the same {{variables}} per key); plurals use the `_one` / `_other` suffixes that i18next
// resolves through the platform's Intl.PluralRules, so a language with more forms only adds keys.
import i18next, { type i18n, type Module, type TFunction } from 'i18next';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import { monthIn, shortDayIn } from '../short-day';

export const CATALOGUES = { en, de } as const;
export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];
/** The language every key exists in first; a missing key falls back to it rather than showing the key. */
export const FALLBACK_LANGUAGE: Language = 'en';

/** The catalogue language a store locale is shown in: "de-AT" reads German, "pl-PL" English until Polish exists. */
export function languageOf(locale: string): Language {
  const lang = locale.split('-')[0]!.toLowerCase();
  return (LANGUAGES as string[]).includes(lang) ? (lang as Language) : FALLBACK_LANGUAGE;
}

/**
 * A separate i18next instance for one locale: the main process makes one per document, the renderer one for good.
 * The language is the whole locale ("de-AT"): i18next finds the words under "de" (or English, for a language without
 * a catalogue) while `{{count, number}}` is written the way that locale writes numbers.
 */
export function createI18n(locale: string, ...modules: Module[]): i18n {
  const instance = i18next.createInstance();
  for (const m of modules) instance.use(m);
  void instance.init({
    lng: locale,
    fallbackLng: FALLBACK_LANGUAGE,
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
    // Resources are bundled, so initialising is synchronous and the first render already has its words.
    initAsync: false,
    // React escapes on render and the PDF is not HTML: escaping here would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
    // i18next prints an advertisement to the console on start otherwise.
    showSupportNotice: false,
  });
  // "the {{kind, lower}} from …": English writes a kind's label ("Complaint") small inside a sentence; German does not.
  instance.services.formatter?.add('lower', (value: unknown, lng: string | undefined) =>
    String(value).toLocaleLowerCase(lng),
  );
  // "no texts in {{language, language}}": a language code ("pl") by its name in the reader's language (Polish, Polnisch).
  instance.services.formatter?.add('language', (value: unknown, lng: string | undefined) => {
    try {
      return new Intl.DisplayNames([lng ?? FALLBACK_LANGUAGE], { type: 'language' }).of(String(value)) ?? String(value);
    } catch {
      return String(value);
    }
  });
  // "bought it on {{on, day}}": a day sent as words (common/short-day.ts) in the reader's language, "12 Nov" / "12. Nov.".
  instance.services.formatter?.add('day', (value: unknown, lng: string | undefined) =>
    shortDayIn(lng ?? FALLBACK_LANGUAGE, String(value)),
  );
  instance.services.formatter?.add('month', (value: unknown, lng: string | undefined) =>
    monthIn(lng ?? FALLBACK_LANGUAGE, String(value)),
  );
  // "{{remedies, or}}": a list of worded items as the reader's language says either of them ("refund or repair").
  instance.services.formatter?.add('or', (value: unknown, lng: string | undefined) => {
    const items = Array.isArray(value) ? value.map(String) : [String(value)];
    try {
      return new Intl.ListFormat(lng ?? FALLBACK_LANGUAGE, { type: 'disjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  });
  // "tagged {{tags, commas}}": a list of quoted items, one comma between each, the same in English and German.
  instance.services.formatter?.add('commas', (value: unknown) =>
    Array.isArray(value) ? value.map(String).join(', ') : String(value),
  );
  rememberLanguageOrder(instance);
  return instance;
}

/** The part of i18next's language helper that `rememberLanguageOrder` replaces (i18next types it as `any`). */
interface LanguageOrder {
  toResolveHierarchy(code: unknown, fallbackCode?: unknown): string[];
}

/**
 * i18next works out on every t() call which languages to look the key up in ("de-AT" → de-AT, de, en), through
 * Intl.getCanonicalLocales, and that is about half of what a call costs: a result row of the search asks a dozen
 * words and a new answer brings twenty rows, so it was most of the time from an answer to the list on screen. The
 * order depends only on the code asked for (the other options it reads are fixed at init), so it is worked out once
 * per code. A call naming its own fallback languages is answered afresh; each caller gets its own copy of the list.
 */
function rememberLanguageOrder(instance: i18n): void {
  const utils = instance.services.languageUtils as LanguageOrder;
  const workOut = utils.toResolveHierarchy.bind(utils);
  const known = new Map<string, readonly string[]>();
  utils.toResolveHierarchy = (code, fallbackCode) => {
    if (typeof code !== 'string' || fallbackCode !== undefined) return workOut(code, fallbackCode);
    let order = known.get(code);
    if (!order) {
      order = workOut(code);
      known.set(code, order);
    }
    return [...order];
  };
}

const translators = new Map<string, TFunction>();
/**
 * The translate function of a locale, for code outside React (the main process: the PDF, errors, duplicate reasons,
 * import warnings; tests). One instance per locale for the life of the process: a store changes its locale rarely.
 */
export function translator(locale: string): TFunction {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    translators.set(locale, t);
  }
  return t;
}

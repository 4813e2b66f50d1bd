// Zod's own wording of what is wrong with a value (zod ships German), for every place that checks input in the
// store's language: the dispatcher for a call's input, the import for a row's values.
import { z } from 'zod';
import { languageOf } from '@common/i18n';

const ZOD_WORDS = { en: z.locales.en().localeError, de: z.locales.de().localeError };

/** The parse options wording zod's own refusals in a locale's language: schema.safeParse(v, zodWords(locale)). */
export const zodWords = (locale: string) => ({ error: ZOD_WORDS[languageOf(locale)] });

/**
 * schema.safeParse(value) with its refusals worded in a locale's language, for a check run on every row of an import.
 * Parsed without the options first: zod leaves its fast path when given any (measured: a customer row's parse takes
 * twice as long), and nearly every row passes; only a refused one is parsed again for the words.
 */
export function safeParseIn<S extends z.ZodType>(
  schema: S,
  value: unknown,
  locale: string,
): z.ZodSafeParseResult<z.output<S>> {
  const plain = schema.safeParse(value);
  return plain.success ? plain : schema.safeParse(value, zodWords(locale));
}

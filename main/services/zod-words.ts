// Zod's own wording of what is wrong with a value (zod ships German), for every place that checks input in the
// store's language: the dispatcher for a call's input, the import for a row's values.
import { z } from 'zod';
import { languageOf } from '@common/i18n';

const ZOD_WORDS = { en: z.locales.en().localeError, de: z.locales.de().localeError };

/** The parse options wording zod's own refusals in a locale's language: schema.safeParse(v, zodWords(locale)). */
export const zodWords = (locale: string) => ({ error: ZOD_WORDS[languageOf(locale)] });

// A template version as it travels (a templateVersion fact, common/sync/changes.ts). A fact's field holds at most
// 10,000 characters, so the template goes in parts: its settings and conditions in `template`, and the five texts of
// each language in a field of their own (`texts.en`, `texts.de`), which keeps any one part well under the limit
// whatever languages a template gains. Whether it is enabled is each store's own decision (templateSwitch): a store
// that has the template keeps its own setting.
import { templateSchema, type PlaybookTemplate } from '../services/suggestions/playbook';

const TEXTS = 'texts.';

export function templateFields(t: PlaybookTemplate): Record<string, string | boolean> {
  const { texts, translations, enabled, ...rest } = t;
  // `enabled` goes along only as the author's choice for a store that does not have the template yet.
  const fields: Record<string, string | boolean> = {
    template: JSON.stringify(rest),
    enabledWhenNew: enabled,
    [`${TEXTS}${t.language}`]: JSON.stringify(texts),
  };
  for (const [language, byStyle] of Object.entries(translations))
    fields[`${TEXTS}${language}`] = JSON.stringify(byStyle);
  return fields;
}

/**
 * The template a fact carries, validated like an import; null when this build cannot read it (a field or kind from a
 * newer version): such a fact is passed over and counted, as a refused interaction is.
 */
export function templateOfFields(fields: Record<string, unknown>, enabled: boolean): PlaybookTemplate | null {
  try {
    const rest = JSON.parse(String(fields.template)) as { language?: unknown };
    const language = typeof rest.language === 'string' ? rest.language : 'en';
    const translations: Record<string, unknown> = {};
    let texts: unknown;
    for (const [key, value] of Object.entries(fields)) {
      if (!key.startsWith(TEXTS) || typeof value !== 'string') continue;
      const lang = key.slice(TEXTS.length);
      if (lang === language) texts = JSON.parse(value);
      else translations[lang] = JSON.parse(value);
    }
    const parsed = templateSchema.safeParse({ ...rest, enabled, texts, translations });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

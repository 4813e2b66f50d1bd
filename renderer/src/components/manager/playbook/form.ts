// The editor's form state: the template as typed, with the conditions kept as JSON text until they parse.
import {
  COMMUNICATION_STYLES,
  type CommunicationStyle,
  type InteractionKind,
  type InteractionOutcome,
} from '@common/domain';
import type {
  PlaybookCondition,
  PlaybookResolvable,
  PlaybookTemplateDetail,
  PlaybookTemplateDraft,
} from '@common/playbook';

export interface TemplateForm {
  id: string;
  kind: string;
  title: string;
  description: string;
  priority: string;
  enabled: boolean;
  offer: boolean;
  compatibleWithOpenIssues: boolean;
  resolves: '' | PlaybookResolvable;
  /** '' leaves the log form's own Kind / Outcome. */
  logKind: '' | InteractionKind;
  logOutcome: '' | InteractionOutcome;
  conditionsText: string;
  /** The template's own language: the one its `texts` are saved in. */
  language: string;
  /** Every language's five texts, the template's own first: editing one never drops the others. */
  texts: Record<string, TextsByStyle>;
}

export type TextsByStyle = Record<CommunicationStyle, string>;

const copyTexts = (t: TextsByStyle): TextsByStyle =>
  Object.fromEntries(COMMUNICATION_STYLES.map((s) => [s, t[s]])) as TextsByStyle;

export function formFrom(t: PlaybookTemplateDetail | PlaybookTemplateDraft): TemplateForm {
  return {
    id: t.id,
    kind: t.kind,
    title: t.title,
    description: t.description,
    priority: String(t.priority),
    enabled: t.enabled,
    offer: t.offer,
    compatibleWithOpenIssues: t.compatibleWithOpenIssues,
    resolves: t.resolves ?? '',
    logKind: t.logKind ?? '',
    logOutcome: t.logOutcome ?? '',
    conditionsText: JSON.stringify(t.conditions, null, 2),
    language: t.language,
    texts: Object.fromEntries([
      [t.language, copyTexts(t.texts)],
      ...Object.entries(t.translations).map(([language, texts]) => [language, copyTexts(texts)]),
    ]) as Record<string, TextsByStyle>,
  };
}

/** The form with one language's texts replaced (added when the template had none in it yet). */
export function withTexts(f: TemplateForm, language: string, texts: TextsByStyle): TemplateForm {
  return { ...f, texts: { ...f.texts, [language]: texts } };
}

/** Five empty texts, for a language the template does not speak yet: the manager writes them before saving. */
export const emptyTexts = (): TextsByStyle =>
  Object.fromEntries(COMMUNICATION_STYLES.map((s) => [s, ''])) as TextsByStyle;

/**
 * The draft, or the conditions text not being JSON yet: `jsonError` is then the parser's detail ("Unexpected token…",
 * in the browser's language; '' when it gave none), which the editor words in the store's language.
 */
export type Built = { draft: PlaybookTemplateDraft; jsonError: null } | { draft: null; jsonError: string };

/** The draft to send, or why the conditions text is not JSON yet (the server explains everything else). */
export function buildDraft(f: TemplateForm): Built {
  let conditions: PlaybookCondition;
  try {
    conditions = JSON.parse(f.conditionsText) as PlaybookCondition;
  } catch (err) {
    return { draft: null, jsonError: err instanceof SyntaxError ? err.message.replace(/^JSON\.parse: /, '') : '' };
  }
  return {
    jsonError: null,
    draft: {
      id: f.id,
      kind: f.kind,
      title: f.title,
      description: f.description,
      priority: f.priority.trim() === '' ? Number.NaN : Number(f.priority),
      enabled: f.enabled,
      offer: f.offer,
      resolves: f.resolves === '' ? null : f.resolves,
      compatibleWithOpenIssues: f.compatibleWithOpenIssues,
      logKind: f.logKind === '' ? null : f.logKind,
      logOutcome: f.logOutcome === '' ? null : f.logOutcome,
      conditions,
      language: f.language,
      texts: f.texts[f.language] ?? emptyTexts(),
      translations: Object.fromEntries(Object.entries(f.texts).filter(([language]) => language !== f.language)),
    },
  };
}

/** Same content, whatever the JSON formatting of the conditions. */
export function sameContent(a: TemplateForm, b: TemplateForm): boolean {
  const x = buildDraft(a);
  const y = buildDraft(b);
  if (!x.draft || !y.draft)
    return (
      a.conditionsText === b.conditionsText &&
      JSON.stringify({ ...a, conditionsText: '' }) === JSON.stringify({ ...b, conditionsText: '' })
    );
  return JSON.stringify(x.draft) === JSON.stringify(y.draft);
}

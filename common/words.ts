// Words the main process sends for a screen to say: a catalogue key and its values, never a sentence. The renderer
// words them with its own t, so what the clerk reads follows the language of the screen (the reasons beside a
// suggestion, the suggested remedy's why); main and tests word them with translator(locale). Refusals have their
// own kind of words (ErrorWords in errors.ts, the catalogues' `errors` section, worded by the dispatcher); these may
// name any text of the catalogue.
import type { TFunction } from 'i18next';
import type { Leaves } from './errors';
import type en from './i18n/en.json';

/** Any text of the catalogues: 'suggestions.reason.walkIn', 'label.tier.gold'. */
export type TextKey = Leaves<typeof en>;

/**
 * A value inside words: a string or number as it is (a name, a count, an amount already in the store's format),
 * words of their own (worded in the same language first: "complaint" inside "complaint on 12 Nov"), or a list of
 * words, which the text joins with a formatter ("{{remedies, or}}"). Days and months are strings the catalogue
 * formats (common/short-day.ts: "{{on, day}}").
 */
export type TextValue = string | number | TextWords | TextWords[];

export interface TextWords {
  key: TextKey;
  values: { [name: string]: TextValue };
}

export const text = (key: TextKey, values: TextWords['values'] = {}): TextWords => ({ key, values });

type Translate = (key: string, values: Record<string, unknown>) => string;

/** Words in the language of `t`: the renderer's own t, or translator(locale) in the main process and tests. */
export function wordText(t: TFunction, w: TextWords): string {
  const values = Object.fromEntries(
    Object.entries(w.values).map(([name, v]) => [
      name,
      Array.isArray(v) ? v.map((each) => wordText(t, each)) : typeof v === 'object' ? wordText(t, v) : v,
    ]),
  );
  return (t as unknown as Translate)(w.key, values);
}

/**
 * Variables in playbook texts and the small text syntax around them.
 *
 *   {name}        replaced by a fact. If a fact is missing, the whole template is not shown: no claim without a fact.
 *   [ ... ]       an optional part: dropped when any variable inside it is missing. It must contain a variable.
 *                 "Welcome back[, {firstName}]!" reads "Welcome back, Aoife!" or "Welcome back!".
 *   {slot:label}  a blank the clerk fills in at the counter (common/slots.ts), left in the text as it is.
 * Brackets do not nest. After rendering, doubled spaces and spaces before punctuation are tidied and the first
 * letter is capitalised, so an optional part may start a sentence: "[{firstName}, ]it's been a while".
 *
 * | variable                | example            | from                                                          |
 * |-------------------------|--------------------|---------------------------------------------------------------|
 * | firstName               | Aoife / 王小明     | the first name; a CJK name in full; missing for an initial or |
 * |                         |                    | when only a last name is known (use it inside [ ])            |
 * | displayName             | Aoife Byrne        | first and last name; missing when the record has neither      |
 * | clerkName               | Sean               | first word of the signed-in clerk's name                      |
 * | storeName               | Main Street Store  | store settings                                                |
 * | visitCount              | 12                 | store days with a purchase or interaction                     |
 * | daysSinceLastVisit      | 40                 |                                                               |
 * | lastVisit.date          | 3 Nov              |                                                               |
 * | tier                    | gold               |                                                               |
 * | interest                | coffee             | first interest tag                                            |
 * | birthday.date           | 14 Dec             | the day it is celebrated this year                            |
 * | lastInteraction.kind    | complaint          | question, purchase, return, complaint, order, request         |
 * | lastInteraction.date    | 12 Nov             |                                                               |
 * | lastInteraction.summary | Kettle leaking     | first line of the notes, shortened                            |
 * | openIssue.kind/.date/.summary/.due | ...     | the most pressing open issue (see conditions.ts)              |
 * | followUp.kind/.date/.summary/.due  | ...     | the open issue with the earliest follow-up date               |
 * | pickup.date, pickup.summary        | ...     | the newest open pickup                                        |
 * | lastPurchase.item       | Russell Hobbs kettle | the dearest kept item of the most recent purchase          |
 * | lastPurchase.date       | 3 Nov              |                                                               |
 * | returnWindowEnds        | 3 Dec              | last day the most recent purchase can be returned             |
 * | returnWindowDays        | 30                 | store policy                                                  |
 * | goodwillDays            | 7                  | store policy: days after the window a manager may still help  |
 * Dates read "12 Nov", with the year when it is not this year.
 */
import { words, type ErrorWords } from '@common/errors';
import { MAX_SLOT_LABEL, validSlotLabel } from '@common/slots';
import type { Subject } from './conditions';

export const VARIABLES = {
  firstName: null,
  displayName: null,
  clerkName: null,
  storeName: null,
  visitCount: 'visits',
  daysSinceLastVisit: 'visits',
  'lastVisit.date': 'visits',
  tier: 'tier',
  interest: 'tags',
  'birthday.date': 'birthday',
  'lastInteraction.kind': 'lastInteraction',
  'lastInteraction.date': 'lastInteraction',
  'lastInteraction.summary': 'lastInteraction',
  'openIssue.kind': 'openIssue',
  'openIssue.date': 'openIssue',
  'openIssue.summary': 'openIssue',
  'openIssue.due': 'openIssue',
  'followUp.kind': 'followUp',
  'followUp.date': 'followUp',
  'followUp.summary': 'followUp',
  'followUp.due': 'followUp',
  'pickup.date': 'pickup',
  'pickup.summary': 'pickup',
  'lastPurchase.item': 'purchase',
  'lastPurchase.date': 'purchase',
  returnWindowEnds: 'purchase',
  returnWindowDays: null,
  goodwillDays: null,
} as const satisfies Record<string, Subject | null>;

export type VariableName = keyof typeof VARIABLES;
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];
export type VariableValues = Partial<Record<VariableName, string | null>>;

type Part = { text: string } | { variable: VariableName };
export interface Segment {
  optional: boolean;
  parts: Part[];
}
export interface ParsedText {
  segments: Segment[];
  /** Variables outside optional parts: all must be known for the text to be shown. */
  required: VariableName[];
  variables: VariableName[];
}

/**
 * Splits a text into plain and optional segments; returns problems instead of throwing, as catalogue words
 * (errors.playbook.text.*): the manager reads them in the store's language when a save is refused.
 */
export function parseText(text: string): { parsed: ParsedText; errors: ErrorWords[] } {
  const errors: ErrorWords[] = [];
  const segments: Segment[] = [];
  let current: Segment = { optional: false, parts: [] };
  let buf = '';
  const flushText = () => {
    if (buf) current.parts.push({ text: buf });
    buf = '';
  };
  const closeSegment = () => {
    flushText();
    if (current.parts.length) segments.push(current);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '{') {
      const end = text.indexOf('}', i);
      const name = end < 0 ? null : text.slice(i + 1, end);
      if (name === null || name.includes('{')) {
        errors.push(words('playbook.text.unclosed', { position: i + 1 }));
        buf += ch;
        continue;
      }
      if (name.startsWith('slot:')) {
        // A slot is text the clerk completes at the counter ({slot:what went wrong}, see common/slots.ts): kept as is.
        if (!validSlotLabel(name.slice(5))) errors.push(words('playbook.text.slotLabel', { max: MAX_SLOT_LABEL }));
        buf += text.slice(i, end + 1);
      } else if (!(name in VARIABLES)) {
        const known = VARIABLE_NAMES.map((v) => `{${v}}`).join(', ');
        errors.push(words('playbook.text.unknownVariable', { name: `{${name}}`, known }));
      } else {
        flushText();
        current.parts.push({ variable: name as VariableName });
      }
      i = end;
    } else if (ch === '}') {
      errors.push(words('playbook.text.strayClose', { position: i + 1 }));
    } else if (ch === '[') {
      if (current.optional) {
        errors.push(words('playbook.text.nested'));
        continue;
      }
      closeSegment();
      current = { optional: true, parts: [] };
    } else if (ch === ']') {
      if (!current.optional) {
        errors.push(words('playbook.text.strayBracket', { position: i + 1 }));
        continue;
      }
      flushText();
      if (!current.parts.some((p) => 'variable' in p)) errors.push(words('playbook.text.emptyOptional'));
      closeSegment();
      current = { optional: false, parts: [] };
    } else {
      buf += ch;
    }
  }
  if (current.optional) errors.push(words('playbook.text.unclosedOptional'));
  closeSegment();
  const vars = (optional: boolean | null) =>
    segments
      .filter((s) => optional === null || s.optional === optional)
      .flatMap((s) => s.parts.flatMap((p) => ('variable' in p ? [p.variable] : [])));
  return { parsed: { segments, required: [...new Set(vars(false))], variables: [...new Set(vars(null))] }, errors };
}

const present = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/** Doubled spaces, spaces before punctuation and a lower-case first letter are what dropped parts leave behind. */
export function tidy(s: string): string {
  const t = s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:)])/g, '$1')
    .replace(/([,;:])(?=[.!?])/g, '')
    .replace(/([(])\s+/g, '$1')
    .trim();
  return t.charAt(0).toLocaleUpperCase() + t.slice(1);
}

export type RenderResult = { ok: true; text: string; used: VariableName[] } | { ok: false; missing: VariableName[] };

/** Fills a parsed text. Fails, listing what is missing, when a variable outside an optional part has no fact. */
export function render(p: ParsedText, values: VariableValues): RenderResult {
  const missing = p.required.filter((v) => !present(values[v]));
  if (missing.length) return { ok: false, missing };
  let out = '';
  const used: VariableName[] = [];
  for (const s of p.segments) {
    if (s.optional && s.parts.some((x) => 'variable' in x && !present(values[x.variable]))) continue;
    for (const x of s.parts) {
      if ('text' in x) out += x.text;
      else {
        out += values[x.variable]!;
        used.push(x.variable);
      }
    }
  }
  return { ok: true, text: tidy(out), used };
}

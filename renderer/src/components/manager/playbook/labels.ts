// Words for the playbook's vocabulary as a manager reads them.
import type { PlaybookCondition } from '../../../../../common/playbook';
import { fieldWords } from './condition-rows';

export const KIND_NAME: Record<string, string> = {
  greeting: 'Greeting',
  help: 'Offer help',
  service_recovery: 'Service recovery',
  follow_up: 'Follow-up',
  escalation: 'Escalation',
  pickup: 'Pickup',
  check_in: 'Check-in',
  return_window: 'Return window',
  return_help: 'Return help',
  birthday: 'Birthday',
  loyalty: 'Loyalty',
  recommendation: 'Recommendation',
  honest_unknown: 'Honest “I don’t know”',
};
export const kindName = (k: string): string => KIND_NAME[k] ?? k.replace(/_/g, ' ');

export const RESOLVES_NAME: Record<string, string> = {
  openIssue: 'the most pressing open issue',
  followUp: 'the earliest follow-up',
  pickup: 'the newest pending pickup',
};

export const OP_WORDS: Record<string, string> = {
  '==': 'is',
  '!=': 'is not',
  '<': 'is below',
  '<=': 'is at most',
  '>': 'is above',
  '>=': 'is at least',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'includes',
  notContains: 'does not include',
  exists: 'is known',
  missing: 'is not known',
};

const valueText = (v: unknown): string =>
  Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? `“${v}”` : String(v);

export interface SummaryLine {
  text: string;
  depth: number;
}

/** The condition tree in words, one line per group and comparison: "All of:", "  visit count is at least 3". */
export function summarize(c: PlaybookCondition, depth = 0): SummaryLine[] {
  if ('all' in c) {
    if (c.all.length === 0) return [{ text: 'Always (no conditions)', depth }];
    return [{ text: 'All of these hold:', depth }, ...c.all.flatMap((s) => summarize(s, depth + 1))];
  }
  if ('any' in c)
    return [{ text: 'At least one of these holds:', depth }, ...c.any.flatMap((s) => summarize(s, depth + 1))];
  if ('not' in c) return [{ text: 'Not this:', depth }, ...summarize(c.not, depth + 1)];
  const field = fieldWords(c.field);
  const op = OP_WORDS[c.op] ?? c.op;
  return [{ text: c.value === undefined ? `${field} ${op}` : `${field} ${op} ${valueText(c.value)}`, depth }];
}

export const percent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
/** "German" for "de"; the code itself when the browser knows no name for it. */
export function languageName(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

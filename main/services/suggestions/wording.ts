// How facts read to the customer in texts (the clerk's reasons are catalogue words: facts.ts). Pure functions, no
// database.
import type { InteractionKind } from '@common/domain';

// The house's English day ("12 Nov"), shared with the reasons' words, which write it in the clerk's language.
export { formatDay } from '@common/short-day';

/** What the customer hears: "your question", "your order". */
export const KIND_NOUN: Record<InteractionKind, string> = {
  inquiry: 'question',
  purchase: 'purchase',
  return: 'return',
  complaint: 'complaint',
  pickup: 'order',
  other: 'request',
};

/** First sentence of clerk notes, shortened on a word boundary: something to quote back, never a whole essay. */
export function summarise(notes: string, max = 60): string | null {
  const line = notes
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return null;
  const sentence = line.split(/(?<=[.!?])\s+(?=\p{Lu})/u)[0]!;
  const clean = sentence.replace(/[.;:,\s]+$/, '');
  if (!clean) return null;
  if ([...clean].length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[.;:,\s]+$/, '')}…`;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The name to address the customer by, or null when there is none that reads naturally:
 * - a given name as written; one typed all in capitals or all in lower case is put in title case;
 * - a name in Chinese, Japanese or Korean script in full, family name first: it cannot be split reliably, and a
 *   bare given name would be too familiar;
 * - nothing for an initial ("J.") or when only a last name is known (a bare surname sounds curt and the title is
 *   unknown), so texts put {firstName} inside an optional part.
 */
export function addressName(first: string, last: string): string | null {
  const f = first.trim();
  const l = last.trim();
  if (CJK.test(f) || (!f && CJK.test(l))) return CJK.test(l) && !f.includes(l) ? `${l}${f}` : f || l;
  if (!f || /^\p{L}\.?$/u.test(f)) return null;
  const cased = f !== f.toLowerCase() || f !== f.toUpperCase();
  if (f.length > 1 && cased && (f === f.toUpperCase() || f === f.toLowerCase())) {
    return f.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
  }
  return f;
}

/** The signed-in clerk introduces themself by first name. */
export function clerkFirstName(displayName: string): string | null {
  const first = displayName.trim().split(/\s+/)[0];
  return first ? first : null;
}

/**
 * Days until the next birthday (0 on the day) and the day it is celebrated. A 29 February birthday is celebrated on
 * 28 February in common years: the last day of the customer's birth month, which is how most people mark it.
 */
export function nextBirthday(birthday: string, today: string): { inDays: number; day: string } | null {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return null;
  const month = Number(m[1]);
  const dom = Number(m[2]);
  if (month < 1 || month > 12 || dom < 1 || dom > 31) return null;
  const year = Number(today.slice(0, 4));
  const on = (y: number) => {
    const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
    return `${y}-${String(month).padStart(2, '0')}-${String(Math.min(dom, last)).padStart(2, '0')}`;
  };
  let day = on(year);
  if (day < today) day = on(year + 1);
  const inDays = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { inDays, day };
}

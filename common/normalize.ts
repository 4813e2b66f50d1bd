// Matching keys shared by storage, search and duplicate detection. Pure string functions, no locale data needed.

/** "Seán O'Brien-Zoë" -> "sean obrienzoe": lower case, accents and punctuation gone, words kept apart. */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ł/g, 'l')
    .replace(/['’`´.-]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Part keys already worked out: names repeat (a till export has thousands of Marys), normalising is not cheap. */
const partKeys = new Map<string, string>();
const PART_KEYS_KEPT = 50_000;

function partKey(part: string): string {
  let k = partKeys.get(part);
  if (k === undefined) {
    if (partKeys.size >= PART_KEYS_KEPT) partKeys.clear();
    k = nameKey(part);
    partKeys.set(part, k);
  }
  return k;
}

/**
 * The two stored keys of a person's name: "first last" and "last first". Equal to nameKey of the joined text
 * (a space never combines with its neighbours), but works out each part once.
 */
export function personNameKeys(first: string, last: string): { nameKey: string; lastKey: string } {
  const kf = partKey(first);
  const kl = partKey(last);
  if (!kf || !kl) return { nameKey: kf || kl, lastKey: kl || kf };
  return { nameKey: `${kf} ${kl}`, lastKey: `${kl} ${kf}` };
}

/**
 * Phone numbers are matched on digits in international form without "+": "+353 87 123 4567", "087-123 4567" and
 * "00353871234567" all become "353871234567" for country code "353". Returns null when there are too few digits.
 */
export function phoneDigits(raw: string | null | undefined, countryCode: string): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length < 4) return null;
  if (trimmed.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith('0')) digits = digits.slice(1);
  else if (digits.startsWith(countryCode) && digits.length > 10) return digits;
  return countryCode + digits;
}

export function emailKey(raw: string | null | undefined): string | null {
  const e = raw?.trim().toLowerCase();
  return e ? e : null;
}

export function displayName(first: string, last: string): string {
  return [first.trim(), last.trim()].filter(Boolean).join(' ') || 'Unnamed customer';
}

/** Card numbers are printed with spaces and letters in either case; stored and matched compact and upper-case. */
export function loyaltyKey(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

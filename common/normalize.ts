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
    .replace(/['’`´.\-]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

// A clerk's initials for the round badge on the sign-in picker. By grapheme (what a reader sees as one character),
// not by UTF-16 unit: "🦊 Róisín" must give "🦊R", not half of the fox's surrogate pair ("\uD83E" shows as "�"), and
// a letter with a combining accent or a flag stays whole.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const firstGrapheme = (word: string): string => graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => firstGrapheme(w).toLocaleUpperCase())
    .join('');
}

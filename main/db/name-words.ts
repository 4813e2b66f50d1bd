/** name_word_positions holds 1…256 (migration 0006): the triggers never see a word starting further in. */
const POSITIONS = 256;

const codePoints = (w: string) => (/[\uD800-\uDFFF]/.test(w) ? [...w].length : w.length);

/**
 * Counts a name key's words the way the name-words triggers of migration 0006 do: each distinct word of four or
 * more characters, once per customer. Bulk writers count here while they build their rows instead of having
 * SQLite cut every new name up again with the triggers' string functions (at a million customers: seven seconds
 * of a demo seed, six of an import). The seed-equivalence and import tests hold the counts to the triggers'.
 */
export function countNameWords(key: string, into: Map<string, number>): void {
  if (!key) return;
  const words = key.split(' ');
  let at = 1;
  for (let i = 0; i < words.length && at <= POSITIONS; i++) {
    const w = words[i]!;
    const length = codePoints(w);
    if (length >= 4 && words.indexOf(w) === i) into.set(w, (into.get(w) ?? 0) + 1);
    at += length + 1;
  }
}

/** Adds counted words to name_words (its insert trigger adds their typo variants). */
export const ADD_NAME_WORDS =
  'INSERT INTO name_words (word, uses) VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET uses = uses + excluded.uses';

/**
 * The same for counted words held in `table` (word, uses), in its order, in one statement: the trigger's insert into
 * the name_word_grams index is then flushed once, not once per word (which cost ~0.4 ms a new word).
 */
export const addNameWordsFrom = (table: string) =>
  `INSERT INTO name_words (word, uses) SELECT word, uses FROM ${table} WHERE true ORDER BY rowid
   ON CONFLICT (word) DO UPDATE SET uses = uses + excluded.uses`;

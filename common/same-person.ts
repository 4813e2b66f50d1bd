// Whether the name on an import row (or on a customer the hub finds sharing a card, phone or email with another) can
// be the customer whose card, phone or email it carries. A till export
// that puts one person's card number next to another person's name would otherwise rename the customer and give
// them a stranger's phone, email and birthday, with all of their history.
//
// The rule, on names compared word by word after the store's own normalisation (nameKey: case, accents and
// apostrophes do not count, so "Seán O'Brien" is "SEAN OBRIEN"):
// - A side without a first name (a row giving only a card, a customer known only by a surname) contradicts nothing.
// - The same first name is the same person whatever the surname says: people marry, take a double-barrelled name,
//   or the till had a typo in it.
// - First names are the same when a word of one is a word of the other ("Ann Marie" / "Ann"), one is the other's
//   initial ("J." / "John"), a start of three letters or more ("Kath" / "Katherine"), or one typo away in a word of
//   four letters or more ("Jon" / "John", "Aiofe" / "Aoife"); "Tom" / "Tim" are two people.
// - Names written the other way round ("Murphy Ann") or with a middle name ("Ann Marie Murphy") agree when every
//   word of the shorter name is in the longer one.
// Anything else is someone else: "Nuala Quinn" for Mary O'Brien's card, or "John O'Brien" for the phone Mary and
// John share. Nicknames ("Bob" / "Robert") and other spellings beyond one typo ("Máire" / "Mary") come out as
// conflicts too: the row is refused with both names, which loses nothing and is fixed in a minute, where a wrong
// merge takes a person's history away unnoticed.
import { nameKey } from './normalize';

const words = (part: string | null | undefined): string[] => (part ? nameKey(part).split(' ').filter(Boolean) : []);

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 1) return long.startsWith(short);
  if (short.length >= 3 && long.startsWith(short)) return true;
  return long.length >= 4 && withinOneEdit(a, b);
}

const shareAWord = (a: string[], b: string[]) => a.some((x) => b.some((y) => sameWord(x, y)));
const allIn = (short: string[], long: string[]) => short.every((x) => long.some((y) => sameWord(x, y)));

/** Whether the row's first and last name can belong to the customer's (see the rule above). */
export function samePerson(
  rowFirst: string | null | undefined,
  rowLast: string | null | undefined,
  first: string | null | undefined,
  last: string | null | undefined,
): boolean {
  // The common case, a till export imported again, without normalising anything.
  if (rowFirst && rowFirst === first) return true;
  const a = words(rowFirst);
  const b = words(first);
  if (a.length === 0 || b.length === 0) return true;
  if (shareAWord(a, b)) return true;
  const rowAll = [...a, ...words(rowLast)];
  const all = [...b, ...words(last)];
  return rowAll.length <= all.length ? allIn(rowAll, all) : allIn(all, rowAll);
}

/** One substitution, insertion, deletion or swap of neighbours (Damerau) turns a into b. */
export function withinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    const rest = (from: number) => x.slice(from).join('') === y.slice(from).join('');
    return rest(i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2));
  }
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.slice(i + 1).join('') === short.slice(i).join('');
}

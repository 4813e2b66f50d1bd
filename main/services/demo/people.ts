import type { CommunicationStyle, Customer } from '@common/domain';
import { nameKey } from '@common/normalize';
import { LONG_NAMES, NAME_GROUP_PICK, NOTES, type NameGroup } from './catalog';
import { mix, WeightedPick, type Rng } from './random';

/**
 * Who a demo customer is, as a clerk would have typed it into the quick-create form: a customer's own fields.
 * Tags here are the ones not derived from purchases (contact preferences and the like).
 */
export type Identity = Omit<Customer, 'id' | 'displayName' | 'createdAt' | 'styleSetBy' | 'styleSetAt'>;

const STYLE_PICK = new WeightedPick<CommunicationStyle>(
  ['blue', 'green', 'gold', 'orange', 'unknown'],
  [20, 20, 18, 14, 28],
);

const DOMAINS: Record<string, WeightedPick<string>> = {
  default: new WeightedPick(
    ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com', 'eircom.net', 'icloud.com', 'live.ie', 'protonmail.com'],
    [40, 14, 10, 7, 8, 12, 6, 3],
  ),
  pl: new WeightedPick(['wp.pl', 'o2.pl', 'onet.pl', 'gmail.com'], [30, 20, 15, 35]),
  br: new WeightedPick(['uol.com.br', 'bol.com.br', 'gmail.com', 'hotmail.com'], [25, 10, 45, 20]),
  es: new WeightedPick(['telefonica.net', 'gmail.com', 'hotmail.es'], [20, 55, 25]),
  fr: new WeightedPick(['orange.fr', 'free.fr', 'gmail.com'], [35, 20, 45]),
  cn: new WeightedPick(['163.com', 'qq.com', 'gmail.com'], [35, 35, 30]),
  ua: new WeightedPick(['ukr.net', 'gmail.com'], [40, 60]),
  gb: new WeightedPick(['btinternet.com', 'gmail.com', 'outlook.com', 'sky.com'], [25, 45, 15, 15]),
};

/** Abroad-registered phones keep their home format; clerks copy them as the customer says them. */
const FOREIGN_PHONES: Record<string, (r: Rng) => string> = {
  pl: (r) => `+48 ${r.int(500, 889)} ${digits(r, 3)} ${digits(r, 3)}`,
  br: (r) => `+55 ${r.pick(['11', '21', '31'])} 9${digits(r, 4)}-${digits(r, 4)}`,
  es: (r) => `+34 6${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
  fr: (r) => `+33 6 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  cn: (r) => `+86 13${r.int(0, 9)} ${digits(r, 4)} ${digits(r, 4)}`,
  in: (r) => `+91 9${digits(r, 4)} ${digits(r, 5)}`,
  ng: (r) => `+234 80${r.int(2, 9)} ${digits(r, 3)} ${digits(r, 4)}`,
  ua: (r) => `+380 ${r.pick(['67', '50', '63'])} ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
  gb: (r) => `+44 7700 9${digits(r, 5)}`,
};

function digits(r: Rng, n: number): string {
  return String(r.int(0, 10 ** n - 1)).padStart(n, '0');
}

/** An Irish number the way people write it: spaced, run together, with +353 or 00353, or a landline. */
export function irishPhone(r: Rng): string {
  const u = r.next();
  if (u < 0.07) {
    const [area, len] = r.pick([
      ['01', 7],
      ['021', 6],
      ['091', 6],
      ['061', 6],
      ['051', 6],
    ] as const);
    const sub = digits(r, len);
    return `${area} ${sub.slice(0, 3)} ${sub.slice(3)}`;
  }
  const net = r.pick(['83', '85', '86', '87', '89']);
  const a = digits(r, 3);
  const b = digits(r, 4);
  if (u < 0.4) return `0${net} ${a} ${b}`;
  if (u < 0.58) return `0${net}${a}${b}`;
  if (u < 0.63) return `0${net}-${a}-${b}`;
  if (u < 0.66) return `(0${net}) ${a} ${b}`;
  if (u < 0.86) return `+353 ${net} ${a} ${b}`;
  if (u < 0.96) return `+353${net}${a}${b}`;
  return `00353 ${net} ${a}${b}`;
}

const handles = new Map<string, string>();
function asciiHandle(name: string): string {
  let h = handles.get(name);
  if (h === undefined) {
    h = nameKey(name).replace(/[^a-z0-9]/g, '');
    handles.set(name, h);
  }
  return h;
}

function emailFor(r: Rng, group: NameGroup, first: string, last: string, romanised: string | null): string {
  const domain = (DOMAINS[group.origin] ?? DOMAINS.default!).from(r);
  let handle: string;
  if (romanised) {
    handle = r.chance(0.5) ? romanised : romanised.replace('.', '') + r.int(1, 99);
  } else {
    const f = asciiHandle(first) || 'info';
    const l = asciiHandle(last);
    const u = r.next();
    if (!l) handle = `${f}${r.int(1, 999)}`;
    else if (u < 0.4) handle = `${f}.${l}`;
    else if (u < 0.55) handle = `${f}${l}`;
    else if (u < 0.7) handle = `${f[0]}${l}`;
    else if (u < 0.9) handle = `${f}.${l}${r.int(1, 99)}`;
    else handle = `${l}${f[0]}${r.int(50, 99)}`;
  }
  const email = `${handle}@${domain}`;
  // Some are typed with capitals; the store keeps emails lower-cased.
  return r.chance(0.08)
    ? email.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_m, c: string) => `@${c.toUpperCase()}`)
    : email;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function birthdayFor(r: Rng): string {
  const year = r.int(1940, 2007);
  const month = r.int(1, 12);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const day = r.int(1, month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!);
  return `${year}-${PAD2[month]}-${PAD2[day]}`;
}

/**
 * Loyalty card numbers: "2000" and nine digits. Cards are issued in sign-up order, as real schemes do, with a
 * random step between them: customer i gets a number in [10^7 + 17i, 10^7 + 17i + 17), so numbers never collide
 * (up to 58 million customers) and the unique index on them grows at its end instead of being rewritten at random.
 */
export function loyaltyNumber(index: number, seed: number): string {
  return `2000${String(10_000_000 + index * 17 + (mix((seed ^ index) >>> 0) % 17)).padStart(9, '0')}`;
}

export function makeIdentity(r: Rng, index: number, seed: number): Identity {
  const group = NAME_GROUP_PICK.from(r);
  let first: string;
  let last: string;
  let romanised: string | null = null;
  if (group.hanzi.length > 0 && r.chance(0.5)) {
    [first, romanised] = r.pick(group.hanzi);
    last = '';
  } else if (r.chance(0.002)) {
    [first, last] = r.pick(LONG_NAMES);
  } else {
    first = r.pick(group.first);
    last = r.pick(group.last);
    if (group.female.has(first)) last = group.feminine[last] ?? last;
    if ((group.origin === 'ie' || group.origin === 'gb') && r.chance(0.03)) {
      const other = r.pick(group.last);
      if (other !== last && !other.includes(' ')) last = `${last}-${other}`;
    }
  }
  const hasPhone = r.chance(0.9);
  const foreign = FOREIGN_PHONES[group.origin];
  const phone = hasPhone ? (foreign && r.chance(0.35) ? foreign(r) : irishPhone(r)) : null;
  const email = r.chance(0.78) ? emailFor(r, group, first, last, romanised) : null;
  const tags: string[] = [];
  if (r.chance(0.18)) tags.push(r.pick(NOTES.extraTags));
  if (email && r.chance(0.1) && !tags.includes('prefers-email')) tags.push('prefers-email');
  return {
    firstName: first,
    lastName: last,
    phone,
    email,
    loyaltyId: r.chance(0.85) ? loyaltyNumber(index, seed) : null,
    birthday: r.chance(0.55) ? birthdayFor(r) : null,
    style: STYLE_PICK.from(r),
    language: group.language ?? (group.origin === 'ie' && r.chance(0.04) ? 'ga' : null),
    marketingConsent: r.chance(0.45),
    tags,
    notes: r.pick(NOTES.customerNotes),
  };
}

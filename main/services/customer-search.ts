import { withinOneEdit } from '@common/same-person';
import type { CustomerHit, MatchKind } from '@common/domain';
import { displayName, emailKey, loyaltyKey, nameKey, phoneDigits } from '@common/normalize';
import { customersRepo, type HitRow } from '../db/customers.repo';
import { hasAliases, survivorRow } from './customer-aliases';
import type { ServiceContext } from './context';
import { tierBasis, tierFor } from './customers';
import { namesakesFirst } from './namesakes';
import { localDay } from './time';

/** Sorts after every other character, so [prefix, prefix + HIGH) is a B-tree range for "starts with". */
const HIGH = '\u{10FFFF}';

type Take = (rows: HitRow[], kind: MatchKind) => void;

/**
 * Looks a customer up from whatever the clerk typed: a card number, a phone (any format, or its last 4 digits),
 * an email, or part of a name with accents, apostrophes and one typo forgiven. Ranked: exact identifiers first,
 * then names starting with the query, then names containing it, then near misses; among namesakes (equally good
 * name matches) recent and frequent visitors first. The wider stages only run while the narrower ones found nothing,
 * so a scanned card or a full phone number costs one index probe. Each hit says what the customer is owed.
 */
export function searchCustomers(ctx: ServiceContext, query: string, limit = 20): CustomerHit[] {
  const q = query.trim();
  if (!q) return [];
  const stages = customersRepo(ctx.db).hits;
  const found = new Map<number, CustomerHit>();
  // A record the hub merged into another is found as its survivor (customer-aliases.ts); most stores have none.
  const merged = hasAliases(ctx.db);
  const take: Take = (rows, kind) => {
    for (const row of rows) {
      if (found.size >= limit) return;
      const id = merged ? survivorRow(ctx.db, row.id) : row.id;
      const r = id === row.id ? row : stages.byId.get(id);
      if (r && !found.has(r.id)) found.set(r.id, toHit(ctx, r, kind));
    }
  };
  const room = () => limit - found.size;

  take(stages.loyaltyExact.all(loyaltyKey(q)), 'loyalty');
  const digits = q.replace(/[\s\-().+/]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    const full = phoneDigits(q, ctx.config.countryCode);
    if (full && digits.length >= 7) take(stages.phoneExact.all(full, room()), 'phone');
    if (found.size > 0) return withMarkers(ctx, [...found.values()]);
    if (digits.length === 4) take(stages.phoneLast4.all(digits, room()), 'phone');
    if (room() > 0) take(stages.loyaltyPrefix.all(digits, digits + HIGH, room()), 'loyalty');
    if (room() > 0) take(stages.phoneContains.all(`"${digits}"`, room()), 'phone_partial');
  } else if (q.includes('@')) {
    const email = emailKey(q)!;
    take(stages.emailExact.all(email, room()), 'email');
    if (found.size === 0) take(stages.emailPrefix.all(email, email + HIGH, room()), 'email');
  } else {
    const key = nameKey(q);
    const before = found.size;
    searchByName(ctx, key, take, room);
    if (found.size === before) searchRunTogether(ctx, key, take, room);
    if (found.size === before) searchNearMisses(ctx, key, take, room);
  }
  return withMarkers(ctx, [...found.values()]);
}

/** Fills in each hit's markers: one statement for the whole list, reading only the hits' own open issues. */
export function withMarkers(ctx: ServiceContext, hits: CustomerHit[]): CustomerHit[] {
  if (hits.length === 0) return hits;
  const today = localDay(ctx.now(), ctx.config.timeZone);
  const rows = customersRepo(ctx.db).markers.all({ ids: JSON.stringify(hits.map((h) => h.id)), today });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const h of hits) {
    const m = byId.get(h.id);
    if (m) h.markers = { openIssues: m.issues, overduePromises: m.overdue, ordersWaiting: m.pickups };
  }
  return hits;
}

/** Name rows of one stage with namesakes (the same key) reordered by their visits; see namesakes.ts. */
function byVisits(ctx: ServiceContext, rows: HitRow[], keyOf: (r: HitRow) => string): HitRow[] {
  return namesakesFirst(rows, keyOf, ctx.now().getTime());
}
const byName = (r: HitRow) => r.name_key;
const bySurname = (r: HitRow) => r.last_key;
/** Names containing the query are all equally good: one run. */
const asOne = () => '';

function searchByName(ctx: ServiceContext, key: string, take: Take, room: () => number): void {
  if (key) namesFor(ctx, key, take, room, 'name_prefix', 'name');
}

/**
 * The name stages for one key: names, then surnames, starting with it (two index ranges, namesakes by visits), then,
 * when `containsAs` is given and room is left, names holding its words (the trigram index).
 */
function namesFor(
  ctx: ServiceContext,
  key: string,
  take: Take,
  room: () => number,
  prefixAs: MatchKind,
  containsAs: MatchKind | null,
): void {
  const stages = customersRepo(ctx.db).hits;
  take(byVisits(ctx, stages.namePrefix.all(key, key + HIGH, room()), byName), prefixAs);
  if (room() > 0) take(byVisits(ctx, stages.lastNamePrefix.all(key, key + HIGH, room()), bySurname), prefixAs);
  if (containsAs && room() > 0) take(byVisits(ctx, containing(ctx, key, room()), asOne), containsAs);
}

/**
 * Names holding every word of the key: trigram search for words of 3+ letters, the shorter ones checked after. A
 * word of 4+ letters that no name word holds (a typo, mostly) is in no name: the small index of name words says so
 * at once, where the customers' index would read its trigrams' lists to the end (see 0022-name-word-grams).
 */
function containing(ctx: ServiceContext, key: string, limit: number): HitRow[] {
  const repo = customersRepo(ctx.db);
  const tokens = key.split(' ');
  const indexable = tokens.filter((t) => [...t].length >= 3);
  if (indexable.length === 0) return [];
  if (indexable.some((t) => [...t].length >= 4 && !repo.wordHolding.get(`"${t}"`))) return [];
  const short = tokens.filter((t) => [...t].length < 3);
  const expr = indexable.map((t) => `"${t}"`).join(' AND ');
  const rows = repo.hits.nameMatch.all(expr, short.length ? limit * 5 : limit);
  return short.length ? rows.filter((r) => short.every((n) => r.name_key.includes(n))).slice(0, limit) : rows;
}

/** Longest query the run-together stage reads for hidden words: it probes every stretch of 4 or more letters. */
const RUN_TOGETHER_MAX = 40;
/** Longest stretch between the name words that is taken for a particle (de, da, ní, mac, van). */
const MAX_PARTICLE = 3;

/**
 * A name typed without its spaces: "deburca", "nibhriain", "dasilva", "endadeburca" (de Búrca, Ní Bhriain, da Silva,
 * Enda de Búrca). The stretches of 4+ letters that are name words are found, longest first; when the rest is
 * particles of up to 3 letters, the spaces go back in ("da silva") and the name indexes are asked for names or
 * surnames starting with that: two index probes, and "dasilva" finds João da Silva, not Fernanda Silva. A typo'd name
 * that holds one word ("smtihjones") does not read as words and particles, and is left to the near-miss stage.
 */
function searchRunTogether(ctx: ServiceContext, key: string, take: Take, room: () => number): void {
  const spaced = respaced(ctx, key);
  if (spaced) namesFor(ctx, spaced, take, room, 'name_prefix', null);
}

/** The key with its spaces put back between the name words and particles it reads as, or null when it does not. */
function respaced(ctx: ServiceContext, key: string): string | null {
  const chars = [...key.replaceAll(' ', '')];
  if (chars.length < 5 || chars.length > RUN_TOGETHER_MAX) return null;
  const isNameWord = customersRepo(ctx.db).isNameWord;
  const taken = new Array<boolean>(chars.length).fill(false);
  const cuts = new Set<number>();
  for (let len = chars.length; len >= 4; len--) {
    for (let at = 0; at + len <= chars.length; at++) {
      if (taken.slice(at, at + len).some(Boolean) || !isNameWord.get(chars.slice(at, at + len).join(''))) continue;
      taken.fill(true, at, at + len);
      cuts.add(at).add(at + len);
    }
  }
  // One word as typed has already been looked for by the name stages.
  if (cuts.size === 0 || (cuts.has(0) && cuts.has(chars.length) && cuts.size === 2)) return null;
  let out = '';
  let gap = 0;
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && cuts.has(i)) out += ' ';
    gap = taken[i] ? 0 : gap + 1;
    if (gap > MAX_PARTICLE) return null;
    out += chars[i];
  }
  return out;
}

/**
 * A typo: each word of 4+ letters that no name holds is swapped for the name words one edit away (commonest first),
 * and the names starting with, then holding, the corrected key are near misses: index ranges first, so a typo'd
 * surname lists its namesakes most recent visitor first like the name stages do. A word that corrects to nothing may
 * be a name typed without its spaces and with a typo ("obreain", "oconchiur" for Ó Briain, Ó Conchúir): a particle
 * of up to 3 letters split off its front, the rest a name word or one edit from one, is asked the same way. Only when
 * all that finds nothing (a typo inside part of a hyphenated or run-together name, "smtih" for Smith-Jones) are names
 * searched for the query one edit away inside them, among a bounded number of index candidates.
 */
function searchNearMisses(ctx: ServiceContext, key: string, take: Take, room: () => number): void {
  const repo = customersRepo(ctx.db);
  const tokens = key.split(' ').filter(Boolean);
  const typed = tokens.map((token) => [...token].length >= 4 && !repo.isNameWord.get(token));
  const before = room();
  const ask = (i: number, replacement: string) =>
    namesFor(ctx, tokens.map((t, j) => (j === i ? replacement : t)).join(' '), take, room, 'fuzzy', 'fuzzy');
  tokens.forEach((token, i) => {
    if (!typed[i]) return;
    for (const word of corrections(ctx, token)) if (room() > 0) ask(i, word);
  });
  if (room() < before) return;
  tokens.forEach((token, i) => {
    const chars = [...token];
    if (!typed[i] || chars.length < 5) return;
    for (let cut = 1; cut <= MAX_PARTICLE && chars.length - cut >= 4; cut++) {
      const particle = chars.slice(0, cut).join('');
      const rest = chars.slice(cut).join('');
      const words = repo.isNameWord.get(rest) ? [rest] : corrections(ctx, rest);
      for (const word of words) if (room() > 0) ask(i, `${particle} ${word}`);
    }
  });
  if (room() < before) return;
  const length = (t: string) => [...t].length; // in characters, not UTF-16 units
  const longest = tokens.reduce((a, b) => (length(b) > length(a) ? b : a), '');
  if (length(longest) < 4) return;
  const ids = new Set<number>();
  for (const pattern of selective(oneEditPatterns(longest))) {
    for (const { id } of repo.nameLike.within(`%${pattern}%`, FALLBACK_CANDIDATES, room())) ids.add(id);
    if (ids.size >= room()) break;
  }
  if (ids.size) take(repo.hitsByIds([...ids]), 'fuzzy');
}

/** The name words one edit from a word no name holds, commonest first. */
function corrections(ctx: ServiceContext, token: string): string[] {
  return customersRepo(ctx.db)
    .wordsNear.all(JSON.stringify([token, ...deletions(token)]))
    .filter((w) => w.word !== token && withinOneEdit(token, w.word))
    .slice(0, MAX_CORRECTIONS)
    .map((w) => w.word);
}

/** Index candidates the in-word fallback reads per pattern: all of them on a small store, a sample on a huge one. */
const FALLBACK_CANDIDATES = 500;
/** Patterns the fallback tries: those with the fewest literal characters read the most index; they go first out. */
const FALLBACK_PATTERNS = 8;

function selective(patterns: string[]): string[] {
  const shortestRun = (p: string) =>
    Math.min(
      ...p
        .split(/[%_]+/)
        .filter(Boolean)
        .map((run) => [...run].length),
    );
  return [...patterns].sort((a, b) => shortestRun(b) - shortestRun(a)).slice(0, FALLBACK_PATTERNS);
}

/** Corrections tried per word: enough for "jon" → john/joan/jong, few enough to stay one-digit milliseconds. */
const MAX_CORRECTIONS = 8;

function deletions(word: string): string[] {
  const chars = [...word];
  return chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
}

/**
 * LIKE patterns (for the trigram index) that match a name one edit away from `word`: a swapped pair, a missing,
 * extra or wrong letter. Patterns without a run of 3 literal characters would scan the whole table and are skipped.
 */
export function oneEditPatterns(word: string): string[] {
  const chars = [...word];
  const out = new Set<string>();
  const usable = (p: string) => p.split('_').some((run) => [...run].length >= 3);
  for (let i = 0; i + 1 < chars.length; i++) {
    const s = [...chars];
    [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
    out.add(s.join(''));
  }
  for (let i = 0; i < chars.length; i++) {
    out.add([...chars.slice(0, i), ...chars.slice(i + 1)].join('')); // extra letter typed
    out.add([...chars.slice(0, i), '_', ...chars.slice(i + 1)].join('')); // wrong letter
    out.add([...chars.slice(0, i), '_', ...chars.slice(i)].join('')); // letter left out
  }
  out.delete(word);
  return [...out].filter((p) => [...p].length >= 3 && usable(p));
}

/** A result row without its markers yet (withMarkers fills them in for the whole list at once). */
export function toHit(ctx: ServiceContext, r: HitRow, match: MatchKind): CustomerHit {
  const basis = tierBasis(r);
  return {
    id: r.id,
    displayName: displayName(r.first_name, r.last_name),
    phone: r.phone,
    email: r.email,
    loyaltyId: r.loyalty_id,
    lastVisitAt: r.last_visit_at,
    town: r.city,
    postcode: r.postcode,
    match,
    tier: tierFor(ctx, basis.spendCents, basis.visits),
    visitCount: r.visit_count,
    markers: { openIssues: 0, overduePromises: 0, ordersWaiting: 0 },
  };
}

/** A card scan is an exact loyalty id; anything else is not a scan. */
export function customerByCard(ctx: ServiceContext, loyaltyId: string): CustomerHit | null {
  const row = customersRepo(ctx.db).hits.loyaltyExact.get(loyaltyKey(loyaltyId));
  return row ? withMarkers(ctx, [toHit(ctx, row, 'loyalty')])[0]! : null;
}

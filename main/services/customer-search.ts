import type { CustomerHit, MatchKind } from '../../common/domain';
import { displayName, emailKey, loyaltyKey, nameKey, phoneDigits } from '../../common/normalize';
import { customersRepo, type HitRow } from '../db/customers.repo';
import type { ServiceContext } from './context';

/** Sorts after every other character, so [prefix, prefix + HIGH) is a B-tree range for "starts with". */
const HIGH = '\u{10FFFF}';

/**
 * Looks a customer up from whatever the clerk typed: a card number, a phone (any format, or its last 4 digits),
 * an email, or part of a name with accents, apostrophes and one typo forgiven. Ranked: exact identifiers first,
 * then names starting with the query, then names containing it, then near misses.
 */
export function searchCustomers(ctx: ServiceContext, query: string, limit = 20): CustomerHit[] {
  const q = query.trim();
  if (!q) return [];
  const repo = customersRepo(ctx.db);
  const ranked = new Map<number, MatchKind>();
  const take = (rows: { id: number }[], kind: MatchKind) => {
    for (const r of rows) {
      if (ranked.size >= limit) return;
      if (!ranked.has(r.id)) ranked.set(r.id, kind);
    }
  };
  const room = () => limit - ranked.size;

  take(repo.loyaltyExact.all(loyaltyKey(q)), 'loyalty');

  const digits = q.replace(/[\s\-().+/]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    const full = phoneDigits(q, ctx.config.countryCode);
    if (full && digits.length >= 7) take(repo.phoneExact.all(full, room()), 'phone');
    if (digits.length === 4) take(repo.phoneLast4.all(digits, room()), 'phone');
    if (room() > 0) take(repo.loyaltyPrefix.all(digits, digits + HIGH, room()), 'loyalty');
    if (room() > 0) take(repo.phoneContains.all(`"${digits}"`, room()), 'phone_partial');
  } else if (q.includes('@')) {
    const email = emailKey(q)!;
    take(repo.emailExact.all(email, room()), 'email');
    if (room() > 0) take(repo.emailPrefix.all(email, email + HIGH, room()), 'email');
  } else {
    searchByName(ctx, nameKey(q), take, room);
  }
  return hydrate(ctx, ranked);
}

function searchByName(
  ctx: ServiceContext,
  key: string,
  take: (rows: { id: number }[], kind: MatchKind) => void,
  room: () => number,
): void {
  if (!key) return;
  const repo = customersRepo(ctx.db);
  take(repo.namePrefix.all(key, key + HIGH, room()), 'name_prefix');
  if (room() > 0) take(repo.lastNamePrefix.all(key, key + HIGH, room()), 'name_prefix');
  const tokens = key.split(' ');
  const indexable = tokens.filter((t) => [...t].length >= 3);
  if (room() > 0 && indexable.length > 0) {
    // Trigram search needs 3+ characters per token; shorter tokens are checked on the candidates instead.
    const short = tokens.filter((t) => [...t].length < 3);
    const expr = indexable.map((t) => `"${t}"`).join(' AND ');
    const rows = repo.nameMatch.all(expr, short.length ? room() * 5 : room());
    take(short.length ? keepContaining(ctx, rows, short) : rows, 'name');
  }
  const longest = indexable.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (room() > 0 && [...longest].length >= 4) {
    for (const pattern of oneEditPatterns(longest)) {
      take(repo.nameLike.all(`%${pattern}%`, room()), 'fuzzy');
      if (room() <= 0) break;
    }
  }
}

function keepContaining(ctx: ServiceContext, rows: { id: number }[], needles: string[]): { id: number }[] {
  const hits = customersRepo(ctx.db).hitsByIds(rows.map((r) => r.id));
  const ok = new Set(hits.filter((h) => needles.every((n) => h.name_key.includes(n))).map((h) => h.id));
  return rows.filter((r) => ok.has(r.id));
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

function hydrate(ctx: ServiceContext, ranked: Map<number, MatchKind>): CustomerHit[] {
  const rows = new Map<number, HitRow>();
  for (const r of customersRepo(ctx.db).hitsByIds([...ranked.keys()])) rows.set(r.id, r);
  const hits: CustomerHit[] = [];
  for (const [id, match] of ranked) {
    const r = rows.get(id);
    if (r) hits.push(toHit(r, match));
  }
  return hits;
}

export function toHit(r: HitRow, match: MatchKind): CustomerHit {
  return {
    id: r.id,
    displayName: displayName(r.first_name, r.last_name),
    phone: r.phone,
    email: r.email,
    loyaltyId: r.loyalty_id,
    lastVisitAt: r.last_visit_at,
    match,
  };
}

/** A card scan is an exact loyalty id; anything else is not a scan. */
export function customerByCard(ctx: ServiceContext, loyaltyId: string): CustomerHit | null {
  const row = customersRepo(ctx.db).loyaltyExact.get(loyaltyKey(loyaltyId));
  if (!row) return null;
  const [hit] = customersRepo(ctx.db).hitsByIds([row.id]);
  return hit ? toHit(hit, 'loyalty') : null;
}

import type { z } from 'zod';
import { customerDraftSchema, type CustomerDraft } from '@common/contract';
import type { CommunicationStyle, Customer, CustomerProfile, DuplicateCandidate, Tier } from '@common/domain';
import { AppError, words } from '@common/errors';
import { translator } from '@common/i18n';
import { displayName, emailKey, loyaltyKey, personNameKeys, phoneDigits } from '@common/normalize';
import { customersRepo, type CustomerRow, type NewCustomerRow } from '../db/customers.repo';
import { NEAR_DUPLICATE_REASON, nearDuplicates } from './near-duplicates';
import type { ServiceContext } from './context';
import { mergedRows, survivorRow } from './customer-aliases';
import { openIssuesFor } from './history';
import { customerByCard, oneEditPatterns, toHit, withMarkers } from './customer-search';

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    displayName: displayName(r.first_name, r.last_name),
    phone: r.phone,
    email: r.email,
    loyaltyId: r.loyalty_id,
    birthday: r.birthday,
    style: r.style as CommunicationStyle,
    language: r.language,
    marketingConsent: r.marketing_consent === 1,
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
    createdAt: r.created_at,
    // A row read without byId's join (SELECT *) has no name for the clerk: the id still says who.
    styleSetBy: r.style_set_by == null ? null : { clerkId: r.style_set_by, name: r.style_set_by_name ?? '' },
    styleSetAt: r.style_set_at ?? null,
  };
}

export function requireCustomer(ctx: ServiceContext, id: number): CustomerRow {
  const row = customersRepo(ctx.db).byId.get(id);
  if (!row) throw new AppError('NOT_FOUND', words('customers.notFound', { id }));
  return row;
}

/**
 * The spend and visits a customer's tier counts: what was bought here, and what a till's export said came before
 * Counterpart (opening_spend_cents over opening_orders), so a regular of the old till is not Bronze on day one.
 */
export function tierBasis(
  r: Pick<CustomerRow, 'lifetime_spend_cents' | 'visit_count' | 'opening_spend_cents' | 'opening_orders'>,
) {
  return { spendCents: r.lifetime_spend_cents + r.opening_spend_cents, visits: r.visit_count + r.opening_orders };
}

export function tierFor(ctx: ServiceContext, lifetimeSpendCents: number, visits: number): Tier {
  if (visits === 0) return 'new';
  if (lifetimeSpendCents >= ctx.config.tierGoldFrom * 100) return 'gold';
  if (lifetimeSpendCents >= ctx.config.tierSilverFrom * 100) return 'silver';
  return 'bronze';
}

export function getProfile(ctx: ServiceContext, asked: number): CustomerProfile {
  requireCustomer(ctx, asked);
  // A record the hub merged into another opens as its survivor, with the figures of both (customer-aliases.ts).
  const id = survivorRow(ctx.db, asked);
  const r = withMergedFigures(ctx, requireCustomer(ctx, id));
  const basis = tierBasis(r);
  return {
    customer: toCustomer(r),
    tier: tierFor(ctx, basis.spendCents, basis.visits),
    visitCount: r.visit_count,
    lastVisitAt: r.last_visit_at,
    lifetimeSpendCents: r.lifetime_spend_cents,
    purchaseCount: r.purchase_count,
    interactionCount: r.interaction_count,
    before:
      r.opening_as_of === null
        ? null
        : { spendCents: r.opening_spend_cents, orders: r.opening_orders, asOf: r.opening_as_of },
    address: { city: r.city, postcode: r.postcode, country: r.country },
    smsConsent: r.sms_consent === 1,
    openIssues: openIssuesFor(ctx, id),
    erased: !hasIdentity(r),
    views: null,
  };
}

/** The derived figures of a survivor and its aliases together: one person's visits and spend, in whichever record. */
function withMergedFigures(ctx: ServiceContext, r: CustomerRow): CustomerRow {
  const rows = mergedRows(ctx.db, r.id);
  if (rows.length === 1) return r;
  const all = rows
    .map((id) => (id === r.id ? r : customersRepo(ctx.db).byId.get(id)))
    .filter((x): x is CustomerRow => x !== undefined);
  const sum = (k: 'visit_count' | 'lifetime_spend_cents' | 'purchase_count' | 'interaction_count') =>
    all.reduce((s, x) => s + x[k], 0);
  const last =
    all
      .map((x) => x.last_visit_at)
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1) ?? null;
  return {
    ...r,
    visit_count: sum('visit_count'),
    lifetime_spend_cents: sum('lifetime_spend_cents'),
    purchase_count: sum('purchase_count'),
    interaction_count: sum('interaction_count'),
    last_visit_at: last,
  };
}

/** Maps validated input to a row with its matching keys; shared by quick-create, the demo store and imports. */
export function customerRow(ctx: ServiceContext, input: CustomerDraft, createdAt: string): NewCustomerRow {
  return customerRowOfValid(ctx, customerDraftSchema.parse(input), createdAt);
}

/** customerRow for a draft that has already been through customerDraftSchema (an import validates each row once). */
export function customerRowOfValid(
  ctx: ServiceContext,
  d: z.output<typeof customerDraftSchema>,
  createdAt: string,
): NewCustomerRow {
  const keys = personNameKeys(d.firstName, d.lastName);
  return {
    first_name: d.firstName,
    last_name: d.lastName,
    name_key: keys.nameKey,
    last_key: keys.lastKey,
    phone: d.phone || null,
    phone_digits: phoneDigits(d.phone, ctx.config.countryCode),
    email: emailKey(d.email),
    // A card of only spaces and dashes is no card ('' would be a card number, and the column is unique).
    loyalty_id: (d.loyaltyId && loyaltyKey(d.loyaltyId)) || null,
    birthday: d.birthday || null,
    style: d.style,
    language: d.language || null,
    marketing_consent: d.marketingConsent ? 1 : 0,
    tags: JSON.stringify(d.tags),
    notes: d.notes,
    created_at: createdAt,
  };
}

/**
 * Whether a row can be found again: by name, phone, email or card. Creation, imports and edits all refuse a
 * customer without one, so only erasure leaves a row like that (the anonymous shell it keeps for the figures).
 */
export const hasIdentity = (r: Pick<NewCustomerRow, 'name_key' | 'phone_digits' | 'email' | 'loyalty_id'>): boolean =>
  Boolean(r.name_key || r.phone_digits || r.email || r.loyalty_id);

export function requireIdentity(r: Pick<NewCustomerRow, 'name_key' | 'phone_digits' | 'email' | 'loyalty_id'>): void {
  if (!hasIdentity(r)) throw new AppError('VALIDATION', words('customers.noIdentity'));
}

/** A card belongs to one customer only (the column is unique): say so before the insert or update fails. */
export function requireFreeCard(ctx: ServiceContext, card: string | null, exceptId: number | null = null): void {
  const holder = card ? customerByCard(ctx, card) : null;
  if (card && holder && holder.id !== exceptId) throw new AppError('CONFLICT', words('customers.cardTaken', { card }));
}

/** Creates a customer; a style chosen at creation is labelled with the clerk who chose it. */
export function createCustomer(ctx: ServiceContext, input: CustomerDraft, clerkId: number | null = null): Customer {
  const now = ctx.now().toISOString();
  const row = customerRow(ctx, input, now);
  requireIdentity(row);
  requireFreeCard(ctx, row.loyalty_id);
  const repo = customersRepo(ctx.db);
  const id = ctx.db.transaction(() => {
    const created = Number(repo.insert.run(row).lastInsertRowid);
    if (row.style !== 'unknown' && clerkId !== null) repo.setStyleLabel.run(clerkId, now, created);
    return created;
  })();
  return toCustomer(requireCustomer(ctx, id));
}

/** Why an existing customer may be the one being created: a key of the catalogues' duplicates.reason. */
type DuplicateReason = 'card' | 'phone' | 'email' | typeof NEAR_DUPLICATE_REASON | 'name' | 'similarName';

/** Existing customers the clerk is probably about to create again: same phone, email or card, or a similar name. */
export function findDuplicates(ctx: ServiceContext, input: CustomerDraft): DuplicateCandidate[] {
  const row = customerRow(ctx, input, '');
  const repo = customersRepo(ctx.db);
  const reasons = new Map<number, DuplicateReason[]>();
  const note = (ids: { id: number }[], why: DuplicateReason) => {
    for (const { id } of ids) reasons.set(id, [...(reasons.get(id) ?? []), why]);
  };
  if (row.loyalty_id) note(repo.loyaltyExact.all(row.loyalty_id), 'card');
  if (row.phone_digits) note(repo.phoneExact.all(row.phone_digits, 10), 'phone');
  if (row.email) note(repo.emailExact.all(row.email, 10), 'email');
  if (row.phone_digits && row.name_key)
    note(
      nearDuplicates(ctx.db, row.phone_digits, row.name_key).map((id) => ({ id })),
      NEAR_DUPLICATE_REASON,
    );
  if (row.name_key) {
    note(repo.namePrefix.all(row.name_key, `${row.name_key} `, 10), 'name');
    if ([...row.name_key].length >= 4) {
      const similar = new Set<number>();
      for (const p of oneEditPatterns(row.name_key)) {
        for (const { id } of repo.nameLike.all(p, 10)) similar.add(id);
        if (similar.size >= 10) break;
      }
      note(
        [...similar].filter((id) => !reasons.get(id)?.includes('name')).map((id) => ({ id })),
        'similarName',
      );
    }
  }
  const hits = new Map(repo.hitsByIds([...reasons.keys()]).map((h) => [h.id, h]));
  // The reasons are read by the clerk next to the warning: in the store's language.
  const t = translator(ctx.config.locale);
  const found = [...reasons.entries()]
    .filter(([id]) => hits.has(id))
    .map(([id, why]) => ({
      customer: toHit(ctx, hits.get(id)!, why[0] === 'name' ? 'name' : 'fuzzy'),
      reasons: why.map((w) => t(`duplicates.reason.${w}`)),
    }))
    .sort((a, b) => b.reasons.length - a.reasons.length)
    .slice(0, 10);
  withMarkers(
    ctx,
    found.map((f) => f.customer),
  );
  return found;
}

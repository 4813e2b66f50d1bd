// `counterpart search|show|suggest`: what the counter screen shows, from a terminal.
import type { CustomerProfile, TimelineEntry, TimelinePage } from '@common/domain';
import type { ServiceContext } from '../services/context';
import { searchCustomers } from '../services/customer-search';
import { requireCustomer } from '../services/customers';
import { openProfile } from '../services/profile-views';
import { timeline } from '../services/history';
import { suggestFor } from '../services/suggestions/index';
import { command } from './command';
import { actingClerk, customerIdArg, localDate, money, positiveInt, table, UsageError } from './common';

export const search = command({
  name: 'search',
  summary: 'look a customer up by name, phone, email or card',
  usage: 'QUERY [--limit N]',
  options: { limit: { type: 'string' } },
  run({ values, positionals, store }) {
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('Say what to look for: a name, phone, email or loyalty card.');
    if (query.length > 200) throw new UsageError('The query is too long (200 characters at most).');
    const limit = positiveInt(values.limit, '--limit', 100) ?? 20;
    const { ctx } = store();
    const hits = searchCustomers(ctx, query, limit);
    const text =
      hits.length === 0
        ? `No customer matches "${query}".`
        : table(
            ['ID', 'Name', 'Phone', 'Email', 'Loyalty card', 'Last visit', 'Match'],
            hits.map((h) => [
              h.id,
              h.displayName,
              h.phone,
              h.email,
              h.loyaltyId,
              localDate(ctx, h.lastVisitAt),
              h.match,
            ]),
          );
    return { value: hits, text };
  },
});

export const show = command({
  name: 'show',
  summary: 'a customer profile and the newest history',
  usage: 'CUSTOMER_ID [--limit N]',
  options: { limit: { type: 'string' } },
  run({ values, positionals, store }) {
    const id = customerIdArg(positionals, 'show');
    const limit = positiveInt(values.limit, '--limit', 500) ?? 20;
    const { ctx } = store();
    const profile = openProfile(ctx, null, id); // recorded as opened from the command line
    const page = timeline(ctx, id, null, limit);
    return { value: { profile, timeline: page }, text: profileText(ctx, profile, page) };
  },
});

function profileText(ctx: ServiceContext, profile: CustomerProfile, page: TimelinePage): string {
  const c = profile.customer;
  const out: string[] = [];
  out.push(`${c.displayName}  (customer ${c.id}, ${profile.tier}, style ${c.style})`);
  const facts: [string, string | null][] = [
    ['Phone', c.phone],
    ['Email', c.email],
    ['Loyalty card', c.loyaltyId],
    ['Birthday', c.birthday],
    ['Language', c.language],
    ['Marketing', `email ${c.marketingConsent ? 'yes' : 'no'}, SMS ${profile.smsConsent ? 'yes' : 'no'}`],
    [
      'Town',
      [profile.address.city, profile.address.postcode, profile.address.country].filter(Boolean).join(', ') || null,
    ],
    ['Tags', c.tags.join(', ') || null],
    ['Notes', c.notes || null],
    ['Visits', `${profile.visitCount}, last ${localDate(ctx, profile.lastVisitAt) || 'never'}`],
    ['Spend', `${money(ctx, profile.lifetimeSpendCents)} over ${profile.purchaseCount} purchase(s)`],
    [
      'Before',
      profile.before &&
        `${money(ctx, profile.before.spendCents)} over ${profile.before.orders} order(s) before Counterpart`,
    ],
  ];
  for (const [k, v] of facts) if (v) out.push(`  ${k.padEnd(13)}${v}`);
  if (profile.openIssues.length) {
    out.push('', `Open (${profile.openIssues.length}):`);
    for (const i of profile.openIssues) {
      const due = i.dueDate ? `, due ${i.dueDate}${i.overdue ? ' (overdue)' : ''}` : '';
      out.push(`  #${i.interactionId} ${i.kind} ${i.outcome} since ${localDate(ctx, i.openedAt)}${due}: ${i.notes}`);
    }
  }
  out.push(
    '',
    page.entries.length
      ? `History (newest first${page.nextCursor ? `, first ${page.entries.length}` : ''}):`
      : 'No history yet.',
  );
  if (page.entries.length)
    out.push(
      table(
        ['Date', 'What', 'Detail'],
        page.entries.map((e) => [localDate(ctx, e.at), ...entryText(ctx, e)]),
        90,
      ).trimEnd(),
    );
  return out.join('\n');
}

function entryText(ctx: ServiceContext, e: TimelineEntry): [string, string] {
  if (e.type === 'purchase') {
    const items = e.items.map(
      (i) =>
        `${i.quantity > 1 ? `${i.quantity} x ` : ''}${i.description}${i.returnStatus === 'returned' ? ' (returned)' : ''}`,
    );
    return [`purchase ${money(ctx, e.totalCents)}`, `${e.receiptNo}: ${items.join('; ')}`];
  }
  const i = e.interaction;
  const mood = i.sentiment ? ` [${i.sentiment}/5]` : '';
  const flags = [
    e.open ? 'OPEN' : '',
    e.amendmentCount ? 'amended' : '',
    i.resolves.length ? `resolves ${i.resolves.map((r) => `#${r}`).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [`#${e.id} ${i.kind} ${i.outcome}`, `${i.clerkName}${mood}${flags ? ` (${flags})` : ''}: ${i.notes || '-'}`];
}

export const suggest = command({
  name: 'suggest',
  summary: 'what to say next, and why',
  usage: 'CUSTOMER_ID|--walk-in [--clerk ID]',
  options: { 'walk-in': { type: 'boolean' }, clerk: { type: 'string' } },
  run({ values, positionals, store }) {
    if (values['walk-in'] && positionals.length) throw new UsageError('Give a customer id or --walk-in, not both.');
    const customerId = values['walk-in'] ? null : customerIdArg(positionals, 'suggest');
    const { ctx } = store();
    if (customerId !== null) requireCustomer(ctx, customerId);
    const clerk = actingClerk(ctx, values.clerk);
    const suggestions = suggestFor(ctx, { customerId, clerkId: clerk.id });
    const out: string[] = [];
    suggestions.forEach((s, n) => {
      out.push(`${n + 1}. ${s.title}${s.issueId ? ` (about #${s.issueId})` : ''}`, `   "${s.text}"`);
      for (const r of s.reasons) out.push(`   - ${r.fact}`);
    });
    return {
      value: suggestions,
      text: suggestions.length === 0 ? 'No suggestions for this customer right now.' : out.join('\n'),
    };
  },
});

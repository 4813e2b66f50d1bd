// `counterpart search|show|suggest`: what the counter screen shows, from a terminal.
import type { TimelineEntry } from '../../common/domain';
import { searchCustomers } from '../services/customer-search';
import { requireCustomer } from '../services/customers';
import { openProfile } from '../services/profile-views';
import { timeline } from '../services/history';
import { suggestFor } from '../services/suggestions/index';
import { actingClerk, COMMON_OPTIONS, customerIdArg, EXIT, json, localDate, money, openStore, parse, positiveInt, table, UsageError, type Io } from './common';

export const SEARCH_USAGE = 'counterpart search QUERY [--limit N] [--db FILE] [--json]';
export const SHOW_USAGE = 'counterpart show CUSTOMER_ID [--limit N] [--db FILE] [--json]';
export const SUGGEST_USAGE = 'counterpart suggest CUSTOMER_ID|--walk-in [--clerk ID] [--db FILE] [--json]';

export function runSearch(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, limit: { type: 'string' } });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('Say what to look for: a name, phone, email or loyalty card.');
  if (query.length > 200) throw new UsageError('The query is too long (200 characters at most).');
  const limit = positiveInt(values.limit, '--limit', 100) ?? 20;
  const store = openStore(values.db, io, { mustExist: true });
  try {
    const hits = searchCustomers(store.ctx, query, limit);
    if (values.json) json(io, hits);
    else if (hits.length === 0) io.stdout.write(`No customer matches "${query}".\n`);
    else {
      io.stdout.write(
        table(
          ['ID', 'Name', 'Phone', 'Email', 'Loyalty card', 'Last visit', 'Match'],
          hits.map((h) => [h.id, h.displayName, h.phone, h.email, h.loyaltyId, localDate(store.ctx, h.lastVisitAt), h.match]),
        ),
      );
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export function runShow(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, limit: { type: 'string' } });
  const id = customerIdArg(positionals, 'show');
  const limit = positiveInt(values.limit, '--limit', 500) ?? 20;
  const store = openStore(values.db, io, { mustExist: true });
  try {
    const { ctx } = store;
    const profile = openProfile(ctx, null, id); // recorded as opened from the command line
    const page = timeline(ctx, id, null, limit);
    if (values.json) {
      json(io, { profile, timeline: page });
      return EXIT.ok;
    }
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
      ['Town', [profile.address.city, profile.address.postcode, profile.address.country].filter(Boolean).join(', ') || null],
      ['Tags', c.tags.join(', ') || null],
      ['Notes', c.notes || null],
      ['Visits', `${profile.visitCount}, last ${localDate(ctx, profile.lastVisitAt) || 'never'}`],
      ['Spend', `${money(profile.lifetimeSpendCents)} over ${profile.purchaseCount} purchase(s)`],
      ['Before', profile.before && `${money(profile.before.spendCents)} over ${profile.before.orders} order(s) before Counterpart`],
    ];
    for (const [k, v] of facts) if (v) out.push(`  ${k.padEnd(13)}${v}`);
    if (profile.openIssues.length) {
      out.push('', `Open (${profile.openIssues.length}):`);
      for (const i of profile.openIssues) {
        const due = i.dueDate ? `, due ${i.dueDate}${i.overdue ? ' (overdue)' : ''}` : '';
        out.push(`  #${i.interactionId} ${i.kind} ${i.outcome} since ${localDate(ctx, i.openedAt)}${due}: ${i.notes}`);
      }
    }
    out.push('', page.entries.length ? `History (newest first${page.nextCursor ? `, first ${page.entries.length}` : ''}):` : 'No history yet.');
    if (page.entries.length) out.push(table(['Date', 'What', 'Detail'], page.entries.map((e) => [localDate(ctx, e.at), ...entryText(e)]), 90).trimEnd());
    io.stdout.write(`${out.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

function entryText(e: TimelineEntry): [string, string] {
  if (e.type === 'purchase') {
    const items = e.items.map((i) => `${i.quantity > 1 ? `${i.quantity} x ` : ''}${i.description}${i.returnStatus === 'returned' ? ' (returned)' : ''}`);
    return [`purchase ${money(e.totalCents)}`, `${e.receiptNo}: ${items.join('; ')}`];
  }
  const i = e.interaction;
  const mood = i.sentiment ? ` [${i.sentiment}/5]` : '';
  const flags = [e.open ? 'OPEN' : '', e.amendmentCount ? 'amended' : '', i.resolves.length ? `resolves ${i.resolves.map((r) => `#${r}`).join(', ')}` : ''].filter(Boolean).join(', ');
  return [`#${e.id} ${i.kind} ${i.outcome}`, `${i.clerkName}${mood}${flags ? ` (${flags})` : ''}: ${i.notes || '-'}`];
}

export function runSuggest(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, 'walk-in': { type: 'boolean' }, clerk: { type: 'string' } });
  if (values['walk-in'] && positionals.length) throw new UsageError('Give a customer id or --walk-in, not both.');
  const customerId = values['walk-in'] ? null : customerIdArg(positionals, 'suggest');
  const store = openStore(values.db, io, { mustExist: true });
  try {
    const { ctx } = store;
    if (customerId !== null) requireCustomer(ctx, customerId);
    const clerk = actingClerk(ctx, values.clerk);
    const suggestions = suggestFor(ctx, { customerId, clerkId: clerk.id });
    if (values.json) json(io, suggestions);
    else if (suggestions.length === 0) io.stdout.write('No suggestions for this customer right now.\n');
    else {
      const out: string[] = [];
      suggestions.forEach((s, n) => {
        out.push(`${n + 1}. ${s.title}${s.issueId ? ` (about #${s.issueId})` : ''}`, `   "${s.text}"`);
        for (const r of s.reasons) out.push(`   - ${r.fact}`);
      });
      io.stdout.write(`${out.join('\n')}\n`);
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

// `counterpart log`: records an interaction exactly as the counter's log form does (same validation, same durability).
import { INTERACTION_KINDS, INTERACTION_OUTCOMES } from '../../common/domain';
import { requireCustomer } from '../services/customers';
import { logInteraction } from '../services/interactions';
import { displayName } from '../../common/normalize';
import { actingClerk, COMMON_OPTIONS, customerIdArg, dayArg, EXIT, json, openStore, parse, positiveInt, UsageError, type Io } from './common';

export const LOG_USAGE =
  'counterpart log CUSTOMER_ID|--walk-in --kind KIND --outcome OUTCOME [--sentiment 1-5] [--notes TEXT] ' +
  '[--follow-up YYYY-MM-DD] [--resolves ISSUE_ID[,ISSUE_ID...]] [--said TEXT] [--clerk ID] [--db FILE] [--json]';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value === undefined) throw new UsageError(`${flag} is required: one of ${allowed.join(', ')}.`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

export function runLog(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {
    ...COMMON_OPTIONS,
    'walk-in': { type: 'boolean' },
    kind: { type: 'string' },
    outcome: { type: 'string' },
    sentiment: { type: 'string' },
    notes: { type: 'string' },
    'follow-up': { type: 'string' },
    resolves: { type: 'string' },
    said: { type: 'string' },
    clerk: { type: 'string' },
  });
  if (values['walk-in'] && positionals.length) throw new UsageError('Give a customer id or --walk-in, not both.');
  const customerId = values['walk-in'] ? null : customerIdArg(positionals, 'log');
  const kind = oneOf(values.kind, INTERACTION_KINDS, '--kind');
  const outcome = oneOf(values.outcome, INTERACTION_OUTCOMES, '--outcome');
  const sentiment = positiveInt(values.sentiment, '--sentiment', 5) ?? null;
  const followUp = dayArg(values['follow-up'], '--follow-up');
  if (outcome === 'follow_up' && !followUp) throw new UsageError('A follow-up needs a due date: add --follow-up YYYY-MM-DD.');
  // Open issues the entry settles: "--resolves 812" or "--resolves 812,815".
  const resolves = values.resolves === undefined ? [] : values.resolves.split(',').map((id) => positiveInt(id.trim(), '--resolves')!);

  const store = openStore(values.db, io, { mustExist: true });
  try {
    const { ctx } = store;
    const customer = customerId === null ? null : requireCustomer(ctx, customerId);
    const clerk = actingClerk(ctx, values.clerk);
    const logged = logInteraction(ctx, clerk.id, {
      customerId,
      kind,
      outcome,
      sentiment,
      notes: values.notes ?? '',
      followUpDue: followUp ?? null,
      resolves,
      said: values.said ?? '',
    });
    if (values.json) json(io, logged);
    else {
      const who = customer ? displayName(customer.first_name, customer.last_name) : 'a walk-in';
      io.stdout.write(`Logged #${logged.id} for ${who}: ${kind}, ${outcome.replace('_', '-')}${followUp ? ` (due ${followUp})` : ''}, by ${clerk.displayName}.\n`);
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

// `counterpart log`: records an interaction exactly as the counter's log form does (same validation, same durability).
import { INTERACTION_KINDS, INTERACTION_OUTCOMES } from '@common/domain';
import { requireCustomer } from '../services/customers';
import { logInteraction } from '../services/interactions';
import { displayName } from '@common/normalize';
import { command } from './command';
import { actingClerk, customerIdArg, dayArg, positiveInt, UsageError } from './common';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value === undefined) throw new UsageError(`${flag} is required: one of ${allowed.join(', ')}.`);
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

export const log = command({
  name: 'log',
  summary: 'record an interaction at the counter',
  usage:
    'CUSTOMER_ID|--walk-in --kind KIND --outcome OUTCOME [--sentiment 1-5] [--notes TEXT] ' +
    '[--follow-up YYYY-MM-DD] [--resolves ISSUE_ID[,ISSUE_ID...]] [--said TEXT] [--clerk ID]',
  help: `KIND is one of ${INTERACTION_KINDS.join(', ')}; OUTCOME one of ${INTERACTION_OUTCOMES.join(', ')}.`,
  options: {
    'walk-in': { type: 'boolean' },
    kind: { type: 'string' },
    outcome: { type: 'string' },
    sentiment: { type: 'string' },
    notes: { type: 'string' },
    'follow-up': { type: 'string' },
    resolves: { type: 'string' },
    said: { type: 'string' },
    clerk: { type: 'string' },
  },
  run({ values, positionals, store }) {
    if (values['walk-in'] && positionals.length) throw new UsageError('Give a customer id or --walk-in, not both.');
    const customerId = values['walk-in'] ? null : customerIdArg(positionals, 'log');
    const kind = oneOf(values.kind, INTERACTION_KINDS, '--kind');
    const outcome = oneOf(values.outcome, INTERACTION_OUTCOMES, '--outcome');
    const sentiment = positiveInt(values.sentiment, '--sentiment', 5) ?? null;
    const followUp = dayArg(values['follow-up'], '--follow-up');
    if (outcome === 'follow_up' && !followUp)
      throw new UsageError('A follow-up needs a due date: add --follow-up YYYY-MM-DD.');
    // Open issues the entry settles: "--resolves 812" or "--resolves 812,815".
    const resolves =
      values.resolves === undefined
        ? []
        : values.resolves.split(',').map((id) => positiveInt(id.trim(), '--resolves')!);

    const { ctx } = store();
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
    const who = customer ? displayName(customer.first_name, customer.last_name) : 'a walk-in';
    return {
      value: logged,
      text: `Logged #${logged.id} for ${who}: ${kind}, ${outcome.replace('_', '-')}${followUp ? ` (due ${followUp})` : ''}, by ${clerk.displayName}.`,
    };
  },
});

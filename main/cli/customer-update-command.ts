// `counterpart customer update ID [--phone …] …`: the profile edit of the counter from a terminal, with the same
// checks (each value by the contract's schema, no phone, email or card another customer has) and the same per-field
// change rows and audit entry, made as --clerk or the first admin or manager.
import { customerChangesSchema } from '@common/contract';
import { COMMUNICATION_STYLES } from '@common/domain';
import { updateCustomer } from '../services/customer-edits';
import { command } from './command';
import { actingClerk, customerIdArg, UsageError } from './common';

/** Command-line flag → the contract's field; values stay text until the contract's schema checks them. */
const FLAGS = {
  'first-name': 'firstName',
  'last-name': 'lastName',
  phone: 'phone',
  email: 'email',
  birthday: 'birthday',
  style: 'style',
  consent: 'marketingConsent',
  tags: 'tags',
  notes: 'notes',
} as const;
type Flag = keyof typeof FLAGS;

function consent(value: string): boolean {
  if (value === 'yes' || value === 'no') return value === 'yes';
  throw new UsageError(`--consent must be yes or no, not "${value}".`);
}

const tagList = (value: string) =>
  value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** The edit as the contract's schema reads it; a bad value is a usage error naming its flag (exit 2). */
function changesOf(values: Partial<Record<Flag, string>>) {
  const given: Record<string, unknown> = {};
  for (const flag of Object.keys(FLAGS) as Flag[]) {
    const v = values[flag];
    if (v === undefined) continue;
    given[FLAGS[flag]] = flag === 'consent' ? consent(v) : flag === 'tags' ? tagList(v) : v;
  }
  if (Object.keys(given).length === 0)
    throw new UsageError('Say what to change, e.g. --phone "087 123 4567" or --style green.');
  const parsed = customerChangesSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = (Object.keys(FLAGS) as Flag[]).find((f) => FLAGS[f] === issue.path[0]);
  throw new UsageError(`--${flag ?? String(issue.path[0])}: ${issue.message}`);
}

const text = { type: 'string' } as const;

export const customerUpdate = command({
  name: 'customer update',
  summary: 'edit a customer as the counter does, with the same checks',
  usage:
    'ID [--first-name TEXT] [--last-name TEXT] [--phone TEXT] [--email TEXT] ' +
    `[--birthday YYYY-MM-DD] [--style ${COMMUNICATION_STYLES.join('|')}] [--consent yes|no] [--tags a,b] [--notes TEXT] [--clerk ID]`,
  help: 'An empty value clears a field: --phone "".',
  options: {
    'first-name': text,
    'last-name': text,
    phone: text,
    email: text,
    birthday: text,
    style: text,
    consent: text,
    tags: text,
    notes: text,
    clerk: text,
  },
  run({ values, positionals, store }) {
    const id = customerIdArg(positionals, 'customer update');
    const changes = changesOf(values);
    const { ctx } = store();
    const clerk = actingClerk(ctx, values.clerk);
    const { customer, changed } = updateCustomer(ctx, clerk.id, id, changes);
    return {
      value: { customerId: id, changed, customer },
      text:
        changed.length === 0
          ? `Customer ${id} (${customer.displayName}) already holds these values; nothing changed.`
          : `Updated customer ${id} (${customer.displayName}): ${changed.join(', ')}, by ${clerk.displayName}.`,
    };
  },
});

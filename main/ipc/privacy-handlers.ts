import { AppError } from '../../common/errors';
import { requireClerk } from '../services/clerks';
import { requireCustomer, toCustomer } from '../services/customers';
import { eraseCustomer, exportCustomerData } from '../services/privacy';
import type { PartialHandlers } from './handlers';
import type { Session } from './session';
import type { ServiceContext } from '../services/context';

const signedIn = (ctx: ServiceContext, s: Session) => {
  if (s.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
  return requireClerk(ctx, s.clerkId);
};

/** Names compared as a person would read them: spacing and Unicode composition do not matter, letters and case do. */
const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ') === b.normalize('NFC').trim().replace(/\s+/g, ' ');

export const privacyHandlers: PartialHandlers = {
  'customers.exportData': (ctx, s, i) =>
    JSON.stringify(exportCustomerData(ctx, signedIn(ctx, s).id, i.customerId), null, 2),
  'customers.erase': (ctx, s, i) => {
    const clerk = signedIn(ctx, s);
    // Erasure cannot be undone, so the typed name must match the record being erased, not just any customer.
    const shown = toCustomer(requireCustomer(ctx, i.customerId)).displayName;
    if (!sameName(i.confirmName, shown)) {
      throw new AppError('VALIDATION', `To confirm, type the customer's name exactly as shown: ${shown}.`);
    }
    const { customerId: _id, otherTables: _tables, ...summary } = eraseCustomer(ctx, clerk.id, i.customerId, i.reason);
    return summary;
  },
};

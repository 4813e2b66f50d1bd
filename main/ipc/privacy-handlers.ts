import { AppError, words } from '@common/errors';
import { requireCustomer, toCustomer } from '../services/customers';
import { eraseCustomer, exportCustomerData } from '../services/privacy';
import type { PartialHandlers } from './handlers';

/** Names compared as a person would read them: spacing and Unicode composition do not matter, letters and case do. */
const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().replace(/\s+/g, ' ') === b.normalize('NFC').trim().replace(/\s+/g, ' ');

export const privacyHandlers: PartialHandlers = {
  'customers.exportData': (ctx, { clerk }, i) =>
    JSON.stringify(exportCustomerData(ctx, clerk.id, i.customerId), null, 2),
  'customers.erase': (ctx, { clerk }, i) => {
    // Erasure cannot be undone, so the typed name must match the record being erased, not just any customer.
    const shown = toCustomer(requireCustomer(ctx, i.customerId)).displayName;
    if (!sameName(i.confirmName, shown)) {
      throw new AppError('VALIDATION', words('privacy.confirmName', { name: shown }));
    }
    const { customerId: _id, otherTables: _tables, ...summary } = eraseCustomer(ctx, clerk.id, i.customerId, i.reason);
    return summary;
  },
};

// `counterpart customer export <id> --out FILE` and `counterpart customer erase <id> --reason "…"`: a customer's
// data requests handled from a terminal. Both are audited like the same actions in the app.
import fs from 'node:fs';
import { eraseCustomer, exportCustomerData } from '../services/privacy';
import { COMMON_OPTIONS, customerIdArg, EXIT, json, openStore, parse, UsageError, type Io } from './common';

export const CUSTOMER_USAGE = 'counterpart customer export ID --out FILE.json | erase ID --reason "why" [--db FILE] [--json]';

export function runCustomer(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, out: { type: 'string' }, reason: { type: 'string' } });
  const [action, ...rest] = positionals;
  if (action !== 'export' && action !== 'erase') {
    throw new UsageError(action ? `Unknown customer command "${action}": use export or erase.` : 'Say what to do: export or erase.');
  }
  const id = customerIdArg(rest, `customer ${action}`);
  if (action === 'export') {
    if (!values.out) throw new UsageError('Give the file to write with --out FILE.json.');
    if (fs.existsSync(values.out)) throw new UsageError(`${values.out} already exists; choose a new file name.`);
    if (values.reason !== undefined) throw new UsageError('--reason belongs to erase.');
  } else {
    if (!values.reason?.trim()) throw new UsageError('Say why the customer is erased with --reason "…".');
    if (values.out !== undefined) throw new UsageError('--out belongs to export.');
  }

  const store = openStore(values.db, io, { mustExist: true });
  try {
    if (action === 'export') {
      const data = exportCustomerData(store.ctx, null, id);
      // Personal data: readable by the exporting user only, and never written over an existing file.
      fs.writeFileSync(values.out!, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      const counts = { purchases: data.purchases.length, interactions: data.interactions.length };
      if (values.json) json(io, { customerId: id, file: values.out, ...counts });
      else io.stdout.write(`Exported customer ${id} to ${values.out} (${counts.purchases} purchases, ${counts.interactions} interaction entries).\n`);
      return EXIT.ok;
    }
    const r = eraseCustomer(store.ctx, null, id, values.reason!);
    if (values.json) json(io, r);
    else {
      io.stdout.write(
        `Erased customer ${id}: ${r.interactionsRedacted} interaction entries anonymised, ${r.openIssuesClosed} open issues closed, ` +
          `${r.purchasesKept} purchases kept without personal data.\n` +
          (r.otherTables.length ? `  Still holding rows for this customer (not changed): ${r.otherTables.join(', ')}\n` : '') +
          '  Remember the till: delete the customer there too, or the next import brings them back.\n',
      );
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

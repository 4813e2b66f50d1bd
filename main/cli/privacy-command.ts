// `counterpart customer export <id> --out FILE` and `counterpart customer erase <id> --reason "…"`: a customer's
// data requests handled from a terminal. Both are audited like the same actions in the app.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { eraseCustomer, exportCustomerData } from '../services/privacy';
import { UsageError, type Store } from './common';
import { EXIT, failureLine, openCliStore, type CliIo } from './import-command';

const USAGE = [
  'Usage: counterpart customer export ID --out FILE.json [--db FILE]',
  '       counterpart customer erase ID --reason "why" [--db FILE] [--json]',
].join('\n');

export async function runCustomer(argv: string[], io: CliIo): Promise<number> {
  const args = argv[0] === 'customer' ? argv.slice(1) : argv;
  let values: { out?: string; reason?: string; db?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        reason: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const usage = (msg: string) => {
    io.stderr.write(`${msg}\n${USAGE}\n`);
    return EXIT.usage;
  };
  const [action, idText, ...extra] = positionals;
  if (action !== 'export' && action !== 'erase') return usage(action ? `Unknown customer command "${action}": use export or erase.` : 'Say what to do: export or erase.');
  if (!idText || !/^[1-9]\d*$/.test(idText)) return usage(idText ? `"${idText}" is not a customer id (a positive whole number).` : 'Give the customer id.');
  if (extra.length) return usage(`Unexpected argument "${extra[0]}".`);
  const id = Number(idText);
  if (action === 'export') {
    if (!values.out) return usage('Give the file to write with --out FILE.json.');
    if (fs.existsSync(values.out)) return usage(`${values.out} already exists; choose a new file name.`);
    if (values.reason !== undefined) return usage('--reason belongs to erase.');
  } else {
    if (!values.reason?.trim()) return usage('Say why the customer is erased with --reason "…".');
    if (values.out !== undefined) return usage('--out belongs to export.');
  }

  let store: Store;
  try {
    store = openCliStore(values.db, io);
  } catch (err) {
    io.stderr.write(`${failureLine(err)}\n`);
    return err instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  try {
    if (action === 'export') {
      const data = exportCustomerData(store.ctx, null, id);
      // Personal data: readable by the exporting user only, and never written over an existing file.
      fs.writeFileSync(values.out!, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ customerId: id, file: values.out, purchases: data.purchases.length, interactions: data.interactions.length })}\n`
          : `Exported customer ${id} to ${values.out} (${data.purchases.length} purchases, ${data.interactions.length} interaction entries).\n`,
      );
    } else {
      const r = eraseCustomer(store.ctx, null, id, values.reason!);
      io.stdout.write(
        values.json
          ? `${JSON.stringify(r)}\n`
          : `Erased customer ${id}: ${r.interactionsRedacted} interaction entries anonymised, ${r.openIssuesClosed} open issues closed, ` +
              `${r.purchasesKept} purchases kept without personal data.\n` +
              (r.otherTables.length ? `  Still holding rows for this customer (not changed): ${r.otherTables.join(', ')}\n` : '') +
              '  Remember the till: delete the customer there too, or the next import brings them back.\n',
      );
    }
    return EXIT.ok;
  } catch (err) {
    io.stderr.write(`${failureLine(err)}\n`);
    return EXIT.failed;
  } finally {
    store.close();
  }
}

// `counterpart customer export <id> --out FILE` and `counterpart customer erase <id> --reason "…"`: a customer's
// data requests handled from a terminal. Both are audited like the same actions in the app. An erasure from here
// compacts the store file at once (the app leaves that to its close) and lists the backups and copies of the store
// that still hold the customer, with when each is deleted.
import fs from 'node:fs';
import path from 'node:path';
import type { ErasureHolder } from '../../common/domain';
import { eraseCustomer, exportCustomerData, type EraseResult } from '../services/privacy';
import { compactIfPending, scrubState } from '../services/store-scrub';
import { storagePolicy } from '../services/store-settings';
import { COMMON_OPTIONS, customerIdArg, EXIT, json, openStore, parse, UsageError, type Io, type Store } from './common';

export const CUSTOMER_USAGE =
  'counterpart customer export ID --out FILE.json | erase ID --reason "why" [--backups DIR] [--db FILE] [--json]';

const KIND: Record<ErasureHolder['kind'], string> = {
  backup: 'backup',
  'before-restore': 'copy before a restore',
  unusable: 'copy of a store that would not open',
  'pre-migration': 'copy before an upgrade',
};

/** The backup folder to check: --backups, else the managed config's, else the app's default beside the store. */
function backupFolder(flag: string | undefined, store: Store): string | null {
  if (flag) return path.resolve(flag);
  const managed = storagePolicy(store.ctx).backupDirectory;
  if (managed) return managed;
  const beside = path.join(path.dirname(store.file), 'backups');
  return fs.existsSync(beside) ? beside : null;
}

function eraseReport(r: EraseResult, folder: string | null, compactedMs: number | null): string {
  const lines = [
    `Erased customer ${r.customerId}: ${r.interactionsRedacted} interaction entries anonymised, ${r.openIssuesClosed} open issues closed, ` +
      `${r.purchasesKept} purchases kept without personal data.`,
  ];
  if (r.otherTables.length) lines.push(`  Still holding rows for this customer (not changed): ${r.otherTables.join(', ')}`);
  if (compactedMs !== null) lines.push(`  The store file was compacted, so no trace remains in it (${(compactedMs / 1000).toFixed(1)} s).`);
  if (r.storeFile.walPending) lines.push('  Another program is reading the store: its write-ahead log still holds the old pages until the app empties it (within 15 minutes of that reader finishing).');
  if (!folder) lines.push('  Backups were not checked: pass --backups DIR (or set backupDirectory in the config file).');
  if (r.stillHeldBy.length) {
    lines.push('  Still held, until deleted:');
    for (const h of r.stillHeldBy) lines.push(`    ${h.name} (${KIND[h.kind]} of ${h.createdAt}): deleted by ${h.deletedBy}`);
  } else if (folder) lines.push(`  No backup in ${folder} and no copy beside the store holds this customer.`);
  lines.push('  Remember the till: delete the customer there too, or the next import brings them back.');
  return `${lines.join('\n')}\n`;
}

export function runCustomer(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, out: { type: 'string' }, reason: { type: 'string' }, backups: { type: 'string' } });
  const [action, ...rest] = positionals;
  if (action !== 'export' && action !== 'erase') {
    throw new UsageError(action ? `Unknown customer command "${action}": use export or erase.` : 'Say what to do: export or erase.');
  }
  const id = customerIdArg(rest, `customer ${action}`);
  if (action === 'export') {
    if (!values.out) throw new UsageError('Give the file to write with --out FILE.json.');
    if (fs.existsSync(values.out)) throw new UsageError(`${values.out} already exists; choose a new file name.`);
    if (values.reason !== undefined) throw new UsageError('--reason belongs to erase.');
    if (values.backups !== undefined) throw new UsageError('--backups belongs to erase.');
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
    const folder = backupFolder(values.backups, store);
    const erased = eraseCustomer(store.ctx, null, id, values.reason!, { backupDirectory: folder });
    const compactedMs = compactIfPending(store.ctx.db);
    const r: EraseResult = { ...erased, storeFile: scrubState(store.ctx.db) };
    if (values.json) json(io, { ...r, backupsChecked: folder, compactedMs });
    else io.stdout.write(eraseReport(r, folder, compactedMs));
    return EXIT.ok;
  } finally {
    store.close();
  }
}

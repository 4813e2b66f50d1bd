// `counterpart customer export <id> --out FILE` and `counterpart customer erase <id> --reason "…"`: a customer's
// data requests handled from a terminal. Both are audited like the same actions in the app. An erasure from here
// compacts the store file at once (the app leaves that to its close) and lists the backups and copies of the store
// that still hold the customer, with when each is deleted.
import fs from 'node:fs';
import path from 'node:path';
import type { ErasureHolder } from '@common/domain';
import { eraseCustomer, exportCustomerData, type EraseResult } from '../services/privacy';
import { compactIfPending, scrubState } from '../services/store-scrub';
import { storagePolicy } from '../services/store-settings';
import { command } from './command';
import { customerIdArg, UsageError, type Store } from './common';

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
  if (r.otherTables.length)
    lines.push(`  Still holding rows for this customer (not changed): ${r.otherTables.join(', ')}`);
  if (compactedMs !== null)
    lines.push(`  The store file was compacted, so no trace remains in it (${(compactedMs / 1000).toFixed(1)} s).`);
  if (r.storeFile.walPending)
    lines.push(
      '  Another program is reading the store: its write-ahead log still holds the old pages until the app empties it (within 15 minutes of that reader finishing).',
    );
  if (!folder)
    lines.push('  Backups were not checked: pass --backups DIR (or set backupDirectory in the config file).');
  if (r.stillHeldBy.length) {
    lines.push('  Still held, until deleted:');
    for (const h of r.stillHeldBy)
      lines.push(`    ${h.name} (${KIND[h.kind]} of ${h.createdAt}): deleted by ${h.deletedBy}`);
  } else if (folder) lines.push(`  No backup in ${folder} and no copy beside the store holds this customer.`);
  lines.push('  Remember the till: delete the customer there too, or the next import brings them back.');
  return `${lines.join('\n')}\n`;
}

export const customerExport = command({
  name: 'customer export',
  summary: "a customer's data request: everything held about them, into a new JSON file",
  usage: 'ID --out FILE.json',
  options: { out: { type: 'string' } },
  run({ values, positionals, store }) {
    const id = customerIdArg(positionals, 'customer export');
    const out = values.out;
    if (!out) throw new UsageError('Give the file to write with --out FILE.json.');
    if (fs.existsSync(out)) throw new UsageError(`${out} already exists; choose a new file name.`);
    const data = exportCustomerData(store().ctx, null, id);
    // Personal data: readable by the exporting user only, and never written over an existing file.
    fs.writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    const counts = { purchases: data.purchases.length, interactions: data.interactions.length };
    return {
      value: { customerId: id, file: out, ...counts },
      text: `Exported customer ${id} to ${out} (${counts.purchases} purchases, ${counts.interactions} interaction entries).`,
    };
  },
});

export const customerErase = command({
  name: 'customer erase',
  summary: "a customer's erasure request, compacting the store file at once",
  usage: 'ID --reason "why" [--backups DIR]',
  options: { reason: { type: 'string' }, backups: { type: 'string' } },
  run({ values, positionals, store }) {
    const id = customerIdArg(positionals, 'customer erase');
    const reason = values.reason;
    if (!reason?.trim()) throw new UsageError('Say why the customer is erased with --reason "…".');
    const opened = store();
    const folder = backupFolder(values.backups, opened);
    const erased = eraseCustomer(opened.ctx, null, id, reason, { backupDirectory: folder });
    const compactedMs = compactIfPending(opened.ctx.db);
    const r: EraseResult = { ...erased, storeFile: scrubState(opened.ctx.db) };
    return { value: { ...r, backupsChecked: folder, compactedMs }, text: eraseReport(r, folder, compactedMs) };
  },
});

// Where an erased customer is still held: every backup and every copy of the store file made since the customer was
// created (a copy made before that never held them). An erasure cannot reach into those files (a backup is a
// verified, unchanged copy; rewriting it would make it unreliable), so the erasure names them and says when each
// is deleted: backups by rotation, copies beside the store by their retention (store-copies.ts).
import type { ErasureHolder } from '@common/domain';
import { listBackups } from './backup';
import type { ServiceContext } from './context';
import { copyDeletedBy, listStoreCopies } from './store-copies';
import { storagePolicy } from './store-settings';

const HOUR_MS = 3_600_000;

/**
 * The copies holding a customer created at `since`, oldest first. backupDirectory overrides the terminal's backup
 * folder (the command line may be told where the app keeps them); null: the folder is not known, backups are not listed.
 */
export function holdersSince(
  ctx: ServiceContext,
  since: string,
  opts: { backupDirectory?: string | null } = {},
): ErasureHolder[] {
  const policy = storagePolicy(ctx);
  const now = ctx.now().getTime();
  const holders: ErasureHolder[] = [];
  const dir = opts.backupDirectory !== undefined ? opts.backupDirectory : policy.backupDirectory;
  if (dir) {
    // Newest first. A backup goes when a new one would leave it beyond the newest backupKeep: backup i after
    // (backupKeep - i) more, the first of them due backupEveryHours after the newest.
    const backups = listBackups(dir);
    const every = policy.backupEveryHours * HOUR_MS;
    const keep = Math.max(1, policy.backupKeep);
    const nextDue = Math.max(now, backups.length ? Date.parse(backups[0]!.createdAt) + every : now);
    backups.forEach((b, i) => {
      if (b.createdAt < since) return;
      const more = Math.max(1, keep - i);
      holders.push({
        kind: 'backup',
        name: b.name,
        createdAt: b.createdAt,
        deletedBy: new Date(nextDue + (more - 1) * every).toISOString(),
      });
    });
  }
  if (policy.databasePath) {
    for (const c of listStoreCopies(policy.databasePath)) {
      if (c.createdAt >= since)
        holders.push({
          kind: c.kind,
          name: c.name,
          createdAt: c.createdAt,
          deletedBy: copyDeletedBy(c.createdAt, policy.storeCopyDays),
        });
    }
  }
  return holders.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

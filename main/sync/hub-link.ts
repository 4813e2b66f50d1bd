// The terminal's enrolment with a hub: the hub's address, the terminal's and store's ids, and the credential. It is
// kept in a small file beside the store (store.db → store.db.hub.json, readable by its owner only), not in the
// store's settings table, because:
// - the credential then never reaches a backup: backups copy the database, and a backup restored on another machine
//   must not speak as this terminal (a new machine is a new terminal, enrolled with its own code);
// - nothing the renderer can ask for (settings.get, diagnostics) reads this file;
// - joining needs no change to the store's schema.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CREDENTIAL_PATTERN } from '@common/sync/api';
import { uuidV7Schema } from '@common/sync/ids';
import { AppError, words } from '@common/errors';
import type { ChainLink } from '@common/domain';

const named = z.object({ id: uuidV7Schema, name: z.string() });
const linkSchema = z.object({
  hubUrl: z.url(),
  terminal: named,
  store: named,
  credential: z.string().regex(CREDENTIAL_PATTERN),
  joinedAt: z.iso.datetime(),
});
export type HubLink = z.infer<typeof linkSchema>;
/** Everything but the credential: what may be printed, returned or logged (and shown in the back office). */
export type HubLinkView = ChainLink;

export const hubLinkFile = (dbFile: string) => `${dbFile}.hub.json`;

export function readHubLink(dbFile: string): HubLink | null {
  const file = hubLinkFile(dbFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const link = linkSchema.safeParse(parsed);
  if (!link.success) throw new AppError('CONFLICT', words('sync.linkDamaged', { file }));
  return link.data;
}

export const linkView = ({ credential: _secret, ...view }: HubLink): HubLinkView => view;

/** The hub this store joined, without the credential; null when it has not joined one. */
export function chainLinkOf(dbFile: string): HubLinkView | null {
  const link = readHubLink(dbFile);
  return link ? linkView(link) : null;
}

/** Written whole or not at all (a temporary file renamed into place), owner-readable only, never over a link. */
export function writeHubLink(dbFile: string, link: HubLink): void {
  const file = hubLinkFile(dbFile);
  if (fs.existsSync(file)) throw new AppError('CONFLICT', words('sync.linkExists', { file }));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, `${JSON.stringify(linkSchema.parse(link), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

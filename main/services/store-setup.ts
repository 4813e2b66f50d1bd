// A real store's beginning: its name, id, time zone, locale and currency, and its first admin. The first-run screen
// (app.setupEmpty) and `counterpart init` both come here, so a store set up either way is the same store.
import { z } from 'zod';
import { clerkName, pin } from '@common/contract';
import type { Clerk } from '@common/domain';
import { AppError, InputError, words } from '@common/errors';
import { storeIdentitySchema, withStoreId, type StoreIdentity, type StoreIdentityInput } from '@common/store-identity';
import { audit } from './audit';
import { addClerk, hasNoClerks } from './clerks';
import type { ServiceContext } from './context';
import { hashPin } from './pin-hash';
import { writeStartingSettings } from './store-settings';

export const newStoreSchema = z.object({
  /** null keeps what the terminal already has (config file, defaults): only older callers and tests leave it out. */
  store: storeIdentitySchema.nullable(),
  admin: z.object({ name: clerkName, pin }),
});
export type NewStoreInput = { store: StoreIdentityInput | null; admin: { name: string; pin: string } };

const ALREADY_SET_UP = words('storeSetup.alreadySetUp');

/**
 * Sets up an empty store: its identity as settings (the settings form shows and changes them later) and the first
 * clerk, an admin. Refuses a store that already has a clerk (CONFLICT), so it never takes over a store in use, and
 * checks everything before writing anything (VALIDATION). Settings, clerk and audit entry are one transaction.
 */
export async function createStore(
  ctx: ServiceContext,
  input: NewStoreInput,
): Promise<{ clerk: Clerk; store: StoreIdentity | null }> {
  const parsed = newStoreSchema.safeParse(input);
  // The first problem only, as "field: what is expected": `counterpart init` prints it as one line.
  if (!parsed.success) throw new InputError(parsed.error.issues.slice(0, 1));
  if (!hasNoClerks(ctx)) throw new AppError('CONFLICT', ALREADY_SET_UP);
  const store = parsed.data.store && withStoreId(parsed.data.store);
  const pinHash = await hashPin(parsed.data.admin.pin);
  const clerk = ctx.db
    .transaction(() => {
      // Asked again inside the write lock: another window may have set the store up while the PIN was hashed.
      if (!hasNoClerks(ctx)) throw new AppError('CONFLICT', ALREADY_SET_UP);
      if (store) {
        writeStartingSettings(ctx, {
          storeName: store.name,
          storeId: store.id,
          timeZone: store.timeZone,
          locale: store.locale,
          currency: store.currency,
        });
      }
      const admin = addClerk(ctx, parsed.data.admin.name, 'admin', pinHash);
      audit(ctx, admin.id, 'store_created', `store:${ctx.config.storeId}`, { ...store });
      return admin;
    })
    .immediate();
  return { clerk, store };
}

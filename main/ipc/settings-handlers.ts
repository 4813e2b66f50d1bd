import { AppError } from '../../common/errors';
import { requireClerk } from '../services/clerks';
import { listSettings, updateSettings } from '../services/store-settings';
import type { PartialHandlers } from './handlers';
import type { Session } from './session';
import type { ServiceContext } from '../services/context';

const signedIn = (ctx: ServiceContext, s: Session) => {
  if (s.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
  return requireClerk(ctx, s.clerkId);
};

// The contract lets managers in; which keys need an admin is decided per key in store-settings.
export const settingsHandlers: PartialHandlers = {
  'settings.get': (ctx, s) => listSettings(ctx, signedIn(ctx, s)),
  'settings.set': (ctx, s, i) => updateSettings(ctx, signedIn(ctx, s), i.values),
};

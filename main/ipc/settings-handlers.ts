import { listSettings, updateSettings } from '../services/store-settings';
import type { PartialHandlers } from './handlers';

// The contract lets managers in; which keys need an admin is decided per key in store-settings.
export const settingsHandlers: PartialHandlers = {
  'settings.get': (ctx, { clerk }) => listSettings(ctx, clerk),
  'settings.set': (ctx, { clerk }, i) => updateSettings(ctx, clerk, i.values),
};

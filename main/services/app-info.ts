import type { AppInfo } from '@common/domain';
import type { ServiceContext } from './context';
import { getSetting } from './settings';
import { hasNoClerks } from './clerks';

export const APP_VERSION = '0.1.0';

export function appInfo(ctx: ServiceContext): AppInfo {
  return {
    version: APP_VERSION,
    storeId: ctx.config.storeId,
    storeName: ctx.config.storeName,
    terminalId: ctx.config.terminalId,
    timeZone: ctx.config.timeZone,
    locale: ctx.config.locale,
    currency: ctx.config.currency,
    returnWindowDays: ctx.config.returnWindowDays,
    idleLockMinutes: ctx.config.idleLockMinutes,
    card: { prefix: ctx.config.cardPrefix, length: ctx.config.cardLength },
    demo: getSetting(ctx, 'demo') === '1',
    needsSetup: hasNoClerks(ctx),
  };
}

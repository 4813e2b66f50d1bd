import { openDatabase, type DB } from './db/connection';
import { createDispatcher, checkHandlers, type Dispatch, type Logger } from './ipc/dispatch';
import { handlers, mergeHandlers, type PartialHandlers } from './ipc/handlers';
import { addClerk, hasNoClerks as isEmpty } from './services/clerks';
import { createContext, type ServiceContext, type StoreConfig } from './services/context';
import { appInfo } from './services/app-info';
import { seedDemoStore } from './services/demo/seed-store';
import { AppError } from '../common/errors';
import { setSetting } from './services/settings';
import { hashPin } from './services/pin-hash';

export interface BackendOptions {
  dbPath: string;
  config?: Partial<StoreConfig>;
  /** Load the demo store into an empty database right away (the browser preview and tests do). */
  demo?: boolean;
  demoCustomers?: number;
  now?: () => Date;
  nativeBinding?: string;
  log?: Logger;
}

export interface Backend {
  db: DB;
  ctx: ServiceContext;
  dispatch: Dispatch;
  close(): void;
}

export const DEMO_CUSTOMERS = 3000;
export const DEMO_SEED = 20261123;


/** Composition root shared by Electron and the preview server: one database, one context, one dispatcher. */
export function startBackend(opts: BackendOptions): Backend {
  const db = openDatabase(opts.dbPath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const ctx = createContext(db, opts.config, opts.now);
  const log: Logger = opts.log ?? ((msg, err) => console.error(msg, err));
  const loadDemo = () => {
    if (!isEmpty(ctx)) throw new AppError('CONFLICT', 'This store already has data; the demo store only loads into an empty one.');
    seedDemoStore(ctx, { customers: opts.demoCustomers ?? DEMO_CUSTOMERS, seed: DEMO_SEED });
    setSetting(ctx, 'demo', '1');
  };
  if (opts.demo && isEmpty(ctx)) loadDemo();
  const setup: PartialHandlers = {
    'app.setupDemo': (c) => (loadDemo(), appInfo(c)),
    'app.setupEmpty': async (c, s, i) => {
      const pinHash = await hashPin(i.pin);
      if (!isEmpty(c)) throw new AppError('CONFLICT', 'This store is already set up.');
      const clerk = addClerk(c, i.clerkName, 'admin', pinHash);
      s.clerkId = clerk.id;
      s.lastActivityAt = c.now().getTime();
      return clerk;
    },
  };
  const dispatch = createDispatcher(checkHandlers(mergeHandlers(handlers, setup)), ctx, log);
  return { db, ctx, dispatch, close: () => db.close() };
}

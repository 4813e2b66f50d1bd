import fs from 'node:fs';
import path from 'node:path';
import { METHOD_NAMES } from '@common/contract';
import type { StoreProblem } from '@common/domain';
import { AppError, InputError, refusal, words, type Envelope } from '@common/errors';
import { DEFAULT_LOCALE } from '@common/format';
import { startBackend, type Backend, type BackendOptions } from './backend';
import { toWireError, type Dispatch } from './ipc/dispatch';
import { summary } from './ipc/store-handlers';
import { describeSqliteError, StoreError, type StoreIssue } from './db/store-file';
import { listBackups, newestGoodBackup, restoreBackup } from './services/backup';
import { importRunningOn } from './services/import/jobs';
import { audit } from './services/audit';

/**
 * Owns the database file across its life in the app: opens it, and when it cannot (corrupt, missing although backups
 * exist, unreadable) switches to a recovery mode that offers the latest backups instead of crashing in a loop or
 * silently starting empty over the old file. Also performs restores, which need the file closed and reopened.
 * Electron and the preview server both talk to `dispatch` here, which always routes to the current state.
 */
export interface StoreLifecycle {
  dispatch: Dispatch;
  /** The open store, or null while in recovery. */
  current(): Backend | null;
  problem(): StoreProblem | null;
  close(): void;
}

const stamp = () => new Date().toISOString().replace(/[-:.]/g, '');

/** The locale of the terminal's config: the one a store that cannot be read is spoken about in. */
const terminalLocale = (opts: Pick<BackendOptions, 'config'>) => opts.config?.locale ?? DEFAULT_LOCALE;

const PROBLEM_KIND: Record<StoreIssue, StoreProblem['kind']> = {
  missing: 'missing',
  'not-a-store': 'not-a-store',
  newer: 'newer',
  damaged: 'corrupt',
  'read-only': 'read-only',
  unreadable: 'unreadable',
  'disk-full': 'unreadable',
  busy: 'in-use',
  'in-use': 'in-use',
};

/**
 * What the recovery screen says about a store that failed to open or broke while open, with the backups to offer.
 * The store cannot be read, so its settings are unknown: the words are in the terminal's own locale.
 */
export function storeProblem(
  err: unknown,
  opts: Pick<BackendOptions, 'dbPath' | 'backupDir' | 'nativeBinding' | 'config'>,
): StoreProblem {
  const store = describeSqliteError(err, opts.dbPath);
  const backups = opts.backupDir ? listBackups(opts.backupDir) : [];
  const said =
    store ??
    (err instanceof AppError
      ? err
      : new AppError('INTERNAL', words('storeFile.cannotOpen', { detail: (err as Error).message })));
  return {
    kind: store ? PROBLEM_KIND[store.issue] : 'unreadable',
    message: said.toWire(terminalLocale(opts)).message,
    words: said.words,
    backups: backups.map(summary),
    recommended: newestGoodBackup(opts.backupDir, opts.nativeBinding)?.name ?? null,
  };
}

export function openStore(opts: BackendOptions): StoreLifecycle {
  const log = opts.log ?? ((msg: string, err?: unknown) => console.error(msg, err));
  let backend: Backend | null = null;
  let problem: StoreProblem | null = null;

  // A statement met a damaged page: from now on every call answers as in recovery, and nothing more is written.
  const damaged = (err: unknown) => {
    const broken = backend;
    if (!broken) return;
    log('the store is damaged', err);
    backend = null;
    problem = storeProblem(err, opts);
    setImmediate(() => broken.close()); // after the failing call has unwound
  };

  const start = (create: boolean) => startBackend({ ...opts, create, onDamaged: damaged, restore });

  const open = () => {
    problem = null;
    const exists = fs.existsSync(opts.dbPath);
    if (!exists && opts.backupDir && listBackups(opts.backupDir).length) {
      problem = storeProblem(
        new StoreError('missing', words('storeFile.missingWithBackups', { name: path.basename(opts.dbPath) })),
        opts,
      );
      return;
    }
    try {
      // Only a first run creates the store: an existing file is opened as it is or refused, never filled.
      backend = start(!exists);
    } catch (err) {
      log('could not open the database', err);
      problem = storeProblem(err, opts);
    }
  };

  const backupFile = (name: string) => {
    if (!opts.backupDir) throw new AppError('CONFLICT', words('backups.noDirectory'));
    const found = listBackups(opts.backupDir).find((b) => b.name === name);
    if (!found) throw new AppError('NOT_FOUND', words('storeRecovery.noBackupNamed', { name }));
    return found.file;
  };

  const restore = (name: string, clerkId: number | null): null => {
    const file = backupFile(name);
    if (importRunningOn(opts.dbPath)) {
      throw new AppError('CONFLICT', words('storeRecovery.importRunning'));
    }
    const wasOpen: Backend | null = backend;
    if (wasOpen) wasOpen.close();
    backend = null;
    try {
      restoreBackup(opts.dbPath, file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    } finally {
      open();
    }
    const reopened: Backend | null = backend;
    if (reopened) audit((reopened as Backend).ctx, clerkId, 'restore', name);
    return null;
  };

  const recoveryLocale = terminalLocale(opts);
  const recoveryDispatch: Dispatch = async (method, rawInput) => {
    const p = problem;
    try {
      switch (method) {
        case 'recovery.status':
          return { ok: true, value: p };
        case 'recovery.restore': {
          const name = (rawInput as { name?: unknown } | null)?.name;
          if (typeof name !== 'string')
            throw new InputError([{ path: ['name'], ...refusal('storeRecovery.chooseBackup') }]);
          return { ok: true, value: restore(name, null) };
        }
        case 'recovery.startFresh': {
          if (fs.existsSync(opts.dbPath)) {
            const aside = `${opts.dbPath}.unusable-${stamp()}`;
            fs.renameSync(opts.dbPath, aside);
            for (const suffix of ['-wal', '-shm'])
              if (fs.existsSync(opts.dbPath + suffix)) fs.renameSync(opts.dbPath + suffix, aside + suffix);
          }
          backend = start(true);
          problem = null;
          return { ok: true, value: null };
        }
        default:
          throw METHOD_NAMES.includes(method as never)
            ? new AppError('CONFLICT', words('storeRecovery.openFirst'))
            : new AppError('NOT_FOUND', words('dispatch.unknownMethod', { method }));
      }
    } catch (err) {
      // No store to read the locale from: the one the backend was started with.
      return { ok: false, error: toWireError(err, log, method, recoveryLocale) } as Envelope<unknown>;
    }
  };

  open();
  return {
    dispatch: (method, input, session) =>
      backend ? backend.dispatch(method, input, session) : recoveryDispatch(method, input, session),
    current: () => backend,
    problem: () => problem,
    close: () => {
      if (backend?.db.open) backend.close();
      backend = null;
    },
  };
}

// What lies at a store's path, decided before SQLite writes a byte to it, and the SQLite failures that say something
// about the file (damaged, full disk, read-only, another writer) turned into one sentence a clerk or IT can act on.
import fs from 'node:fs';
import path from 'node:path';
import { AppError, words, type ErrorValues, type ErrorWords } from '@common/errors';

export type StoreIssue =
  | 'missing'
  | 'not-a-store'
  | 'newer'
  | 'damaged'
  | 'read-only'
  | 'unreadable'
  | 'busy'
  | 'disk-full'
  | 'in-use';

/** A store that cannot be used as it is. The message is one sentence; `file` is the store's path. */
export class StoreError extends AppError {
  constructor(
    readonly issue: StoreIssue,
    message: ErrorWords | string,
    readonly file: string | null = null,
  ) {
    super('CONFLICT', message);
    this.name = 'StoreError';
  }
}

/** Tables every Counterpart store has had since schema 1: a file without them is somebody else's database. */
export const CORE_TABLES = ['clerks', 'customers', 'interactions'] as const;

/**
 * Stores up to this size get SQLite's quick_check at every open. It reads every page: on the development machine
 * about 0.5 s for a 60 MB store and 127 s for the 3 GB one (1M customers) from a cold cache, so larger stores get the
 * header, size, identity and schema checks only (1.6 ms at p50 on the 3 GB store, against 0.3 ms for a bare open),
 * and rely on SQLITE_CORRUPT from the first statement that reaches a damaged page (see sqliteIssue), which stops
 * writes from then on.
 */
export const QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024;

const MAGIC = 'SQLite format 3\0';
const WAL_HEADER_BYTES = 32;

// The words of each trouble are in the catalogues (errors.storeFile): the recovery screen shows them in the terminal's
// language, the log and the CLI in English. A path reads the same in every language, so it is a value.
type Damage = 'header' | 'cutShort' | 'check';
const damaged = (file: string, how: Damage, values: ErrorValues = {}) =>
  new StoreError('damaged', words(`storeFile.damaged.${how}`, { file, ...values }), file);
/** What is at the path instead of a store. */
type Foreign = 'notAFile' | 'empty' | 'notSqlite' | 'noData' | 'otherProgram';
const notAStore = (file: string, what: Foreign) =>
  new StoreError('not-a-store', words(`storeFile.notAStore.${what}`, { file }), file);

/**
 * Checks the file itself: there, a regular non-empty SQLite file whose size matches its header, and writable by this
 * user together with its folder (SQLite keeps its journal beside the store). Reads 100 bytes; never writes.
 */
export function checkStoreFile(file: string, opts: { write: boolean }): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StoreError('missing', words('storeFile.missing', { file }), file);
    throw unreadable(file, err);
  }
  if (!st.isFile()) throw notAStore(file, 'notAFile');
  if (st.size === 0) throw notAStore(file, 'empty');
  const header = Buffer.alloc(100);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, 100, 0);
  } catch (err) {
    throw unreadable(file, err);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (st.size < 100 || header.toString('latin1', 0, 16) !== MAGIC) throw notAStore(file, 'notSqlite');
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw damaged(file, 'header');
  // The page count in the header is only meaningful while "version-valid-for" matches the change counter; with
  // frames still in the WAL the file may legitimately lag behind the header until the next checkpoint.
  const pages = header.readUInt32BE(28);
  if (
    header.readUInt32BE(92) === header.readUInt32BE(24) &&
    pages > 0 &&
    st.size < pages * pageSize &&
    !walHasFrames(file)
  ) {
    throw damaged(file, 'cutShort', { size: st.size, expected: pages * pageSize });
  }
  if (opts.write) assertWritable(file);
  return st;
}

function walHasFrames(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > WAL_HEADER_BYTES;
  } catch {
    return false;
  }
}

function unreadable(file: string, err: unknown): StoreError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'EACCES' || code === 'EPERM') {
    return new StoreError('unreadable', words('storeFile.noAccess', { file }), file);
  }
  return new StoreError('unreadable', words('storeFile.unreadable', { file, code }), file);
}

/** The folder must take new files (the journal, a new store) and an existing store must take writes. */
export function assertWritable(file: string): void {
  const dir = path.dirname(file);
  if (!canWrite(dir)) {
    throw new StoreError('read-only', words('storeFile.folderReadOnly', { dir }), file);
  }
  if (fs.existsSync(file) && !canWrite(file)) {
    throw new StoreError('read-only', words('storeFile.readOnly', { file }), file);
  }
}

function canWrite(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Which of the store's troubles a SQLite error code means; null for everything else (a bug, logged as such). */
export function sqliteIssue(err: unknown): StoreIssue | null {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'unreadable';
  return null;
}

/**
 * The sentence for a SQLite failure that says something about the store rather than about the program. `file`
 * names the store where it is known. Returns null for errors that are bugs.
 */
export function describeSqliteError(err: unknown, file: string | null = null): StoreError | null {
  if (err instanceof StoreError) return err;
  const issue = sqliteIssue(err);
  // The words name the file where it is known (" /srv/store.db"): a path reads the same in every language.
  const at = file ? ` ${file}` : '';
  switch (issue) {
    case 'damaged':
      return new StoreError('damaged', words('store.damaged', { at, detail: (err as Error).message }), file);
    case 'disk-full':
      return new StoreError('disk-full', words('store.diskFull'), file);
    case 'busy':
      return new StoreError('busy', words('store.busy'), file);
    case 'read-only':
      return new StoreError('read-only', words('store.readOnly', { at }), file);
    case 'unreadable':
      return new StoreError(
        'unreadable',
        words('store.unreadable', { at, detail: (err as { code: string }).code }),
        file,
      );
    default:
      return null;
  }
}

export { damaged as damagedStore, notAStore };

// Real child processes for the store tests: the command line, and tests/helpers/store-process.ts in its modes.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { newSession } from '../../main/ipc/session';
import { openStore } from '../../main/store-lifecycle';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The PIN of the admin that storeWithAdmin sets up. */
export const TEST_PIN = '9999';

/**
 * Who a child runs as. Root writes to read-only files and folders regardless, so under root the read-only cases run
 * as "nobody" (uid 65534), which is what a clerk's account is to a file IT made read-only.
 */
export function unprivileged(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}

/** Lets an unprivileged child reach a test folder (mkdtemp makes them private to their owner). */
export function openUp(dir: string): void {
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function finish(child: ChildProcess): Promise<Run> {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (err += t));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

function node(args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    ...opts,
    env: { ...process.env, COUNTERPART_DB: '', ...opts.env },
  });
}

/** `counterpart ARGS` in a child process, as IT runs it (from any folder: the bin script finds its own loader). */
export function cli(args: string[], opts: SpawnOptions = {}): Promise<Run> {
  return finish(
    spawn(process.execPath, [path.join(ROOT, 'bin', 'counterpart.mjs'), ...args], {
      cwd: ROOT,
      timeout: 60_000,
      ...opts,
      env: { ...process.env, COUNTERPART_DB: '', ...opts.env },
    }),
  );
}

/** store-process.ts MODE FILE [BACKUP_DIR] until it exits by itself. */
export function storeProcess(mode: string, file: string, extra: string[] = [], opts: SpawnOptions = {}): Promise<Run> {
  return finish(node(['tests/helpers/store-process.ts', mode, file, ...extra], { timeout: 60_000, ...opts }));
}

export interface Running {
  child: ChildProcess;
  /** The next line the child prints (rejects if it exits first). */
  line(): Promise<string>;
  send(line: string): void;
  /** Ends stdin and waits for the exit. */
  end(): Promise<void>;
  exited: Promise<number | null>;
}

/** store-process.ts in a long-running mode, talked to line by line. */
export function startStoreProcess(mode: string, file: string, extra: string[] = []): Running {
  const child = node(['tests/helpers/store-process.ts', mode, file, ...extra], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const queue: string[] = [];
  const waiting: { resolve(l: string): void; reject(e: Error): void }[] = [];
  let closed = false;
  readline.createInterface({ input: child.stdout! }).on('line', (l) => {
    const w = waiting.shift();
    if (w) w.resolve(l);
    else queue.push(l);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      closed = true;
      for (const w of waiting.splice(0))
        w.reject(new Error(`${mode} process exited (${code}): ${stderr.trim().split('\n').pop() ?? ''}`));
      resolve(code);
    }),
  );
  return {
    child,
    line: () =>
      queue.length
        ? Promise.resolve(queue.shift()!)
        : closed
          ? Promise.reject(new Error(`${mode} process has exited: ${stderr}`))
          : new Promise((resolve, reject) => waiting.push({ resolve, reject })),
    send: (l) => child.stdin!.write(`${l}\n`),
    end: async () => {
      child.stdin!.end();
      await exited;
    },
    exited,
  };
}

/** A new store through the app's own first run, with one admin (PIN TEST_PIN). */
export async function storeWithAdmin(file: string, backupDir?: string): Promise<void> {
  const store = openStore({ dbPath: file, ...(backupDir ? { backupDir } : {}), log: () => {} });
  const r = await store.dispatch('app.setupEmpty', { clerkName: 'Ada', pin: TEST_PIN }, newSession());
  if (!r.ok) throw new Error(r.error.message);
  store.close();
}

// Which file each of the app's worker threads starts from. From source (tsx, the tests, the CLI) this module is a
// TypeScript file and a thread starts from its plain-CommonJS file beside its code, which registers tsx for itself
// (thread-loader.cjs). In the bundle (electron-vite, out/main) there is neither TypeScript nor tsx (a devDependency):
// each thread is an entry of the bundle of its own, out/main/<name>.js, beside every chunk (electron.vite.config.ts).
// Without this, a bundled app finds no thread to start and does the thread's work on its main thread.
import { fileURLToPath } from 'node:url';

/** Each thread's bundle entry and its file from source, both relative to main/. */
export const THREADS = {
  'bootstrap-worker': { entry: 'sync/bootstrap-worker-entry.ts', source: 'sync/bootstrap-worker.cjs' },
  'seed-worker': { entry: 'services/demo/seed-worker-entry.ts', source: 'services/demo/seed-worker.cjs' },
} as const;

export type ThreadName = keyof typeof THREADS;

const fromSource = import.meta.url.endsWith('.ts');

/** The file to start the thread `name` from, in this process. */
export function threadEntry(name: ThreadName): string {
  return fileURLToPath(new URL(fromSource ? `./${THREADS[name].source}` : `./${name}.js`, import.meta.url));
}

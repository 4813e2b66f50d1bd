import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import renderer from './renderer/vite.config';
import { THREADS } from './main/thread-entry';
import { viteAliases } from './scripts/lib/path-aliases';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Main: runtime dependencies stay in node_modules (electron-builder ships them); better-sqlite3 must, for its .node
// file, and some (pdfkit's font data, electron-log's file writer) read files next to their own code. Each worker thread
// is an entry of its own (main/thread-entry.ts), and every chunk stays in out/main beside them, where that module
// looks for them; it is a chunk of its own so a test can ask the bundle which files it starts.
// Preload: sandboxed preloads cannot require npm modules at all, so it is one self-contained CommonJS file.
export default defineConfig({
  main: {
    resolve: { alias: viteAliases() },
    build: {
      outDir: at('./out/main'),
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: at('./main/index.ts'),
          ...Object.fromEntries(Object.entries(THREADS).map(([name, t]) => [name, at(`./main/${t.entry}`)])),
        },
        external: ['electron', 'better-sqlite3', /^electron-log(\/.*)?$/, /^node:/],
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
          manualChunks: { 'thread-entry': [at('./main/thread-entry.ts')] },
        },
      },
    },
  },
  preload: {
    resolve: { alias: viteAliases() },
    build: {
      outDir: at('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: at('./preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    ...renderer,
    root: at('./renderer'),
    build: {
      // electron-vite leaves bundles unminified by default; match what `npm run build:renderer` ships.
      minify: 'esbuild',
      ...renderer.build,
      outDir: at('./out/renderer'),
      rollupOptions: { ...renderer.build?.rollupOptions, input: at('./renderer/index.html') },
    },
  },
});

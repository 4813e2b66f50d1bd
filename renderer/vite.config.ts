import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { viteAliases } from '../scripts/lib/path-aliases';

const here = fileURLToPath(new URL('.', import.meta.url));

// Relative base: the same build is loaded from file:// by Electron and from the loopback preview server.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: { alias: viteAliases() },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
  },
});

import { defineConfig } from 'vitest/config';
import { viteAliases } from './scripts/lib/path-aliases';

export default defineConfig({
  resolve: { alias: viteAliases() },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/chain/**'],
        },
      },
      {
        // The chain's tests (hub and sync) need PostgreSQL: one server for the run, started only when a run includes
        // them (vitest runs a project's globalSetup only if the project has files to run); each file makes its own
        // database on it.
        extends: true,
        test: {
          name: 'chain',
          include: ['tests/integration/chain/**/*.test.ts'],
          globalSetup: ['tests/helpers/pg-global-setup.ts'],
        },
      },
    ],
  },
});

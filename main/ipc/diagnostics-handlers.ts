import { APP_VERSION } from '../services/app-info';
import { exportDiagnostics, type DiagnosticsSources } from '../services/diagnostics';
import type { PartialHandlers } from './handlers';

/**
 * Process facts for the diagnostics bundle. The Electron shell sets them once at start-up (log file, managed config,
 * runtime versions); the browser preview and tests keep these defaults.
 */
let sources: DiagnosticsSources = {
  appVersion: APP_VERSION,
  platform: `${process.platform}-${process.arch}`,
  runtime: { node: process.versions.node },
  logFile: null,
  configFile: null,
  managed: null,
  defaults: {},
};

export function setDiagnosticsSources(update: Partial<DiagnosticsSources>): void {
  sources = { ...sources, ...update };
}

export const diagnosticsHandlers: PartialHandlers = {
  'diagnostics.export': (ctx, { clerk }) => exportDiagnostics(ctx, clerk.id, sources),
};

import { AppError } from '../../common/errors';
import { APP_VERSION } from '../services/app-info';
import { requireClerk } from '../services/clerks';
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
  'diagnostics.export': (ctx, s) => {
    if (s.clerkId === null) throw new AppError('FORBIDDEN', 'Sign in with your PIN first.');
    return exportDiagnostics(ctx, requireClerk(ctx, s.clerkId).id, sources);
  },
};

import type { CliOptions } from 'electron-builder';
/** The arguments of `npm run dist` as electron-builder's public CliOptions; throws ConfigProblem for unknown ones. */
export function parseDistArgs(argv: string[]): CliOptions & { config?: Record<string, unknown> | string };

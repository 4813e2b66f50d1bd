/** Path to better_sqlite3.node built for the given Electron version; throws a one-sentence Error when it cannot be built. */
export function electronNativeBinding(
  root: string,
  electronVersion: string,
  options?: { platform?: string; arch?: string; useEnv?: boolean },
): string;

/** Signs the .deb/.rpm files among `artifacts` with COUNTERPART_GPG_KEY; returns the files signed. */
export function signLinuxPackages(artifacts: string[], env?: Record<string, string | undefined>): string[];

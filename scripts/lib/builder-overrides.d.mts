export const AZURE_SIGN_ENV: Readonly<
  Record<'endpoint' | 'codeSigningAccountName' | 'certificateProfileName' | 'publisherName', string>
>;
export const AZURE_AUTH_ENV: readonly string[];
/** A partly or wrongly configured environment, described in one sentence. */
export class ConfigProblem extends Error {}
/** electron-builder config overrides taken from the environment, deep-merged over electron-builder.yml. */
export function builderOverrides(env?: Record<string, string | undefined>): Record<string, unknown>;

// What `npm run dist` lays over electron-builder.yml, all from the environment, so no certificate, account or update
// host is ever written into the repository. electron-builder reads CSC_LINK / CSC_KEY_PASSWORD and the APPLE_*
// notarization variables itself; this covers what it does not read from the environment.

/** Azure Trusted Signing: azureSignOptions field -> environment variable. */
export const AZURE_SIGN_ENV = Object.freeze({
  endpoint: 'AZURE_TRUSTED_SIGNING_ENDPOINT',
  codeSigningAccountName: 'AZURE_TRUSTED_SIGNING_ACCOUNT',
  certificateProfileName: 'AZURE_TRUSTED_SIGNING_CERTIFICATE_PROFILE',
  publisherName: 'AZURE_TRUSTED_SIGNING_PUBLISHER_NAME',
});
/** Read by the TrustedSigning PowerShell module (Entra ID app registration), not by electron-builder. */
export const AZURE_AUTH_ENV = Object.freeze(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']);

export class ConfigProblem extends Error {}

const set = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/**
 * The electron-builder `config` overrides for this environment (deep-merged over electron-builder.yml).
 * Throws ConfigProblem with one sentence when a group of variables is only partly set.
 */
export function builderOverrides(env = process.env) {
  const config = {};

  if (set(env, 'ELECTRON_OVERRIDE_DIST_PATH')) config.electronDist = env.ELECTRON_OVERRIDE_DIST_PATH;

  if (set(env, 'COUNTERPART_UPDATE_URL')) {
    let url;
    try {
      url = new URL(env.COUNTERPART_UPDATE_URL);
    } catch {
      throw new ConfigProblem(`COUNTERPART_UPDATE_URL is not a URL: ${env.COUNTERPART_UPDATE_URL}`);
    }
    if (url.protocol !== 'https:')
      throw new ConfigProblem(
        'COUNTERPART_UPDATE_URL must be an https:// URL (terminals refuse any other update feed).',
      );
    config.publish = { provider: 'generic', url: url.href };
  }

  const azure = Object.entries(AZURE_SIGN_ENV);
  const given = azure.filter(([, name]) => set(env, name));
  if (given.length > 0) {
    const missing = [
      ...azure.filter(([, name]) => !set(env, name)).map(([, name]) => name),
      ...AZURE_AUTH_ENV.filter((name) => !set(env, name)),
    ];
    if (missing.length)
      throw new ConfigProblem(`Azure Trusted Signing is only partly configured: also set ${missing.join(', ')}.`);
    if (set(env, 'CSC_LINK') || set(env, 'WIN_CSC_LINK')) {
      throw new ConfigProblem(
        'Both a certificate file (CSC_LINK) and Azure Trusted Signing are configured; choose one.',
      );
    }
    config.win = { azureSignOptions: Object.fromEntries(azure.map(([field, name]) => [field, env[name].trim()])) };
  }

  return config;
}

export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';
export const FUSE_SETTINGS: Readonly<Record<FuseName, boolean>>;
export function fuseConfig(target: {
  platform: string;
  arch: string;
}): { version: string; resetAdHocDarwinSignature: boolean } & Record<number, boolean>;
export function electronExecutable(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}): string;
/** Flips the fuses and returns the wire read back (fuse index -> state byte); throws if any fuse is not as configured. */
export function applyFuses(
  executable: string,
  target: { platform: string; arch: string },
): Promise<Record<number, number> & { version: string }>;

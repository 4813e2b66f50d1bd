// Electron fuses for the packaged app: features of the Electron binary that Counterpart never uses are switched off
// at package time, before signing, so the OS signature check keeps them off. Used by the afterPack hook.
import path from 'node:path';
import fuses from '@electron/fuses';

const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } = fuses;

/** Every fuse @electron/fuses 1.8 knows, each decided explicitly (a new Electron default cannot slip in unnoticed). */
export const FUSE_SETTINGS = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  RunAsNode: false,
  EnableCookieEncryption: true,
  // NODE_OPTIONS / --inspect would let anyone at the terminal inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // Together: only the app.asar whose header hash is embedded in the (signed) binary is ever loaded.
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is loaded from file:// as ES modules, which needs file:// to keep its privileges.
  GrantFileProtocolExtraPrivileges: true,
});

const STATE = { DISABLE: 48, ENABLE: 49 };

/** The @electron/fuses configuration for one platform/arch. */
export function fuseConfig({ platform, arch }) {
  const config = {
    version: FuseVersion.V1,
    // Flipping bits invalidates the arm64 ad-hoc signature; electron-builder signs properly afterwards when it can.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
  };
  for (const [name, on] of Object.entries(FUSE_SETTINGS)) config[FuseV1Options[name]] = on;
  return config;
}

/** The file holding the fuse wire in an electron-builder output directory. */
export function electronExecutable({ appOutDir, electronPlatformName, packager }) {
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** Flips the fuses and reads them back; throws if the binary does not end up exactly as configured. */
export async function applyFuses(executable, { platform, arch }) {
  await flipFuses(executable, fuseConfig({ platform, arch }));
  const wire = await getCurrentFuseWire(executable);
  const wrong = Object.entries(FUSE_SETTINGS)
    .filter(([name, on]) => wire[FuseV1Options[name]] !== (on ? STATE.ENABLE : STATE.DISABLE))
    .map(([name]) => name);
  if (wrong.length) throw new Error(`Electron fuses did not take effect in ${executable}: ${wrong.join(', ')}.`);
  return wire;
}

/**
 * When Counterpart may look for, download and install an update. Pure decisions, no electron: the updater in
 * main/electron/updater.ts only carries them out. IT controls everything from the managed config file:
 * - no `updateUrl` → the app never contacts an update server;
 * - `pinVersion` → the terminal runs exactly that version: it moves to it (even downwards) and refuses any other;
 * - otherwise only newer stable versions are accepted.
 */

export const UPDATE_CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
/** Give the store and window time to open before the first check competes with them. */
export const FIRST_CHECK_AFTER_MS = 60 * 1000;

export interface UpdateSettings {
  updateUrl?: string | null | undefined;
  pinVersion?: string | null | undefined;
}

export interface UpdateFacts {
  currentVersion: string;
  /** electron-updater only works in an installed app. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Linux: set when running from an AppImage, the only Linux format that can replace itself. */
  appImage?: string | undefined;
  /**
   * Windows: the publisher names in app-update.yml (written when the build was signed). Without them
   * electron-updater would install an update without checking its signature, so updating stays off.
   */
  windowsPublisherNames?: string[] | undefined;
}

export type UpdatePlan =
  | { enabled: false; reason: string }
  | {
      enabled: true;
      feedUrl: string;
      pinVersion: string | null;
      /** Only to move down to the pinned version; never otherwise. */
      allowDowngrade: boolean;
      autoInstallOnAppQuit: true;
    };

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string | null;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | null {
  const m = SEMVER.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ?? null };
}

/** Semver precedence (build metadata ignored; prerelease identifiers compared field by field). */
export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === null) return 1;
  if (b.prerelease === null) return -1;
  const pa = a.prerelease.split('.');
  const pb = b.prerelease.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const same = (a: Version, b: Version) => compareVersions(a, b) === 0;

/** Whether to run the updater at all on this terminal, and with which settings. */
export function updatePlan(settings: UpdateSettings, facts: UpdateFacts): UpdatePlan {
  const url = settings.updateUrl?.trim();
  if (!url) return { enabled: false, reason: 'no updateUrl is configured' };
  let feed: URL;
  try {
    feed = new URL(url);
  } catch {
    return { enabled: false, reason: 'updateUrl is not a URL' };
  }
  // Over plain http anyone on the network path could answer with their own latest.yml and withhold updates (or,
  // where signatures are not checked, such as the AppImage, supply the build).
  if (feed.protocol !== 'https:') return { enabled: false, reason: 'updateUrl must be an https:// URL' };
  if (!facts.isPackaged) return { enabled: false, reason: 'this is not an installed build' };

  const current = parseVersion(facts.currentVersion);
  if (!current) return { enabled: false, reason: `the running version ${facts.currentVersion} is not a valid version` };
  const pinText = settings.pinVersion?.trim() || null;
  const pin = pinText ? parseVersion(pinText) : null;
  if (pinText && !pin) return { enabled: false, reason: `pinVersion ${pinText} is not a valid version` };
  if (pin && same(pin, current))
    return { enabled: false, reason: `this terminal already runs the pinned version ${pinText}` };

  if (facts.platform === 'linux' && !facts.appImage) {
    return { enabled: false, reason: 'installed from a .deb or .rpm package; the system package manager updates it' };
  }
  if (facts.platform === 'win32' && !(facts.windowsPublisherNames ?? []).some((n) => n.trim() !== '')) {
    return { enabled: false, reason: 'this build is not code-signed, so an update could not be verified' };
  }

  // A trailing slash keeps the generic provider resolving latest.yml inside the folder, not next to it.
  const feedUrl = feed.href.endsWith('/') ? feed.href : `${feed.href}/`;
  return {
    enabled: true,
    feedUrl,
    pinVersion: pinText,
    allowDowngrade: pin !== null && compareVersions(pin, current) < 0,
    autoInstallOnAppQuit: true,
  };
}

export type VersionVerdict = { accept: true } | { accept: false; reason: string };

/** Whether the version the server offers may be downloaded and installed. */
export function acceptOffer(offered: string, currentVersion: string, pinVersion: string | null): VersionVerdict {
  const v = parseVersion(offered);
  if (!v) return { accept: false, reason: `the server offers "${offered}", which is not a version` };
  const current = parseVersion(currentVersion);
  if (!current) return { accept: false, reason: `the running version ${currentVersion} is not a valid version` };
  if (same(v, current)) return { accept: false, reason: `${offered} is already installed` };
  if (pinVersion !== null) {
    const pin = parseVersion(pinVersion);
    if (!pin || !same(v, pin)) return { accept: false, reason: `${offered} is not the pinned version ${pinVersion}` };
    return { accept: true };
  }
  if (v.prerelease !== null)
    return { accept: false, reason: `${offered} is a pre-release; only a pinned pre-release is installed` };
  if (compareVersions(v, current) < 0) return { accept: false, reason: `${offered} is older than ${currentVersion}` };
  return { accept: true };
}

/** Publisher names from app-update.yml's text (a YAML string or list under publisherName). */
export function publisherNamesFrom(appUpdateYml: string): string[] {
  const lines = appUpdateYml.split(/\r?\n/);
  const at = lines.findIndex((l) => /^publisherName:/.test(l));
  if (at < 0) return [];
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  const inline = lines[at]!.slice('publisherName:'.length).trim();
  if (inline.startsWith('[')) return inline.slice(1, -1).split(',').map(unquote).filter(Boolean);
  if (inline) return [unquote(inline)].filter(Boolean);
  const names: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (!item) break;
    names.push(unquote(item[1]!));
  }
  return names.filter(Boolean);
}

import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import electronUpdater, { type UpdateInfo } from 'electron-updater';
import {
  acceptOffer,
  FIRST_CHECK_AFTER_MS,
  publisherNamesFrom,
  UPDATE_CHECK_EVERY_MS,
  updatePlan,
  type UpdateSettings,
} from '../services/update-policy';

export interface UpdateLog {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

function windowsPublisherNames(): string[] {
  try {
    return publisherNamesFrom(fs.readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8'));
  } catch {
    return [];
  }
}

/**
 * Carries out main/services/update-policy.ts with electron-updater: checks the managed config's feed, downloads only
 * a version the policy accepts, installs it when the app quits. Signature checks stay as electron-updater does them
 * (the Windows publisher check, Squirrel.Mac's code-signature check); nothing here loosens them.
 */
export function startUpdater(settings: UpdateSettings, log: UpdateLog): { stop(): void } {
  const plan = updatePlan(settings, {
    currentVersion: app.getVersion(),
    isPackaged: app.isPackaged,
    platform: process.platform,
    appImage: process.env.APPIMAGE,
    windowsPublisherNames: process.platform === 'win32' ? windowsPublisherNames() : undefined,
  });
  if (!plan.enabled) {
    log.info(`auto-update off: ${plan.reason}`);
    return { stop: () => {} };
  }

  const updater = electronUpdater.autoUpdater;
  const verdict = (info: UpdateInfo) => acceptOffer(info.version, app.getVersion(), plan.pinVersion);
  updater.logger = log;
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = plan.autoInstallOnAppQuit;
  updater.allowDowngrade = plan.allowDowngrade;
  updater.allowPrerelease = false;
  updater.setFeedURL({ provider: 'generic', url: plan.feedUrl });

  // Refused versions count as "no update" inside electron-updater itself, before anything is downloaded.
  const builtIn = updater.isUpdateSupported;
  updater.isUpdateSupported = async (info) => verdict(info).accept && (await builtIn(info));

  updater.on('update-available', (info: UpdateInfo) => {
    const v = verdict(info);
    if (!v.accept) {
      log.warn(`update ${info.version} refused: ${v.reason}`);
      return;
    }
    log.info(`downloading update ${info.version}`);
    updater.downloadUpdate().catch((err: unknown) => log.warn('update download failed', err));
  });
  updater.on('update-downloaded', (info: UpdateInfo) => {
    const v = verdict(info);
    updater.autoInstallOnAppQuit = v.accept;
    if (v.accept) log.info(`update ${info.version} ready; it installs when Counterpart quits`);
    else log.warn(`downloaded update ${info.version} will not be installed: ${v.reason}`);
  });
  updater.on('error', (err: Error) => log.warn('update check failed', err));

  const check = () => void updater.checkForUpdates().catch(() => {}); // failures arrive through 'error' above
  const first = setTimeout(check, FIRST_CHECK_AFTER_MS);
  const every = setInterval(check, UPDATE_CHECK_EVERY_MS);
  first.unref();
  every.unref();
  log.info(`auto-update on: ${plan.feedUrl}${plan.pinVersion ? ` (pinned to ${plan.pinVersion})` : ''}`);
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

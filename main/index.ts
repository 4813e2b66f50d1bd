// Electron composition root: lifecycle and wiring only. Everything with logic lives in plain-Node modules.
import { app, BrowserWindow, dialog, session, type WebContents } from 'electron';
import { DEFAULT_BACKUP_KEEP } from './backend';
import { windowChrome } from './config/launch';
import { loadManagedConfig, type LoadedConfig, type ManagedConfig } from './config/managed-config';
import { cspForIndex } from './csp';
import { registerIpc } from './electron/ipc';
import { createLog } from './electron/log';
import { resolvePaths } from './electron/paths';
import { appUrlCheck } from './electron/trust';
import { startUpdater } from './electron/updater';
import { applyMenu, createMainWindow, hardenSession } from './electron/window';
import { setDiagnosticsSources } from './ipc/diagnostics-handlers';
import { scheduleSettings, storeJobs } from './services/scheduled-jobs';
import { startScheduler, type Scheduler } from './services/scheduler';
import { openStore, type StoreLifecycle } from './store-lifecycle';

app.enableSandbox();
const { log, logger } = createLog();

function fatal(title: string, message: string): never {
  dialog.showErrorBox(title, `${message}\n\nLog file: ${log.transports.file.getFile().path}`);
  app.exit(1);
  throw new Error(message);
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would be a second writer on the same store; hand focus to the first one instead.
  app.quit();
} else {
  let store: StoreLifecycle | null = null;
  let jobs: Scheduler | null = null;
  let updater: { stop(): void } | null = null;
  let mainWindow: BrowserWindow | null = null;
  const windows = new Set<WebContents>();

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    let loaded: LoadedConfig;
    try {
      loaded = loadManagedConfig();
    } catch (err) {
      logger('invalid managed configuration', err);
      fatal('Counterpart cannot start', (err as Error).message);
    }
    const managed: ManagedConfig = loaded.values ?? {};
    const paths = resolvePaths(managed);
    if (paths.dbOverrideIgnored) log.warn(paths.dbOverrideIgnored);
    const chrome = windowChrome(app.isPackaged, process.platform);
    applyMenu(chrome.menu);
    const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
    const isAppUrl = appUrlCheck(paths.rendererIndex, devUrl);
    const { storeId, storeName, terminalId, timeZone, countryCode, returnWindowDays, idleLockMinutes } = managed;
    const storeConfig = Object.fromEntries(
      Object.entries({
        storeId,
        storeName,
        terminalId,
        timeZone,
        countryCode,
        returnWindowDays,
        idleLockMinutes,
      }).filter(([, v]) => v !== undefined),
    );

    // openStore does not throw for a broken database: it answers in recovery mode and the renderer offers backups.
    const schedule = scheduleSettings(managed, { backupDirectory: paths.backupDir, backupKeep: DEFAULT_BACKUP_KEEP });
    store = openStore({
      dbPath: paths.dbPath,
      backupDir: schedule.backupDirectory,
      backupKeep: schedule.backupKeep,
      config: storeConfig,
      managed: loaded.values,
      nativeBinding: paths.nativeBinding,
      log: logger,
      note: (m) => log.info(m),
    });
    log.info(`store ${store.problem() ? `in recovery (${store.problem()!.kind})` : 'opened'}: ${paths.dbPath}`);
    // Jobs see the store only while it is open; in recovery or during a restore they skip their turn.
    const lifecycle = store;
    jobs = startScheduler(
      storeJobs(() => lifecycle.current(), schedule, { nativeBinding: paths.nativeBinding }),
      logger,
    );
    setDiagnosticsSources({
      appVersion: app.getVersion(),
      runtime: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
      logFile: log.transports.file.getFile().path,
      configFile: loaded.file,
      managed: loaded.values,
      defaults: { ...schedule, databasePath: paths.dbPath, updateUrl: null, pinVersion: null },
    });

    hardenSession(session.defaultSession, cspForIndex(paths.rendererIndex), isAppUrl);
    registerIpc({ dispatch: store.dispatch, isAppUrl, isOwnWebContents: (wc) => windows.has(wc), log: logger });

    const openWindow = () => {
      const win = createMainWindow({
        preload: paths.preload,
        rendererIndex: paths.rendererIndex,
        devUrl,
        devTools: chrome.devTools,
        log: logger,
      });
      const wc = win.webContents;
      windows.add(wc);
      win.on('closed', () => {
        windows.delete(wc);
        if (mainWindow === win) mainWindow = null;
      });
      mainWindow = win;
    };
    openWindow();
    updater = startUpdater({ updateUrl: managed.updateUrl, pinVersion: managed.pinVersion }, log);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    updater?.stop();
    jobs?.stop();
    store?.close();
    store = null;
  });
}

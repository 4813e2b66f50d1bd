import { BrowserWindow, Menu, type Session } from 'electron';
import type { WindowChrome } from '../config/launch';
import type { Logger } from '../ipc/dispatch';
import type { UrlCheck } from './trust';

/** Copying a suggestion uses navigator.clipboard.writeText; nothing else (camera, location, notifications…) is granted. */
const GRANTED = new Set(['clipboard-sanitized-write']);

export interface WindowOptions {
  preload: string;
  rendererIndex: string;
  /** electron-vite's dev server, only honoured for unpackaged runs. */
  devUrl: string | undefined;
  /** False in installed builds (main/config/launch.ts): no DevTools, whatever the keyboard or a menu asks. */
  devTools: boolean;
  log: Logger;
}

/** Sets the application menu main/config/launch.ts chose; 'default' keeps Electron's own. Call before any window opens. */
export function applyMenu(menu: WindowChrome['menu']): void {
  if (menu === 'default') return;
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
}

/**
 * Per-session rules: permissions only for our own page and only from the short list above, and the renderer's CSP
 * repeated as a response header for the app's own files, so a tampered or missing meta tag cannot loosen it.
 */
export function hardenSession(ses: Session, csp: string, isAppUrl: UrlCheck): void {
  ses.setPermissionRequestHandler((wc, permission, callback) =>
    callback(GRANTED.has(permission) && isAppUrl(wc.getURL())),
  );
  ses.setPermissionCheckHandler((wc, permission) => GRANTED.has(permission) && wc !== null && isAppUrl(wc.getURL()));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived({ urls: ['file://*/*'] }, (details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

export function createMainWindow({ preload, rendererIndex, devUrl, devTools, log }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Counterpart',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      devTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  const wc = win.webContents;

  // The app is one page; anything that tries to leave it (a dropped file, a pasted link, injected markup) is refused.
  wc.on('will-navigate', (event) => {
    event.preventDefault();
    log('blocked a navigation');
  });
  wc.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  wc.on('will-redirect', (event) => {
    event.preventDefault();
    log('blocked a redirect');
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));

  win.once('ready-to-show', () => win.show());
  wc.on('render-process-gone', (_event, details) => log(`renderer process gone: ${details.reason}`));

  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

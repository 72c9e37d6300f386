import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, session, shell } from 'electron';
import { openApp, type TickstepApp } from '../app/open-app';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import type { Updater } from '../features/updates';
import { systemClock } from '../platform/clock';
import { handleCandleFileDialog } from './file-dialog';
import { buildMenu } from './menu';
import { electronPrintPdf } from './print-pdf';
import { safeStorageSecretStores } from './safe-storage';
import { checkForUpdatesFromMenu, createElectronUpdater } from './updater';
import { loadWindowState, trackWindowState } from './window-state';

/** The thin Electron shell: a hardened window, the contract over IPC, the menu. */
let tickstep: TickstepApp | undefined;
const here = dirname(fileURLToPath(import.meta.url));

function isOwnUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return url.startsWith('file://') || (dev !== undefined && url.startsWith(dev));
}

function createWindow(backend: TickstepApp, updater: Updater): BrowserWindow {
  const userData = app.getPath('userData');
  const state = loadWindowState(userData);
  const window = new BrowserWindow({
    ...state,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Tickstep',
    backgroundColor: '#0f1419',
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  if (state.maximized) window.maximize();
  trackWindowState(userData, window);
  window.once('ready-to-show', () => window.show());

  // Navigation and new windows are blocked; http(s) links open in the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://') || url.startsWith('http://')) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const unsubscribe = backend.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send('tickstep:event', name, payload);
  });
  window.on('closed', unsubscribe);
  Menu.setApplicationMenu(
    buildMenu(
      window,
      (command) => backend.events.emit('app:command', { command }),
      () =>
        void checkForUpdatesFromMenu(updater, window).catch((error: unknown) =>
          console.error('Update check from the menu failed', error),
        ),
    ),
  );

  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(join(here, '../renderer/index.html'));
  return window;
}

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const dataDir = process.env.TICKSTEP_DATA_DIR ?? app.getPath('userData');
  const updater = createElectronUpdater(systemClock);
  const backend = openApp({
    dataDir,
    appRoot: app.getAppPath(),
    mode: 'electron',
    version: app.getVersion(),
    updater,
    secretStores: safeStorageSecretStores(dataDir),
    printPdf: electronPrintPdf,
  });
  tickstep = backend;
  ipcMain.handle('tickstep:call', (_event, name: unknown, input: unknown) =>
    backend.dispatch(String(name), input),
  );
  handleCandleFileDialog();
  createWindow(backend, updater);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(backend, updater);
  });
  // Check for updates on start, once the window is up; the renderer hears the outcome as updates:state.
  if (updater.getState().supported) setTimeout(() => void updater.check(), 5000).unref();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  tickstep?.close();
  tickstep = undefined;
});

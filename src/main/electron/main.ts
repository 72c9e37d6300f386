import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type Session,
  session,
  shell,
  type WebContents,
} from 'electron';
import { ErrorCode } from '../../shared/errors';
import { openApp, type TickstepApp } from '../app/open-app';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { loadLicencePublicKey } from '../features/plan';
import type { Updater } from '../features/updates';
import { systemClock } from '../platform/clock';
import { handleFileDialogs } from './file-dialog';
import { buildMenu } from './menu';
import { electronNotify } from './notify';
import { electronPrintPdf } from './print-pdf';
import { safeStorageSecretStores } from './safe-storage';
import {
  appEntry,
  isAllowedNavigation,
  isExternalLink,
  isPermissionGranted,
  isTrustedSender,
  startFailureText,
} from './shell-policy';
import { checkForUpdatesFromMenu, createElectronUpdater } from './updater';
import { loadWindowState, trackWindowState } from './window-state';

/** The thin Electron shell: a hardened window, the contract over IPC, the menu. */
let tickstep: TickstepApp | undefined;
let mainWindow: BrowserWindow | undefined;
const here = dirname(fileURLToPath(import.meta.url));
/** The one page the window may show and the only IPC sender answered. */
const entry = appEntry(
  join(here, '../renderer/index.html'),
  process.env.ELECTRON_RENDERER_URL,
  app.isPackaged,
);

/** Every web contents (the window, the hidden PDF printer): no navigation away, no new windows, no webviews. */
function hardenContents(contents: WebContents): void {
  const guard = (event: Electron.Event, url: string) => {
    if (!isAllowedNavigation(url, entry)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // New windows are blocked; http(s) links open in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  hardenSession(contents.session);
}

const hardened = new WeakSet<Session>();
/** Permissions are refused, both when a page asks and when it checks whether it has one. */
function hardenSession(target: Session): void {
  if (hardened.has(target)) return;
  hardened.add(target);
  target.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  target.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
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
      webviewTag: false,
    },
  });
  mainWindow = window;
  if (state.maximized) window.maximize();
  trackWindowState(userData, window);
  window.once('ready-to-show', () => window.show());

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

  void window.loadURL(entry.url);
  return window;
}

/** Tells the trader the damaged store was kept aside, and offers to show it. */
function tellStoreRecovered(backend: TickstepApp, window: BrowserWindow): void {
  const recovered = backend.ctx.store.recovered;
  if (!recovered) return;
  window.once('ready-to-show', () => {
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        message: 'Your Tickstep store was damaged',
        detail: recovered.message,
        buttons: ['OK', 'Show the kept file'],
        defaultId: 0,
        cancelId: 0,
      })
      .then(({ response }) => {
        if (response === 1) shell.showItemInFolder(recovered.keptAt);
      });
  });
}

function start(): void {
  hardenSession(session.defaultSession);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  const dataDir = process.env.TICKSTEP_DATA_DIR ?? app.getPath('userData');
  const updater = createElectronUpdater(systemClock);
  let backend: TickstepApp;
  try {
    backend = openApp({
      dataDir,
      appRoot: app.getAppPath(),
      mode: 'electron',
      version: app.getVersion(),
      updater,
      secretStores: safeStorageSecretStores(dataDir),
      printPdf: electronPrintPdf,
      notify: electronNotify,
      // A packaged build trusts only the key it ships; TICKSTEP_LICENCE_PUBLIC_KEY is for development.
      licencePublicKeyPem: loadLicencePublicKey(app.getAppPath(), process.env, !app.isPackaged),
      seedSample: true,
    });
  } catch (error) {
    console.error('Tickstep could not start', error);
    dialog.showErrorBox('Tickstep cannot start', startFailureText(error, dataDir));
    app.exit(1);
    return;
  }
  tickstep = backend;
  ipcMain.handle('tickstep:call', (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, entry)) {
      return {
        ok: false,
        error: {
          code: ErrorCode.FORBIDDEN,
          message: 'Refused: the call did not come from the Tickstep window.',
        },
      };
    }
    return backend.dispatch(String(name), input);
  });
  handleFileDialogs((event) => isTrustedSender(event.senderFrame, entry), backend.files);
  tellStoreRecovered(backend, createWindow(backend, updater));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(backend, updater);
  });
  // Check for updates on start, once the window is up; the renderer hears the outcome as updates:state.
  if (updater.getState().supported) setTimeout(() => void updater.check(), 5000).unref();
}

// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();
// One Tickstep at a time: two processes on one store would fight over it. A second start focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Tickstep could not start', error);
      dialog.showErrorBox('Tickstep cannot start', startFailureText(error, ''));
      app.exit(1);
    });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  tickstep?.close();
  tickstep = undefined;
});

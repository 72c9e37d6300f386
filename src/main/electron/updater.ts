import { app, type BrowserWindow, dialog } from 'electron';
import electronUpdater, { type AppUpdater, type ProgressInfo, type UpdateInfo } from 'electron-updater';
import type { UpdateDriver, UpdateDriverEvent, UpdateRelease, Updater } from '../features/updates';
import { createUnsupportedUpdater, createUpdater } from '../features/updates';
import type { Clock } from '../platform/clock';
import { checkUpdateFeedUrl } from './shell-policy';

/**
 * electron-updater behind the Updater interface. Configuration (environment, read at start):
 * - `TICKSTEP_UPDATE_URL`: a generic feed URL, https only (the folder holding `latest.yml`, `latest-linux.yml`,
 *   `latest-mac.yml`); overrides the `publish` URL electron-builder wrote into `app-update.yml`.
 * - `TICKSTEP_UPDATE_CHANNEL`: `latest` (default) or e.g. `beta` (allows pre-releases).
 * - `TICKSTEP_UPDATES=off`: no checks at all (managed machines, packagers).
 * An unpackaged build (`npm start`) checks only when `TICKSTEP_UPDATE_URL` is set.
 * Updates download when the trader asks and install when the app quits (or at once on request).
 */
export function createElectronUpdater(clock: Clock, env: NodeJS.ProcessEnv = process.env): Updater {
  const currentVersion = app.getVersion();
  if (/^(0|off|false|no)$/i.test(env.TICKSTEP_UPDATES ?? '')) {
    return createUnsupportedUpdater(currentVersion, 'Updates are switched off (TICKSTEP_UPDATES=off).');
  }
  const feedUrl = env.TICKSTEP_UPDATE_URL?.trim();
  if (!app.isPackaged && !feedUrl) {
    return createUnsupportedUpdater(
      currentVersion,
      'This is a development build: set TICKSTEP_UPDATE_URL to a feed to try updates, or install a release.',
    );
  }
  const autoUpdater = electronUpdater.autoUpdater;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = {
    info: () => undefined,
    warn: (message?: unknown) => console.warn('[updater]', message),
    error: (message?: unknown) => console.error('[updater]', message),
  };
  const channel = env.TICKSTEP_UPDATE_CHANNEL?.trim();
  if (channel) {
    autoUpdater.channel = channel;
    autoUpdater.allowPrerelease = channel !== 'latest';
  }
  if (feedUrl) {
    // https only: over http the feed and the installer it names could be swapped on the way.
    const checked = checkUpdateFeedUrl(feedUrl);
    if (!checked.ok) return createUnsupportedUpdater(currentVersion, checked.message);
    autoUpdater.setFeedURL({ provider: 'generic', url: checked.url, channel: channel || undefined });
    if (!app.isPackaged) autoUpdater.forceDevUpdateConfig = true;
  }
  return createUpdater(electronUpdaterDriver(autoUpdater), { currentVersion, clock });
}

function release(info: UpdateInfo): UpdateRelease {
  return {
    version: info.version,
    releaseName: info.releaseName ?? null,
    releaseNotes: info.releaseNotes ?? null,
    releaseDate: info.releaseDate ?? null,
  };
}

/** Adapts autoUpdater's events to UpdateDriverEvent. */
export function electronUpdaterDriver(autoUpdater: AppUpdater): UpdateDriver {
  return {
    checkForUpdates: () => autoUpdater.checkForUpdates(),
    downloadUpdate: () => autoUpdater.downloadUpdate(),
    quitAndInstall: () => autoUpdater.quitAndInstall(false, true),
    on(listener: (event: UpdateDriverEvent) => void) {
      const onChecking = () => listener({ type: 'checking' });
      const onAvailable = (info: UpdateInfo) => listener({ type: 'available', release: release(info) });
      const onNotAvailable = (info: UpdateInfo) =>
        listener({ type: 'not-available', release: release(info) });
      const onProgress = (p: ProgressInfo) =>
        listener({
          type: 'progress',
          progress: {
            percent: Math.max(0, Math.min(100, p.percent)),
            transferredBytes: p.transferred,
            totalBytes: p.total,
            bytesPerSecond: p.bytesPerSecond,
          },
        });
      const onDownloaded = (info: UpdateInfo) => listener({ type: 'downloaded', release: release(info) });
      const onError = (error: Error) => listener({ type: 'error', message: error?.message ?? String(error) });
      autoUpdater.on('checking-for-update', onChecking);
      autoUpdater.on('update-available', onAvailable);
      autoUpdater.on('update-not-available', onNotAvailable);
      autoUpdater.on('download-progress', onProgress);
      autoUpdater.on('update-downloaded', onDownloaded);
      autoUpdater.on('error', onError);
      return () => {
        autoUpdater.off('checking-for-update', onChecking);
        autoUpdater.off('update-available', onAvailable);
        autoUpdater.off('update-not-available', onNotAvailable);
        autoUpdater.off('download-progress', onProgress);
        autoUpdater.off('update-downloaded', onDownloaded);
        autoUpdater.off('error', onError);
      };
    },
  };
}

/**
 * "Check for updates…" from the menu: the same check as at start, with a native answer so the trader
 * sees the outcome even with no settings screen open: up to date, an offer to download, or the error.
 * Once downloaded it offers to restart now; otherwise the update installs when the app quits.
 */
export async function checkForUpdatesFromMenu(updater: Updater, window: BrowserWindow | null): Promise<void> {
  const show = (options: Electron.MessageBoxOptions) =>
    window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  let state = updater.getState();
  if (!state.supported) {
    await show({ type: 'info', message: 'Updates', detail: state.message ?? 'Updates are not available.' });
    return;
  }
  if (state.status === 'downloaded') return offerRestart(updater, show);
  if (state.status === 'downloading') {
    await show({
      type: 'info',
      message: `Downloading Tickstep ${state.version ?? ''}`.trim(),
      detail: 'It installs when you quit the app.',
    });
    return;
  }
  state = await updater.check();
  if (state.status === 'not-available') {
    await show({
      type: 'info',
      message: "You're up to date",
      detail: `Tickstep ${state.currentVersion} is the newest version.`,
    });
  } else if (state.status === 'error') {
    await show({ type: 'warning', message: 'Could not check for updates', detail: state.message ?? '' });
  } else if (state.status === 'available') {
    const notes = state.releaseNotes ? `\n\n${state.releaseNotes.slice(0, 1500)}` : '';
    const { response } = await show({
      type: 'info',
      message: `Tickstep ${state.version} is available`,
      detail: `You have ${state.currentVersion}. Download it now? It installs when you quit the app.${notes}`,
      buttons: ['Download', 'Later'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response !== 0) return;
    await updater.download();
    const stop = updater.subscribe((next) => {
      if (next.status === 'downloaded') {
        stop();
        void offerRestart(updater, show);
      } else if (next.status === 'error') {
        stop();
        void show({
          type: 'warning',
          message: 'The update could not be downloaded',
          detail: next.message ?? '',
        });
      }
    });
  }
}

async function offerRestart(
  updater: Updater,
  show: (options: Electron.MessageBoxOptions) => Promise<Electron.MessageBoxReturnValue>,
): Promise<void> {
  const state = updater.getState();
  const { response } = await show({
    type: 'info',
    message: `Tickstep ${state.version ?? ''} is ready to install`.replace('  ', ' '),
    detail: 'Restart now to install it, or it installs when you quit the app.',
    buttons: ['Restart now', 'Later'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0) await updater.install();
}

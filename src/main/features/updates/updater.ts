import type { UpdateProgressDto, UpdateStateDto } from '../../../shared/contract/updates';

/**
 * What the app asks of an updater. The Electron build backs it with electron-updater
 * (src/main/electron/updater.ts); browser mode and the CLI get `createUnsupportedUpdater`.
 */
export interface Updater {
  getState(): UpdateStateDto;
  /** Resolves with the state once the feed has answered (or failed). */
  check(): Promise<UpdateStateDto>;
  /** Starts the download of the available update and resolves at once; progress comes as states. */
  download(): Promise<UpdateStateDto>;
  /** Quits and installs the downloaded update. */
  install(): Promise<UpdateStateDto>;
  /** Every state change; returns the unsubscribe function. */
  subscribe(listener: (state: UpdateStateDto) => void): () => void;
  dispose(): void;
}

/** What the feed says about a release, as the driver reports it. */
export interface UpdateRelease {
  version: string;
  releaseName?: string | null;
  /** A string (often HTML) or electron-updater's per-version list. */
  releaseNotes?: string | ReadonlyArray<{ version: string; note: string | null }> | null;
  releaseDate?: string | null;
}

/** The low-level events of an update engine such as electron-updater's autoUpdater. */
export type UpdateDriverEvent =
  | { type: 'checking' }
  | { type: 'available'; release: UpdateRelease }
  | { type: 'not-available'; release?: UpdateRelease }
  | { type: 'progress'; progress: UpdateProgressDto }
  | { type: 'downloaded'; release: UpdateRelease }
  | { type: 'error'; message: string };

/**
 * The engine behind an updater: electron-updater in the desktop build, a fake in tests.
 * Its promises may resolve before or after the matching events; the state machine relies on events
 * and uses a rejection only as an error.
 */
export interface UpdateDriver {
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(): void;
  on(listener: (event: UpdateDriverEvent) => void): () => void;
}

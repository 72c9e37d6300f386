import type { UpdateProgressDto, UpdateStateDto } from '../../../shared/contract/updates';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Clock } from '../../platform/clock';
import type { UpdateDriver, UpdateDriverEvent, UpdateRelease, Updater } from './updater';

export interface UpdaterOptions {
  currentVersion: string;
  clock: Clock;
  /** Milliseconds between two progress states pushed while downloading (default 100, ~10 a second). */
  progressIntervalMs?: number;
  /** Monotonic milliseconds, for the progress throttle (default `performance.now`). */
  nowMs?: () => number;
  /** Runs the install a moment later so the answer to `updates:install` reaches the window first. */
  schedule?: (run: () => void) => void;
}

const MAX_MESSAGE = 300;
const MAX_NOTES = 20_000;

/** The state machine over an UpdateDriver: idle → checking → available / not-available → downloading → downloaded; any → error. */
export function createUpdater(driver: UpdateDriver, options: UpdaterOptions): Updater {
  const listeners = new Set<(state: UpdateStateDto) => void>();
  const progressIntervalMs = options.progressIntervalMs ?? 100;
  const nowMs = options.nowMs ?? (() => performance.now());
  const schedule = options.schedule ?? ((run) => setTimeout(run, 200));
  let state: UpdateStateDto = {
    supported: true,
    status: 'idle',
    currentVersion: options.currentVersion,
    version: null,
    releaseName: null,
    releaseNotes: null,
    releaseDate: null,
    progress: null,
    message: null,
    checkedAt: null,
  };
  /** The release offered by the last check, kept across a failed download so it can be retried. */
  let offered: UpdateRelease | null = null;
  let pendingCheck: Promise<UpdateStateDto> | null = null;
  let lastProgressAt = Number.NEGATIVE_INFINITY;
  let pendingProgress: ReturnType<typeof setTimeout> | null = null;

  const emit = () => {
    const snapshot = { ...state };
    for (const listener of listeners) listener(snapshot);
  };
  const set = (patch: Partial<UpdateStateDto>) => {
    if (pendingProgress) {
      clearTimeout(pendingProgress);
      pendingProgress = null;
    }
    state = { ...state, ...patch };
    emit();
  };
  const releaseFields = (release: UpdateRelease | null) => ({
    version: release?.version ?? null,
    releaseName: release?.releaseName ?? null,
    releaseNotes: release ? releaseNotesText(release.releaseNotes) : null,
    releaseDate: release?.releaseDate ?? null,
  });
  const fail = (message: string) => set({ status: 'error', message: shortMessage(message) });

  const onProgress = (progress: UpdateProgressDto) => {
    if (state.status !== 'downloading' && state.status !== 'available') return;
    const now = nowMs();
    const finished = progress.percent >= 100;
    state = { ...state, status: 'downloading', progress, message: null };
    if (finished || now - lastProgressAt >= progressIntervalMs) {
      lastProgressAt = now;
      set({});
    } else if (!pendingProgress) {
      // Keep the last figure: push it when the interval is over unless another state comes first.
      pendingProgress = setTimeout(
        () => {
          pendingProgress = null;
          lastProgressAt = nowMs();
          emit();
        },
        progressIntervalMs - (now - lastProgressAt),
      );
    }
  };

  const onEvent = (event: UpdateDriverEvent) => {
    switch (event.type) {
      case 'checking':
        if (state.status !== 'downloading' && state.status !== 'downloaded')
          set({ status: 'checking', message: null });
        return;
      case 'available':
        offered = event.release;
        if (state.status === 'downloading' || state.status === 'downloaded') return;
        set({ status: 'available', ...releaseFields(offered), progress: null, message: null });
        return;
      case 'not-available':
        if (state.status === 'downloading' || state.status === 'downloaded') return;
        offered = null;
        set({ status: 'not-available', ...releaseFields(null), progress: null, message: null });
        return;
      case 'progress':
        onProgress(event.progress);
        return;
      case 'downloaded': {
        offered = event.release;
        const total = state.progress?.totalBytes ?? 0;
        set({
          status: 'downloaded',
          ...releaseFields(offered),
          progress: { percent: 100, transferredBytes: total, totalBytes: total, bytesPerSecond: 0 },
          message: null,
        });
        return;
      }
      case 'error':
        fail(event.message);
        return;
    }
  };
  const unsubscribeDriver = driver.on(onEvent);

  const check = (): Promise<UpdateStateDto> => {
    if (state.status === 'downloading' || state.status === 'downloaded') return Promise.resolve({ ...state });
    if (pendingCheck) return pendingCheck;
    set({ status: 'checking', message: null });
    pendingCheck = (async () => {
      try {
        await driver.checkForUpdates();
        // No event at all (a driver with nothing to do): report nothing new rather than hang in `checking`.
        if (state.status === 'checking') set({ status: 'not-available', ...releaseFields(null) });
      } catch (error) {
        fail(errorMessage(error));
      }
      set({ checkedAt: options.clock.nowSeconds() });
      return { ...state };
    })().finally(() => {
      pendingCheck = null;
    });
    return pendingCheck;
  };

  const download = async (): Promise<UpdateStateDto> => {
    if (state.status === 'downloading' || state.status === 'downloaded') return { ...state };
    const retry = state.status === 'error' && offered !== null;
    if (state.status !== 'available' && !retry) {
      throw new AppError(
        ErrorCode.CONFLICT,
        state.status === 'checking'
          ? 'Still checking for updates; download once an update is found.'
          : 'There is no update to download; check for updates first.',
        { status: state.status },
      );
    }
    lastProgressAt = Number.NEGATIVE_INFINITY;
    set({
      status: 'downloading',
      ...releaseFields(offered),
      progress: { percent: 0, transferredBytes: 0, totalBytes: 0, bytesPerSecond: 0 },
      message: null,
    });
    driver.downloadUpdate().catch((error: unknown) => fail(errorMessage(error)));
    return { ...state };
  };

  const install = async (): Promise<UpdateStateDto> => {
    if (state.status !== 'downloaded') {
      throw new AppError(
        ErrorCode.CONFLICT,
        state.status === 'downloading'
          ? 'The update is still downloading; install it once the download has finished.'
          : 'There is no downloaded update to install.',
        { status: state.status },
      );
    }
    schedule(() => {
      try {
        driver.quitAndInstall();
      } catch (error) {
        fail(errorMessage(error));
      }
    });
    return { ...state };
  };

  return {
    getState: () => ({ ...state }),
    check,
    download,
    install,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (pendingProgress) clearTimeout(pendingProgress);
      pendingProgress = null;
      unsubscribeDriver();
      listeners.clear();
    },
  };
}

export const UNSUPPORTED_UPDATES_MESSAGE =
  'Updates are installed by the desktop app. Browser mode and the command line run the code in this ' +
  'folder and never update themselves: update the desktop app, or pull and rebuild.';

/** Browser mode and the CLI: a state that says so, and a clear UNSUPPORTED error for every action. */
export function createUnsupportedUpdater(
  currentVersion: string,
  message: string = UNSUPPORTED_UPDATES_MESSAGE,
): Updater {
  const state: UpdateStateDto = {
    supported: false,
    status: 'idle',
    currentVersion,
    version: null,
    releaseName: null,
    releaseNotes: null,
    releaseDate: null,
    progress: null,
    message,
    checkedAt: null,
  };
  const refuse = async (): Promise<UpdateStateDto> => {
    throw new AppError(ErrorCode.UNSUPPORTED, message);
  };
  return {
    getState: () => ({ ...state }),
    check: refuse,
    download: refuse,
    install: refuse,
    subscribe: () => () => undefined,
    dispose: () => undefined,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of an error, without the HTTP body or stack electron-updater sometimes appends. */
export function shortMessage(message: string): string {
  const first = (message.split('\n')[0] ?? '').trim() || 'The update failed for an unknown reason.';
  return first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE - 1)}…` : first;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Release notes as plain text: the feed's HTML is reduced to lines, so the renderer never renders markup from the network. */
export function releaseNotesText(notes: UpdateRelease['releaseNotes']): string | null {
  if (notes === null || notes === undefined) return null;
  const text =
    typeof notes === 'string'
      ? htmlToText(notes)
      : notes
          .map((n) => {
            const body = n.note ? htmlToText(n.note) : '';
            return body ? `${n.version}\n${body}` : n.version;
          })
          .join('\n\n');
  const trimmed = text.trim();
  if (!trimmed) return null;
  return trimmed.length > MAX_NOTES ? `${trimmed.slice(0, MAX_NOTES - 1)}…` : trimmed;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? whole;
      const code = /^#x/i.test(name)
        ? Number.parseInt(name.slice(2), 16)
        : Number.parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

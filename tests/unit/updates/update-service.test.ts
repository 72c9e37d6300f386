import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createUnsupportedUpdater,
  createUpdater,
  releaseNotesText,
  shortMessage,
} from '../../../src/main/features/updates/service';
import type { UpdateDriver, UpdateDriverEvent } from '../../../src/main/features/updates/updater';
import type { UpdateStateDto } from '../../../src/shared/contract/updates';
import { AppError } from '../../../src/shared/errors';
import { openTempApp } from '../../helpers/temp-app';

/** A scripted update engine: each call runs the events the test queued for it. */
class FakeDriver implements UpdateDriver {
  listeners = new Set<(e: UpdateDriverEvent) => void>();
  onCheck: () => Promise<unknown> = async () => null;
  onDownload: () => Promise<unknown> = async () => [];
  checks = 0;
  downloads = 0;
  installs = 0;

  emit(event: UpdateDriverEvent) {
    for (const l of this.listeners) l(event);
  }
  checkForUpdates() {
    this.checks++;
    return this.onCheck();
  }
  downloadUpdate() {
    this.downloads++;
    return this.onDownload();
  }
  quitAndInstall() {
    this.installs++;
  }
  on(listener: (e: UpdateDriverEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const release = {
  version: '1.2.0',
  releaseName: 'Tickstep 1.2',
  releaseNotes:
    '<h2>New</h2><ul><li>Faster replay &amp; import</li><li>Fix</li></ul><script>alert(1)</script>',
  releaseDate: '2026-11-20T10:00:00.000Z',
};

function setup(msPerCall = 0) {
  const driver = new FakeDriver();
  let ms = 0;
  const scheduled: (() => void)[] = [];
  const updater = createUpdater(driver, {
    currentVersion: '1.1.0',
    clock: { nowSeconds: () => 1_800_000_000 },
    nowMs: () => (ms += msPerCall),
    schedule: (run) => scheduled.push(run),
  });
  const states: UpdateStateDto[] = [];
  updater.subscribe((s) => states.push(s));
  return { driver, updater, states, scheduled };
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

afterEach(() => vi.useRealTimers());

describe('update state machine', () => {
  it('starts idle and finds an update with its release notes as text', async () => {
    const { driver, updater, states } = setup();
    expect(updater.getState()).toMatchObject({ supported: true, status: 'idle', currentVersion: '1.1.0' });
    driver.onCheck = async () => {
      driver.emit({ type: 'checking' });
      driver.emit({ type: 'available', release });
      return { updateInfo: release };
    };
    const state = await updater.check();
    expect(state).toMatchObject({
      status: 'available',
      version: '1.2.0',
      releaseName: 'Tickstep 1.2',
      releaseNotes: 'New\n\n- Faster replay & import\n- Fix',
      releaseDate: '2026-11-20T10:00:00.000Z',
      checkedAt: 1_800_000_000,
      message: null,
    });
    expect(states.map((s) => s.status)).toEqual(['checking', 'checking', 'available', 'available']);
  });

  it('reports not-available, and not-available when the engine answers without events', async () => {
    const { driver, updater } = setup();
    driver.onCheck = async () => driver.emit({ type: 'not-available' });
    expect((await updater.check()).status).toBe('not-available');
    driver.onCheck = async () => null;
    expect((await updater.check()).status).toBe('not-available');
  });

  it('turns a failed check into an error state with a short message, and can check again', async () => {
    const { driver, updater } = setup();
    driver.onCheck = async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED\n    at stack line\n    at more');
    };
    const state = await updater.check();
    expect(state).toMatchObject({ status: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
    driver.onCheck = async () => driver.emit({ type: 'available', release });
    expect((await updater.check()).status).toBe('available');
  });

  it('runs one check at a time', async () => {
    const { driver, updater } = setup();
    let finish: () => void = () => {};
    driver.onCheck = () => new Promise<void>((resolve) => (finish = resolve));
    const a = updater.check();
    const b = updater.check();
    expect(updater.getState().status).toBe('checking');
    driver.emit({ type: 'not-available' });
    finish();
    expect(await a).toEqual(await b);
    expect(driver.checks).toBe(1);
  });

  it('downloads with throttled progress, then installs on request', async () => {
    vi.useFakeTimers();
    const { driver, updater, states, scheduled } = setup(10); // 10 ms pass between progress events
    driver.onCheck = async () => driver.emit({ type: 'available', release });
    await updater.check();
    expect((await appError(updater.install())).code).toBe('CONFLICT');

    const started = await updater.download();
    expect(started).toMatchObject({ status: 'downloading', progress: { percent: 0 } });
    states.length = 0;
    for (let i = 1; i <= 30; i++) {
      driver.emit({
        type: 'progress',
        progress: { percent: i * 3, transferredBytes: i * 3000, totalBytes: 100_000, bytesPerSecond: 5000 },
      });
    }
    // 30 events 10 ms apart (300 ms) → a push about every 100 ms, not 30.
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(states.length).toBeLessThanOrEqual(4);
    vi.advanceTimersByTime(200);
    expect(states.at(-1)?.progress?.percent).toBe(90); // the last figure is not lost
    driver.emit({
      type: 'progress',
      progress: { percent: 100, transferredBytes: 100_000, totalBytes: 100_000, bytesPerSecond: 5000 },
    });
    expect(states.at(-1)?.progress?.percent).toBe(100);
    expect(await updater.download()).toMatchObject({ status: 'downloading' }); // no second download
    expect(driver.downloads).toBe(1);

    driver.emit({ type: 'downloaded', release });
    expect(updater.getState()).toMatchObject({
      status: 'downloaded',
      version: '1.2.0',
      progress: { percent: 100, totalBytes: 100_000 },
    });
    // A check while an update waits to install changes nothing.
    expect((await updater.check()).status).toBe('downloaded');
    expect(driver.checks).toBe(1);

    expect((await updater.install()).status).toBe('downloaded');
    expect(driver.installs).toBe(0); // deferred so the answer reaches the window first
    for (const run of scheduled) run();
    expect(driver.installs).toBe(1);
  });

  it('refuses to download with nothing available, and retries a failed download', async () => {
    const { driver, updater } = setup();
    const e = await appError(updater.download());
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('check for updates first');

    driver.onCheck = async () => driver.emit({ type: 'available', release });
    await updater.check();
    driver.onDownload = async () => {
      throw new Error('sha512 checksum mismatch');
    };
    await updater.download();
    await Promise.resolve();
    await Promise.resolve();
    expect(updater.getState()).toMatchObject({
      status: 'error',
      message: 'sha512 checksum mismatch',
      version: '1.2.0',
    });
    driver.onDownload = async () => driver.emit({ type: 'downloaded', release });
    await updater.download();
    await Promise.resolve();
    expect(updater.getState().status).toBe('downloaded');
    expect(driver.downloads).toBe(2);
  });

  it('stops listening to the engine once disposed', async () => {
    const { driver, updater, states } = setup();
    updater.dispose();
    driver.emit({ type: 'available', release });
    expect(states).toEqual([]);
    expect(driver.listeners.size).toBe(0);
  });
});

describe('release notes and messages', () => {
  it('reduces HTML and per-version lists to plain text', () => {
    expect(releaseNotesText(null)).toBeNull();
    expect(releaseNotesText('   ')).toBeNull();
    expect(releaseNotesText('<p>One</p><p>Two&nbsp;&lt;3 &#233; &#x1F600; &#99999999;</p>')).toBe(
      'One\nTwo <3 é 😀 &#99999999;',
    );
    expect(
      releaseNotesText([
        { version: '1.2.0', note: '<b>Big</b> change' },
        { version: '1.1.1', note: null },
      ]),
    ).toBe('1.2.0\nBig change\n\n1.1.1');
    expect(releaseNotesText('<img src=x onerror=alert(1)>Safe')).toBe('Safe');
  });

  it('keeps error messages short', () => {
    expect(shortMessage('')).toBe('The update failed for an unknown reason.');
    expect(shortMessage('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('no updater here', () => {
  it('says so in its state and refuses every action with UNSUPPORTED', async () => {
    const updater = createUnsupportedUpdater('1.1.0');
    expect(updater.getState()).toMatchObject({ supported: false, status: 'idle', currentVersion: '1.1.0' });
    expect(updater.getState().message).toContain('Browser mode and the command line');
    for (const action of [updater.check, updater.download, updater.install]) {
      expect((await appError(action())).code).toBe('UNSUPPORTED');
    }
  });

  it('is what browser mode and the CLI answer through the contract', async () => {
    const app = openTempApp({ version: '1.1.0' });
    try {
      expect(await app.dispatch('updates:get-state', {})).toMatchObject({
        ok: true,
        value: { supported: false, currentVersion: '1.1.0' },
      });
      expect(await app.dispatch('updates:check', {})).toMatchObject({
        ok: false,
        error: { code: 'UNSUPPORTED' },
      });
    } finally {
      app.dispose();
    }
  });

  it('pushes the desktop updater states as updates:state events', async () => {
    const driver = new FakeDriver();
    const updater = createUpdater(driver, { currentVersion: '1.1.0', clock: { nowSeconds: () => 0 } });
    const app = openTempApp({ updater });
    try {
      const pushed: unknown[] = [];
      app.events.subscribe((name, payload) => {
        if (name === 'updates:state') pushed.push(payload);
      });
      driver.onCheck = async () => driver.emit({ type: 'available', release });
      expect(await app.dispatch('updates:check', {})).toMatchObject({
        ok: true,
        value: { status: 'available', version: '1.2.0' },
      });
      expect(pushed.at(-1)).toMatchObject({ status: 'available', version: '1.2.0' });
      expect(await app.dispatch('updates:install', {})).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    } finally {
      app.dispose();
    }
    expect(driver.listeners.size).toBe(0);
  });
});

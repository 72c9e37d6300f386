import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { magicLinkToken, toAppError } from '../../../src/main/features/online/account';
import { isTransient } from '../../../src/main/features/online/server-client';
import { defaultServerUrl, SettingsStore } from '../../../src/main/features/online/settings';
import { backoffSeconds } from '../../../src/main/features/online/support/service';
import { Scheduler, type Timers } from '../../../src/main/platform/timers';

describe('support backoff', () => {
  it('doubles from 5 s and stops at 15 minutes', () => {
    expect([1, 2, 3, 4, 5].map(backoffSeconds)).toEqual([5, 10, 20, 40, 80]);
    expect(backoffSeconds(30)).toBe(900);
  });
});

describe('Scheduler', () => {
  const fake = () => {
    const pending: { run: () => void; delayMs: number }[] = [];
    const timers: Timers = {
      setTimeout: (run, delayMs) => {
        const h = { run, delayMs };
        pending.push(h);
        return h;
      },
      clearTimeout: (h) => {
        const i = pending.indexOf(h as (typeof pending)[number]);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    return { pending, timers };
  };

  it('keeps the earlier of two schedules and runs once', () => {
    const { pending, timers } = fake();
    let runs = 0;
    const s = new Scheduler(
      timers,
      () => runs++,
      () => 0,
    );
    s.schedule(60_000);
    s.schedule(5_000);
    s.schedule(10_000);
    expect(pending.map((p) => p.delayMs)).toEqual([5_000]);
    pending[0]!.run();
    expect(runs).toBe(1);
  });

  it('runs nothing after stop', () => {
    const { pending, timers } = fake();
    let runs = 0;
    const s = new Scheduler(
      timers,
      () => runs++,
      () => 0,
    );
    s.schedule(0);
    const h = pending[0]!;
    s.stop();
    h.run();
    s.schedule(0);
    expect(runs).toBe(0);
    expect(pending).toHaveLength(0);
  });
});

describe('magic links', () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-';
  it('takes the token from the link in the email, or the bare token', () => {
    expect(magicLinkToken(`tickstep://auth/magic-link?token=${token}`)).toBe(token);
    expect(magicLinkToken(`http://127.0.0.1:5173/auth/magic-link?a=1&token=${token}#x`)).toBe(token);
    expect(magicLinkToken(`  ${token} `)).toBe(token);
    expect(magicLinkToken('not a token')).toBeNull();
  });
});

describe('server replies', () => {
  it('retries offline, rate-limited and server faults; not refusals', () => {
    expect(isTransient({ ok: false, offline: true, status: 0 })).toBe(true);
    expect(isTransient({ ok: false, offline: false, status: 503 })).toBe(true);
    expect(isTransient({ ok: false, offline: false, status: 429 })).toBe(true);
    expect(isTransient({ ok: false, offline: false, status: 400 })).toBe(false);
    expect(isTransient({ ok: false, offline: false, status: 409 })).toBe(false);
  });

  it('maps server codes to contract errors', () => {
    const e = (status: number, code: string) =>
      toAppError({ ok: false, offline: status === 0, status, code, message: 'm' }).code;
    expect(e(0, 'OFFLINE')).toBe('OFFLINE');
    expect(e(401, 'INVALID_CREDENTIALS')).toBe('UNAUTHORIZED');
    expect(e(409, 'DEVICE_LIMIT_REACHED')).toBe('CONFLICT');
    expect(e(402, 'NO_ACTIVE_SUBSCRIPTION')).toBe('INVALID_INPUT');
    expect(e(500, 'INTERNAL')).toBe('INTERNAL');
  });
});

describe('settings', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults from TICKSTEP_SERVER_URL, saves an address, and goes back to the default', () => {
    expect(defaultServerUrl({ TICKSTEP_SERVER_URL: 'https://api.example.test/' })).toBe(
      'https://api.example.test',
    );
    expect(defaultServerUrl({})).toBe('http://127.0.0.1:8787');
    dir = mkdtempSync(join(tmpdir(), 'tickstep-settings-'));
    const s = new SettingsStore(dir, 'https://default.test');
    expect(s.get()).toEqual({ serverUrl: 'https://default.test', defaultServerUrl: 'https://default.test' });
    s.save({ serverUrl: 'http://127.0.0.1:9999/' });
    expect(new SettingsStore(dir, 'https://default.test').serverUrl).toBe('http://127.0.0.1:9999');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      serverUrl: 'http://127.0.0.1:9999',
    });
    s.save({ serverUrl: null });
    expect(s.serverUrl).toBe('https://default.test');
  });
});

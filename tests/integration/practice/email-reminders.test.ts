/**
 * Practice reminder emails through the hosted service, with an injected clock and a fake online
 * client: off by default; when on, one request per due window (the window of the desktop
 * reminder), recorded with channel `email`; none when the day already counts; offline it is
 * skipped and retried while the window is open, never after it closes or once the day counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import {
  accountReminderEmail,
  type ReminderEmailAccount,
  type ReminderEmailSender,
} from '../../../src/main/features/practice';
import type { Timers } from '../../../src/main/platform/timers';
import type { PracticeReminderEmailRequest } from '../../../src/shared/practice-reminder-email';
import { openTempApp } from '../../helpers/temp-app';
import { call } from '../challenges/helpers';
import { seedCandles, syntheticCandles } from '../trading/helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

// Thursday 3 December 2026, 08:00 UTC; the trader's zone is UTC and the reminder is at 09:00.
const MORNING = 1_796_284_800;
const DAY = 86_400;
const at = (day: number, hh: number, mm: number) => MORNING + day * DAY + (hh - 8) * 3600 + mm * 60;

/** The hosted service as the desktop sees it: online or not, one email per window like the server. */
class FakeOnline implements ReminderEmailSender {
  online = true;
  readonly attempts: PracticeReminderEmailRequest[] = [];
  readonly emails: PracticeReminderEmailRequest[] = [];
  async send(request: PracticeReminderEmailRequest) {
    this.attempts.push(request);
    if (!this.online) return 'unavailable' as const;
    if (this.emails.some((e) => e.windowKey === request.windowKey)) return 'already-sent' as const;
    this.emails.push(request);
    return 'sent' as const;
  }
}

function setup() {
  let now = MORNING;
  let pending: (() => void) | null = null;
  const timers: Timers = {
    setTimeout: (run) => {
      pending = run;
      return 1;
    },
    clearTimeout: () => {
      pending = null;
    },
  };
  const server = new FakeOnline();
  const notified: string[] = [];
  let n = 0;
  const app = openTempApp({
    clock: { nowSeconds: () => now },
    newId: () => `e${++n}`,
    reminderTimers: timers,
    notify: ({ body }) => notified.push(body),
    reminderEmail: server,
  });
  cleanups.push(app.dispose);
  seedCandles(app, 'EURUSD', 'M1', syntheticCandles(3000));
  return {
    app,
    server,
    notified,
    setNow: (ts: number) => {
      now = ts;
    },
    /** What the app's minute timer does next, then lets the email request settle. */
    tick: async () => {
      pending?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function sentRows(app: TickstepApp) {
  return app.ctx.store.sqlite
    .prepare(
      'SELECT due_window_key AS windowKey, channel FROM practice_reminders ORDER BY channel, due_window_key',
    )
    .all();
}

async function replay(app: TickstepApp, sessionId: string, bars: number) {
  for (let i = 0; i < bars; i++) await call(app, 'replay:step', { sessionId, bars: 1 });
}

describe('practice reminder emails', () => {
  it('are off by default: the desktop reminder comes, no email is asked for', async () => {
    const { app, server, notified, setNow, tick } = setup();
    const saved = await call(app, 'practice:save-settings', { reminderTime: '09:00', zone: 'UTC' });
    expect(saved.emailReminders).toBe(false);
    setNow(at(0, 9, 5));
    await tick();
    expect(notified).toHaveLength(1);
    expect(server.attempts).toEqual([]);
    expect(sentRows(app)).toEqual([{ windowKey: '2026-12-03T09:00', channel: 'desktop' }]);
  });

  it('when on, sends one email per window with the streak and bars left, recorded with channel email', async () => {
    const { app, server, notified, setNow, tick } = setup();
    const saved = await call(app, 'practice:save-settings', {
      reminderTime: '09:00',
      zone: 'UTC',
      barsPerDay: 50,
      emailReminders: true,
    });
    expect(saved.emailReminders).toBe(true);
    await tick(); // 08:00: before the window
    expect(server.attempts).toEqual([]);
    setNow(at(0, 9, 5));
    await tick();
    await tick();
    setNow(at(0, 10, 30));
    await tick();
    expect(server.attempts).toEqual([
      { windowKey: '2026-12-03T09:00', localTime: '09:00', currentStreakDays: 0, barsLeftToday: 50 },
    ]);
    expect(notified).toHaveLength(1);
    setNow(at(1, 9, 1));
    await tick();
    expect(server.emails.map((e) => e.windowKey)).toEqual(['2026-12-03T09:00', '2026-12-04T09:00']);
    expect(sentRows(app)).toEqual([
      { windowKey: '2026-12-03T09:00', channel: 'desktop' },
      { windowKey: '2026-12-04T09:00', channel: 'desktop' },
      { windowKey: '2026-12-03T09:00', channel: 'email' },
      { windowKey: '2026-12-04T09:00', channel: 'email' },
    ]);
  });

  it('sends none when the day already counts', async () => {
    const { app, server, notified, setNow, tick } = setup();
    await call(app, 'practice:save-settings', {
      reminderTime: '09:00',
      zone: 'UTC',
      barsPerDay: 3,
      emailReminders: true,
    });
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T10:00:00Z' });
    await replay(app, s.id, 3);
    expect((await call(app, 'practice:get', {})).todayCounts).toBe(true);
    setNow(at(0, 9, 5));
    await tick();
    expect(server.attempts).toEqual([]);
    expect(notified).toEqual([]);
    expect(sentRows(app)).toEqual([]);
  });

  it('offline: skipped, retried within the open window, and sent once when back online', async () => {
    const { app, server, setNow, tick } = setup();
    await call(app, 'practice:save-settings', { reminderTime: '09:00', zone: 'UTC', emailReminders: true });
    server.online = false;
    setNow(at(0, 9, 5));
    await tick();
    setNow(at(0, 9, 6));
    await tick();
    expect(server.attempts).toHaveLength(2);
    expect(sentRows(app)).toEqual([{ windowKey: '2026-12-03T09:00', channel: 'desktop' }]);
    server.online = true;
    setNow(at(0, 10, 0));
    await tick();
    setNow(at(0, 10, 1));
    await tick();
    expect(server.emails.map((e) => e.windowKey)).toEqual(['2026-12-03T09:00']);
    expect(server.attempts).toHaveLength(3);
    expect(sentRows(app)).toContainEqual({ windowKey: '2026-12-03T09:00', channel: 'email' });
  });

  it('offline until the window closes, or until the day counts: never sent afterwards', async () => {
    const { app, server, setNow, tick } = setup();
    await call(app, 'practice:save-settings', {
      reminderTime: '09:00',
      zone: 'UTC',
      barsPerDay: 3,
      emailReminders: true,
    });
    server.online = false;
    setNow(at(0, 10, 59));
    await tick();
    server.online = true;
    setNow(at(0, 11, 0)); // the two-hour window closed at 11:00
    await tick();
    expect(server.emails).toEqual([]);

    server.online = false;
    setNow(at(1, 9, 5));
    await tick();
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T10:00:00Z' });
    await replay(app, s.id, 3);
    server.online = true;
    setNow(at(1, 9, 30));
    await tick();
    expect(server.emails).toEqual([]);
    expect(server.attempts.map((a) => a.windowKey)).toEqual(['2026-12-03T09:00', '2026-12-04T09:00']);
  });

  it('refuses a setting that is not a boolean, naming the field', async () => {
    const { app } = setup();
    const bad = await app.dispatch('practice:save-settings', { emailReminders: 'yes' });
    expect(!bad.ok && bad.error.message).toContain('emailReminders');
  });
});

describe('the reminder email through the signed-in account', () => {
  const request: PracticeReminderEmailRequest = {
    windowKey: '2026-12-03T09:00',
    localTime: '09:00',
    currentStreakDays: 2,
    barsLeftToday: 10,
  };

  function account(signedIn: boolean, reply: Awaited<ReturnType<ReminderEmailAccount['authed']>>) {
    const calls: { method: string; path: string; body: unknown }[] = [];
    const fake: ReminderEmailAccount = {
      signedIn,
      authed: async <T>(method: string, path: string, opts: { body?: unknown }) => {
        calls.push({ method, path, body: opts.body });
        return reply as { ok: true; body: T };
      },
    };
    return { fake, calls };
  }

  it('posts the window to /reminders/practice and reads the answer', async () => {
    const sent = account(true, { ok: true, body: { status: 'sent', windowKey: request.windowKey } });
    expect(await accountReminderEmail(sent.fake).send(request)).toBe('sent');
    expect(sent.calls).toEqual([{ method: 'POST', path: '/reminders/practice', body: request }]);
    const again = account(true, { ok: true, body: { status: 'already-sent', windowKey: request.windowKey } });
    expect(await accountReminderEmail(again.fake).send(request)).toBe('already-sent');
  });

  it('is unavailable signed out (no request), offline, or refused', async () => {
    const signedOut = account(false, { ok: true, body: {} });
    expect(await accountReminderEmail(signedOut.fake).send(request)).toBe('unavailable');
    expect(signedOut.calls).toEqual([]);
    const offline = account(true, { ok: false, offline: true, status: 0, code: 'OFFLINE' });
    expect(await accountReminderEmail(offline.fake).send(request)).toBe('unavailable');
    const refused = account(true, { ok: false, offline: false, status: 400, code: 'INVALID_INPUT' });
    expect(await accountReminderEmail(refused.fake).send(request)).toBe('unavailable');
  });
});

/**
 * Streaks and reminders with an injected clock and injected reminder timers: replayed bars make a
 * local day count, consecutive days make the streak, a missed day breaks it; a reminder is sent
 * once per window (never twice), and not at all when the day already counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { Timers } from '../../../src/main/platform/timers';
import { openTempApp } from '../../helpers/temp-app';
import { call } from '../challenges/helpers';
import { seedCandles, syntheticCandles } from '../trading/helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

// Thursday 3 December 2026, 08:00 UTC.
const MORNING = 1_796_284_800;
const DAY = 86_400;

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
  const notified: string[] = [];
  let n = 0;
  const app = openTempApp({
    clock: { nowSeconds: () => now },
    newId: () => `p${++n}`,
    reminderTimers: timers,
    notify: ({ body }) => notified.push(body),
  });
  cleanups.push(app.dispose);
  const pushed: unknown[] = [];
  cleanups.push(
    app.events.subscribe((name, payload) => name === 'practice:reminder' && pushed.push(payload)),
  );
  seedCandles(app, 'EURUSD', 'M1', syntheticCandles(3000));
  return {
    app,
    notified,
    pushed,
    setNow: (ts: number) => {
      now = ts;
    },
    /** What the app's minute timer would do next. */
    tick: () => pending?.(),
  };
}

async function replay(app: TickstepApp, sessionId: string, bars: number) {
  for (let i = 0; i < bars; i++) await call(app, 'replay:step', { sessionId, bars: 1 });
}

describe('practice streaks', () => {
  it('a day counts after N replayed bars; consecutive days make the streak; a missed day breaks it', async () => {
    const { app, setNow } = setup();
    await call(app, 'practice:save-settings', { barsPerDay: 5 });
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T10:00:00Z' });
    await replay(app, s.id, 4);
    expect(await call(app, 'practice:get', {})).toMatchObject({
      todayCounts: false,
      barsLeftToday: 1,
      currentStreakDays: 0,
    });
    await replay(app, s.id, 1);
    expect(await call(app, 'practice:get', {})).toMatchObject({
      todayCounts: true,
      currentStreakDays: 1,
      bestStreakDays: 1,
      lastStreakDate: '2026-12-03',
    });

    setNow(MORNING + DAY);
    await call(app, 'replay:step', { sessionId: s.id, bars: 5 });
    expect(await call(app, 'practice:get', {})).toMatchObject({ currentStreakDays: 2, bestStreakDays: 2 });

    // Saturday passes with no practice: on Sunday the streak shows 0, the best stays.
    setNow(MORNING + 3 * DAY);
    expect(await call(app, 'practice:get', {})).toMatchObject({
      currentStreakDays: 0,
      bestStreakDays: 2,
      lastStreakDate: '2026-12-04',
    });
    await call(app, 'replay:step', { sessionId: s.id, bars: 5 });
    expect(await call(app, 'practice:get', {})).toMatchObject({ currentStreakDays: 1, bestStreakDays: 2 });
  });

  it('completing a replay day counts even with fewer bars than the setting', async () => {
    const { app } = setup();
    await call(app, 'practice:save-settings', { barsPerDay: 10_000 });
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T23:58:00Z' });
    await replay(app, s.id, 3);
    expect(await call(app, 'practice:get', {})).toMatchObject({ todayCounts: true, currentStreakDays: 1 });
  });

  it('refuses a bad setting naming the field', async () => {
    const { app } = setup();
    const bad = await app.dispatch('practice:save-settings', { reminderTime: '25:00' });
    expect(!bad.ok && bad.error.message).toContain('reminderTime');
    const zone = await app.dispatch('practice:save-settings', { zone: 'Mars/Olympus' });
    expect(!zone.ok && zone.error.message).toContain('zone');
  });
});

describe('practice reminders', () => {
  it('sends one reminder in the window at the local time, never two, none before or once the day counts', async () => {
    const { app, setNow, tick, notified, pushed } = setup();
    // 18:00 in Prague is 17:00 UTC in December.
    await call(app, 'practice:save-settings', {
      barsPerDay: 3,
      reminderTime: '18:00',
      zone: 'Europe/Prague',
    });
    tick();
    expect(notified).toEqual([]);
    setNow(MORNING + 9 * 3600 + 5 * 60); // 17:05 UTC = 18:05 Prague
    tick();
    tick();
    expect(notified).toHaveLength(1);
    expect(pushed).toEqual([
      expect.objectContaining({ dueWindowKey: '2026-12-03T18:00', title: 'Time to practise' }),
    ]);

    // Next day the trader practises before the window: no reminder.
    setNow(MORNING + DAY);
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T10:00:00Z' });
    await replay(app, s.id, 3);
    setNow(MORNING + DAY + 9 * 3600 + 5 * 60);
    tick();
    expect(notified).toHaveLength(1);

    // A reopened app (same data dir) does not send the first day's reminder again.
    expect(app.ctx.store.sqlite.prepare('SELECT count(*) AS n FROM practice_reminders').get()).toEqual({
      n: 1,
    });
  });
});

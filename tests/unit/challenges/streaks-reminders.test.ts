import { describe, expect, it } from 'vitest';
import { dateFromIso, isoDate } from '../../../src/core/challenges/challenge-day';
import { dueReminders, type ReminderWindow } from '../../../src/core/challenges/reminders';
import {
  NO_STREAK,
  type PracticeActivity,
  recordPractice,
  type StreakRules,
  type StreakState,
  streakAt,
} from '../../../src/core/challenges/streaks';
import { at, luxonOffset } from './helpers';

const prague: StreakRules = { barsPerDay: 100, offsetMinutesAt: (ts) => luxonOffset('Europe/Prague', ts) };

function replay(steps: [string, PracticeActivity][], rules = prague): StreakState {
  return steps.reduce((state, [iso, activity]) => recordPractice(state, activity, at(iso), rules), NO_STREAK);
}
const bars = (count: number): PracticeActivity => ({ kind: 'bars', count });
const completed: PracticeActivity = { kind: 'replay-day-completed' };

describe('dates', () => {
  it('isoDate and dateFromIso are inverse, leap days included', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2024-02-29', '2024-03-01', '2100-03-01', '1969-12-31']) {
      expect(isoDate(dateFromIso(iso))).toBe(iso);
    }
    expect(dateFromIso('2024-03-04')).toBe(Date.UTC(2024, 2, 4) / 86_400_000);
    expect(dateFromIso('2024-3-4')).toBeNaN();
  });
});

describe('practice streaks', () => {
  it('a day counts after N bars (summed through the day) or a completed replay day', () => {
    const state = replay([
      ['2026-12-01T09:00:00Z', bars(60)],
      ['2026-12-01T10:00:00Z', bars(40)], // 100 bars: Tuesday counts
      ['2026-12-02T09:00:00Z', completed], // Wednesday counts
      ['2026-12-03T09:00:00Z', bars(99)], // Thursday: not yet
    ]);
    expect(state).toMatchObject({ currentStreakDays: 2, bestStreakDays: 2, lastStreakDate: '2026-12-02' });
    expect(streakAt(state, at('2026-12-03T12:00:00Z'), prague)).toEqual({
      current: 2,
      best: 2,
      lastDate: '2026-12-02',
      todayCounts: false,
      barsLeftToday: 1,
    });
  });

  it('bars of yesterday do not carry into today', () => {
    const state = replay([
      ['2026-12-01T09:00:00Z', bars(90)],
      ['2026-12-02T09:00:00Z', bars(20)],
    ]);
    expect(state.currentStreakDays).toBe(0);
    expect(state.pendingBars).toBe(20);
  });

  it('more practice on a day that counts changes nothing (the same object comes back)', () => {
    const state = replay([['2026-12-01T09:00:00Z', completed]]);
    expect(recordPractice(state, bars(500), at('2026-12-01T20:00:00Z'), prague)).toBe(state);
  });

  it('a missed day restarts the streak at 1; the best stays', () => {
    const state = replay([
      ['2026-12-01T09:00:00Z', completed],
      ['2026-12-02T09:00:00Z', completed],
      ['2026-12-03T09:00:00Z', completed],
      ['2026-12-05T09:00:00Z', completed],
    ]);
    expect(state).toMatchObject({ currentStreakDays: 1, bestStreakDays: 3, lastStreakDate: '2026-12-05' });
  });

  it('the view shows 0 once a whole day passed without counting', () => {
    const state = replay([['2026-12-01T09:00:00Z', completed]]);
    expect(streakAt(state, at('2026-12-02T22:59:00Z'), prague).current).toBe(1); // 23:59 in Prague, 2 Dec
    expect(streakAt(state, at('2026-12-02T23:00:00Z'), prague).current).toBe(0); // 00:00 in Prague, 3 Dec
  });

  it('days are the trader’s local days: 23:30 UTC is already tomorrow in Prague', () => {
    const state = replay([
      ['2026-12-01T12:00:00Z', completed],
      ['2026-12-01T23:30:00Z', completed], // 00:30 on 2 December in Prague
    ]);
    expect(state).toMatchObject({ currentStreakDays: 2, lastStreakDate: '2026-12-02' });
    const utc = replay(
      [
        ['2026-12-01T12:00:00Z', completed],
        ['2026-12-01T23:30:00Z', completed],
      ],
      { barsPerDay: 100, offsetMinutesAt: () => 0 },
    );
    expect(utc.currentStreakDays).toBe(1);
  });
});

describe('reminders', () => {
  const windows: ReminderWindow[] = [
    { time: '18:00', lengthMinutes: 120, channels: ['in-app', 'email'] },
    { time: '23:30', lengthMinutes: 60, channels: ['push'] },
  ];
  const input = (
    iso: string,
    streak: StreakState = NO_STREAK,
    sent: { dueWindowKey: string; channel: string }[] = [],
  ) => ({
    nowTs: at(iso),
    offsetMinutesAt: prague.offsetMinutesAt,
    windows,
    sent,
    streak,
  });

  it('due inside the local window, one per channel', () => {
    expect(dueReminders(input('2026-12-03T17:30:00Z'))).toEqual([
      { dueWindowKey: '2026-12-03T18:00', channel: 'in-app' },
      { dueWindowKey: '2026-12-03T18:00', channel: 'email' },
    ]);
  });

  it('nothing before or after the window', () => {
    expect(dueReminders(input('2026-12-03T16:59:00Z'))).toEqual([]); // 17:59 Prague
    expect(dueReminders(input('2026-12-03T19:00:00Z'))).toEqual([]); // 20:00 Prague
  });

  it('never two for one window and channel', () => {
    const sent = [{ dueWindowKey: '2026-12-03T18:00', channel: 'email' }];
    expect(dueReminders(input('2026-12-03T18:10:00Z', NO_STREAK, sent))).toEqual([
      { dueWindowKey: '2026-12-03T18:00', channel: 'in-app' },
    ]);
    const dup: ReminderWindow[] = [{ time: '18:00', lengthMinutes: 60, channels: ['push', 'push'] }];
    expect(dueReminders({ ...input('2026-12-03T17:10:00Z'), windows: dup })).toHaveLength(1);
  });

  it('none when the day already counts', () => {
    const streak = replay([['2026-12-03T08:00:00Z', completed]]);
    expect(dueReminders(input('2026-12-03T17:30:00Z', streak))).toEqual([]);
  });

  it('a window running past midnight keeps its date in the key and checks that day', () => {
    // 00:10 Prague on 4 December: inside the window opened 23:30 on 3 December.
    expect(dueReminders(input('2026-12-03T23:10:00Z'))).toEqual([
      { dueWindowKey: '2026-12-03T23:30', channel: 'push' },
    ]);
    const countedThird = replay([['2026-12-03T08:00:00Z', completed]]);
    expect(dueReminders(input('2026-12-03T23:10:00Z', countedThird))).toEqual([]);
  });
});

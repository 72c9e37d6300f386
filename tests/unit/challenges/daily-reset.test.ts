/**
 * Day boundaries from the reset time in its zone, across DST changes in New York (17:00) and
 * Prague (00:00), and the daily loss rule's base and reference. Offsets come from luxon (its own
 * tz database); the expected instants are written out by hand.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MaxDailyLossRule } from '../../../src/core/challenges/rulebook';
import { at, DAY, INITIAL, intlZoneOffset, luxonOffset, MONDAY, makeEvaluator, phase, run } from './helpers';

const NY = { time: '17:00', zone: 'America/New_York' };
const PRAGUE = { time: '00:00', zone: 'Europe/Prague' };

function labelsAt(reset: { time: string; zone: string }, stamps: string[]): string[] {
  const ev = makeEvaluator(phase(), { reset, offset: luxonOffset, startTs: at(stamps[0]!) });
  return stamps.map((s) => {
    ev.tick({ ts: at(s), balanceCents: INITIAL, equityCents: INITIAL, openLots: 0 });
    return ev.progress().dayLabel;
  });
}

describe('day boundaries, hand-computed', () => {
  it('New York 17:00: 22:00 UTC in winter, 21:00 UTC in summer, the day named by the close it ends at', () => {
    expect(
      labelsAt(NY, [
        '2024-03-08T21:59:00Z', // Fri 16:59 EST
        '2024-03-08T22:00:00Z', // Fri 17:00 EST: the Saturday day begins
        '2024-03-10T20:59:00Z', // Sun 16:59 EDT (DST began 07:00 UTC): still Sunday's day
        '2024-03-10T21:00:00Z', // Sun 17:00 EDT: Monday's day, after a 23-hour Sunday
        '2024-03-11T20:59:00Z',
        '2024-03-11T21:00:00Z',
        '2024-11-01T20:59:00Z', // Fri 16:59 EDT
        '2024-11-01T21:00:00Z', // Fri 17:00 EDT
        '2024-11-03T21:30:00Z', // Sun 16:30 EST (DST ended 06:00 UTC): still Sunday's day (25 hours)
        '2024-11-03T22:00:00Z', // Sun 17:00 EST
      ]),
    ).toEqual([
      '2024-03-08',
      '2024-03-09',
      '2024-03-10',
      '2024-03-11',
      '2024-03-11',
      '2024-03-12',
      '2024-11-01',
      '2024-11-02',
      '2024-11-03',
      '2024-11-04',
    ]);
  });

  it('Prague 00:00: 23:00 UTC in winter, 22:00 UTC in summer; 31 March has 23 hours, 27 October 25', () => {
    expect(
      labelsAt(PRAGUE, [
        '2024-03-30T22:59:00Z', // Sat 23:59 CET
        '2024-03-30T23:00:00Z', // Sun 00:00 CET
        '2024-03-31T21:59:00Z', // Sun 23:59 CEST (DST began 01:00 UTC)
        '2024-03-31T22:00:00Z', // Mon 00:00 CEST
        '2024-10-26T21:59:00Z',
        '2024-10-26T22:00:00Z', // Sun 00:00 CEST
        '2024-10-27T22:59:00Z', // Sun 23:59 CET (DST ended 01:00 UTC)
        '2024-10-27T23:00:00Z', // Mon 00:00 CET
      ]),
    ).toEqual([
      '2024-03-30',
      '2024-03-31',
      '2024-03-31',
      '2024-04-01',
      '2024-10-26',
      '2024-10-27',
      '2024-10-27',
      '2024-10-28',
    ]);
  });
});

describe('a reset inside the DST gap or overlap (New York)', () => {
  it('02:30 on the spring-forward day: the day turns when the clock jumps from 01:59 EST to 03:00 EDT', () => {
    expect(
      labelsAt({ time: '02:30', zone: 'America/New_York' }, [
        '2024-03-10T06:59:00Z', // 01:59 EST
        '2024-03-10T07:00:00Z', // 03:00 EDT: 02:30 never happened, the day turns now
        '2024-03-11T06:29:00Z', // 02:29 EDT
        '2024-03-11T06:30:00Z', // 02:30 EDT
      ]),
    ).toEqual(['2024-03-09', '2024-03-10', '2024-03-10', '2024-03-11']);
  });

  it('01:30 on the fall-back day: the day turns at the first 01:30 (EDT), not again at the second (EST)', () => {
    expect(
      labelsAt({ time: '01:30', zone: 'America/New_York' }, [
        '2024-11-03T05:29:00Z', // 01:29 EDT
        '2024-11-03T05:30:00Z', // 01:30 EDT
        '2024-11-03T06:10:00Z', // 01:10 EST: the wall clock went back, the day does not
        '2024-11-03T06:30:00Z', // 01:30 EST
        '2024-11-04T06:29:00Z', // 01:29 EST
        '2024-11-04T06:30:00Z',
      ]),
    ).toEqual(['2024-11-02', '2024-11-03', '2024-11-03', '2024-11-03', '2024-11-03', '2024-11-04']);
  });
});

describe('day boundaries, every 70 minutes through 2024 (every minute of the hour in turn), against luxon wall-clock fields', () => {
  /** Label by local fields: before the reset it is the previous day's; a reset at/after noon names the next date. */
  function expectedLabel(ts: number, zone: string, resetMinutes: number): string {
    const local = DateTime.fromSeconds(ts, { zone });
    const minutes = local.hour * 60 + local.minute;
    const date = DateTime.fromISO(local.toISODate()!, { zone: 'UTC' });
    const shift = (minutes >= resetMinutes ? 0 : -1) + (resetMinutes >= 720 ? 1 : 0);
    return date.plus({ days: shift }).toISODate()!;
  }

  it.each([
    ['America/New_York', '17:00', 17 * 60],
    ['Europe/Prague', '00:00', 0],
    ['Europe/Prague', '22:00', 22 * 60],
    ['Australia/Sydney', '08:00', 8 * 60],
  ])('%s at %s', (zone, time, resetMinutes) => {
    const start = at('2024-01-01T00:10:00Z');
    const ev = makeEvaluator(phase(), { reset: { time, zone }, offset: luxonOffset, startTs: start });
    const wrong: string[] = [];
    for (let ts = start; ts < at('2025-01-01T00:00:00Z'); ts += 4200) {
      ev.tick({ ts, balanceCents: INITIAL, equityCents: INITIAL, openLots: 0 });
      const expected = expectedLabel(ts, zone, resetMinutes);
      if (ev.progress().dayLabel !== expected) wrong.push(`${new Date(ts * 1000).toISOString()} ${expected}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the daily loss rule across a DST change', () => {
  const rules = phase({ maxDailyLoss: { limitPct: 5, base: 'equity', reference: 'start-of-day-balance' } });

  it('New York, Monday 11 March 2024: 21:00 UTC is already the next day (17:00 EDT)', () => {
    const steps = [
      { ts: at('2024-03-11T14:00:00Z'), balance: INITIAL, equity: INITIAL },
      { ts: at('2024-03-11T20:59:00Z'), balance: 9_600_000, equity: 9_600_000 }, // lost 4,000 today
      { ts: at('2024-03-11T21:00:00Z'), balance: 9_600_000, equity: 9_490_000 }, // new day: floor 91,000
    ];
    const ev = run(makeEvaluator(rules, { reset: NY, offset: luxonOffset, startTs: steps[0]!.ts }), steps);
    expect(ev.status).toBe('ACTIVE');
    expect(ev.floors().dailyFloorCents).toBe(9_100_000);
    // With a fixed EST offset the same tick would still be Monday's day, floor 95,000: a breach.
    const est = run(makeEvaluator(rules, { reset: NY, offset: () => -300, startTs: steps[0]!.ts }), steps);
    expect(est.breach).toMatchObject({ rule: 'daily-loss', tick: 2, limit: 9_500_000, value: 9_490_000 });
  });

  it('Prague, Sunday 27 October 2024 (25 hours): 22:30 UTC is still Sunday (23:30 CET)', () => {
    const steps = [
      { ts: at('2024-10-26T22:30:00Z'), balance: INITIAL, equity: INITIAL }, // Sun 00:30 CEST
      { ts: at('2024-10-27T22:30:00Z'), balance: 9_600_000, equity: 9_499_000 }, // Sun 23:30 CET
    ];
    const ev = run(
      makeEvaluator(rules, { reset: PRAGUE, offset: luxonOffset, startTs: steps[0]!.ts }),
      steps,
    );
    expect(ev.breach).toMatchObject({ rule: 'daily-loss', tick: 1, limit: 9_500_000, value: 9_499_000 });
  });
});

describe('daily loss: base and reference (initial 100,000.00, limit 5 % = 5,000.00, UTC days)', () => {
  const daily = (base: MaxDailyLossRule['base'], reference: MaxDailyLossRule['reference']) =>
    phase({ maxDailyLoss: { limitPct: 5, base, reference } });
  const t = (day: number, minute: number) => MONDAY + day * DAY + 3600 + minute * 60;

  it('equity base breaches on open loss; balance base only once the loss is closed', () => {
    const steps = [
      { ts: t(0, 0), balance: INITIAL, equity: 9_499_900, lots: 1 },
      { ts: t(0, 1), balance: 9_450_000, equity: 9_450_000, lots: 0 },
    ];
    expect(run(makeEvaluator(daily('equity', 'start-of-day-balance')), steps).breach).toMatchObject({
      rule: 'daily-loss',
      tick: 0,
      limit: 9_500_000,
      value: 9_499_900,
    });
    expect(run(makeEvaluator(daily('balance', 'start-of-day-balance')), steps).breach).toMatchObject({
      rule: 'daily-loss',
      tick: 1,
      limit: 9_500_000,
      value: 9_450_000,
    });
  });

  it('reference max(balance, equity) at the reset counts the open profit carried into the day', () => {
    const steps = [
      { ts: t(0, 0), balance: INITIAL, equity: 10_300_000, lots: 1 }, // last tick of day 0
      { ts: t(1, 0), balance: INITIAL, equity: 9_800_000, lots: 1 },
    ];
    const ev = run(makeEvaluator(daily('equity', 'max-balance-equity')), steps);
    expect(ev.breach).toMatchObject({ rule: 'daily-loss', tick: 1, limit: 9_800_000, value: 9_800_000 });
    expect(run(makeEvaluator(daily('equity', 'start-of-day-balance')), steps).status).toBe('ACTIVE');
  });

  it('the reference is the account at the last tick before the reset, not the first tick after it', () => {
    const steps = [
      { ts: t(0, 0), balance: 10_100_000, equity: 10_100_000 },
      { ts: t(1, 0), balance: 9_700_000, equity: 9_600_100, lots: 1 }, // a stop loss gapped at the open
      { ts: t(1, 1), balance: 9_700_000, equity: 9_600_000, lots: 1 },
    ];
    const ev = run(makeEvaluator(daily('equity', 'start-of-day-balance')), steps);
    expect(ev.breach).toMatchObject({ rule: 'daily-loss', tick: 2, limit: 9_600_000, value: 9_600_000 });
  });

  it('each day starts afresh; the limit stays 5 % of the initial balance, however the balance moved', () => {
    const steps = [
      { ts: t(0, 0), balance: 9_600_000, equity: 9_600_000 }, // −4,000 on day 0
      { ts: t(1, 0), balance: 9_200_000, equity: 9_200_000 }, // −4,000 on day 1: floor 91,000
      { ts: t(2, 0), balance: 9_200_000, equity: 8_700_001, lots: 1 }, // floor 87,000
    ];
    const ev = run(makeEvaluator(daily('equity', 'start-of-day-balance')), steps);
    expect(ev.status).toBe('ACTIVE');
    expect(ev.progress().dailyLoss).toEqual({
      base: 'equity',
      limitCents: 500_000,
      floorCents: 8_700_000,
      valueCents: 8_700_001,
      roomCents: 1,
    });
    expect(ev.floors()).toEqual({ dailyFloorCents: 8_700_000, dailyBase: 'equity', overallFloorCents: null });
  });
});

describe('the Intl-backed offset main will inject', () => {
  it.each(['America/New_York', 'Europe/Prague', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'])(
    '%s agrees with luxon every 5 hours of 2024-2025 and around the DST instants',
    (zone) => {
      const intl = intlZoneOffset();
      const stamps: number[] = [];
      for (let ts = at('2024-01-01T00:00:00Z'); ts < at('2026-01-01T00:00:00Z'); ts += 5 * 3600)
        stamps.push(ts);
      for (const iso of [
        '2024-03-10T07:00:00Z',
        '2024-11-03T06:00:00Z',
        '2024-03-31T01:00:00Z',
        '2024-10-27T01:00:00Z',
      ]) {
        stamps.push(at(iso) - 1, at(iso));
      }
      expect(stamps.filter((ts) => intl(zone, ts) !== luxonOffset(zone, ts))).toEqual([]);
    },
  );
});

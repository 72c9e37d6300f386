/**
 * The overall loss floor in its three modes and the lock variants. Hand-computed cases first,
 * then generated sequences whose breach tick is derived by a direct formula written here, not by
 * the evaluator: the floor at tick i is
 *   static                  I − L
 *   trailing-equity         max(I, equity[0..i]) − L
 *   trailing-eod-balance    max(I, balance at the last tick of every day before day(i)) − L
 * with the lock taking min(floor, I); the breach is the first i with equity[i] ≤ floor.
 */
import { describe, expect, it } from 'vitest';
import type { OverallLossMode } from '../../../src/core/challenges/rulebook';
import { DAY, INITIAL, MONDAY, makeEvaluator, phase, prng, run, type Step } from './helpers';

function overall(mode: OverallLossMode, limitPct: number, lockAtInitial = false) {
  return phase({ maxOverallLoss: { limitPct, mode, lockAtInitial } });
}

/** Steps from [day, balance, equity] rows; ticks 10 minutes apart within a UTC day. */
function steps(rows: [number, number, number][]): Step[] {
  const perDay = new Map<number, number>();
  return rows.map(([day, balance, equity]) => {
    const n = perDay.get(day) ?? 0;
    perDay.set(day, n + 1);
    return { ts: MONDAY + day * DAY + 3600 + n * 600, balance, equity, lots: balance === equity ? 0 : 1 };
  });
}

describe('hand-computed overall loss breaches (initial 100,000.00)', () => {
  it('static 10 %: the floor is 90,000.00 and touching it breaches', () => {
    const ev = run(
      makeEvaluator(overall('static', 10)),
      steps([
        [0, 10_000_000, 9_500_000],
        [0, 10_000_000, 9_000_001],
        [1, 10_000_000, 9_000_000],
      ]),
    );
    expect(ev.breach).toEqual({
      rule: 'overall-loss',
      ts: MONDAY + DAY + 3600,
      tick: 2,
      limit: 9_000_000,
      value: 9_000_000,
    });
  });

  it('static: a profit does not move the floor', () => {
    const ev = run(
      makeEvaluator(overall('static', 10)),
      steps([
        [0, 12_000_000, 12_000_000],
        [0, 12_000_000, 9_000_100],
        [0, 12_000_000, 8_999_999],
      ]),
    );
    expect(ev.breach).toMatchObject({ tick: 2, limit: 9_000_000, value: 8_999_999 });
  });

  it('a dip inside one bar (tick Y of O, X, Y, C) breaches even when the close recovers', () => {
    const ev = run(
      makeEvaluator(overall('static', 5)),
      [10_000_000, 9_800_000, 9_499_000, 9_900_000].map((equity) => ({
        ts: MONDAY + 3600, // the four ticks of one base bar share its open time
        balance: 10_000_000,
        equity,
        lots: 1,
      })),
    );
    expect(ev.breach).toMatchObject({ rule: 'overall-loss', tick: 2, limit: 9_500_000, value: 9_499_000 });
  });

  it('trailing equity 5 %: the floor follows the highest equity tick', () => {
    const ev = run(
      makeEvaluator(overall('trailing-equity', 5)),
      steps([
        [0, 10_000_000, 10_200_000], // high 102,000: floor 97,000
        [0, 10_000_000, 9_800_000],
        [0, 10_000_000, 9_700_000],
      ]),
    );
    expect(ev.breach).toMatchObject({ tick: 2, limit: 9_700_000, value: 9_700_000 });
  });

  it('trailing equity with lock: the floor stops at the initial balance', () => {
    const ev = run(
      makeEvaluator(overall('trailing-equity', 5, true)),
      steps([
        [0, 10_000_000, 10_600_000], // high 106,000: unlocked floor 101,000, locked at 100,000
        [0, 10_600_000, 10_000_001],
        [0, 10_600_000, 10_000_000],
      ]),
    );
    expect(ev.breach).toMatchObject({ tick: 2, limit: 10_000_000, value: 10_000_000 });
    const unlocked = run(
      makeEvaluator(overall('trailing-equity', 5)),
      steps([
        [0, 10_000_000, 10_600_000],
        [0, 10_600_000, 10_100_000],
      ]),
    );
    expect(unlocked.breach).toMatchObject({ tick: 1, limit: 10_100_000 });
  });

  it('trailing EOD balance 5 %: an intraday equity high does not move the floor, the day-end balance does', () => {
    const ev = run(
      makeEvaluator(overall('trailing-eod-balance', 5)),
      steps([
        [0, 10_000_000, 10_800_000], // equity high: ignored
        [0, 10_300_000, 10_300_000], // day 0 ends with 103,000
        [0, 10_300_000, 9_600_000], //  same day: floor still 95,000
        [1, 10_300_000, 9_800_001], //  day 1: floor 103,000 − 5,000 = 98,000
        [1, 10_300_000, 9_800_000],
      ]),
    );
    expect(ev.breach).toMatchObject({ tick: 4, limit: 9_800_000, value: 9_800_000 });
    expect(ev.breach!.ts).toBe(MONDAY + DAY + 3600 + 600);
  });

  it('trailing EOD balance with lock: locked at 100,000 after a day ending at 105,000 or more', () => {
    const ev = run(
      makeEvaluator(overall('trailing-eod-balance', 5, true)),
      steps([
        [0, 10_700_000, 10_700_000],
        [1, 10_700_000, 10_000_500], // unlocked floor would be 102,000: locked at 100,000
        [1, 10_700_000, 10_000_000],
      ]),
    );
    expect(ev.breach).toMatchObject({ tick: 2, limit: 10_000_000 });
    expect(ev.progress().overallLoss).toMatchObject({ locked: true, floorCents: 10_000_000 });
  });

  it('no breach while equity stays above the floor; progress shows the room', () => {
    const ev = run(makeEvaluator(overall('static', 10)), steps([[0, 10_000_000, 9_400_000]]));
    expect(ev.status).toBe('ACTIVE');
    expect(ev.progress().overallLoss).toEqual({
      limitCents: 1_000_000,
      floorCents: 9_000_000,
      valueCents: 9_400_000,
      roomCents: 400_000,
      locked: false,
    });
  });
});

// --- generated sequences -----------------------------------------------------------------

interface Generated {
  rows: { day: number; balance: number; equity: number }[];
  limitPct: number;
}

/** A random walk over 2–6 UTC days: open P&L moves, sometimes it is realised into the balance. */
function generate(seed: number): Generated {
  const random = prng(seed);
  const days = 2 + Math.floor(random() * 5);
  const limitPct = [3, 4, 5, 6, 8, 10][Math.floor(random() * 6)]!;
  const limit = (INITIAL * limitPct) / 100;
  // Every other seed climbs for half its days then falls, so trailing floors rise, lock, and are hit.
  const climbThenFall = seed % 2 === 1;
  const baseDrift = (random() - 0.4) * 0.12 * limit;
  const rows: Generated['rows'] = [];
  let balance = INITIAL;
  let open = 0;
  for (let day = 0; day < days; day++) {
    const ticks = 4 * (2 + Math.floor(random() * 4));
    const drift = climbThenFall ? (day < days / 2 ? 0.25 : -0.25) * limit : baseDrift;
    for (let t = 0; t < ticks; t++) {
      if (random() < 0.3) {
        balance += open;
        open = 0;
      } else {
        open += Math.round(drift + (random() - 0.5) * 0.7 * limit);
      }
      rows.push({ day, balance, equity: balance + open });
    }
  }
  return { rows, limitPct };
}

/** The breach tick by the formula in the file comment, or null. */
function expectedBreach(g: Generated, mode: OverallLossMode, lock: boolean) {
  const limit = Math.round((INITIAL * g.limitPct) / 100);
  for (let i = 0; i < g.rows.length; i++) {
    const row = g.rows[i]!;
    let high = INITIAL;
    if (mode === 'trailing-equity') {
      for (let j = 0; j <= i; j++) high = Math.max(high, g.rows[j]!.equity);
    } else if (mode === 'trailing-eod-balance') {
      for (let j = 0; j < i; j++) {
        if (g.rows[j]!.day !== g.rows[j + 1]!.day) high = Math.max(high, g.rows[j]!.balance);
      }
    }
    let floor = high - limit;
    if (lock && mode !== 'static') floor = Math.min(floor, INITIAL);
    if (row.equity <= floor) return { tick: i, limit: floor, value: row.equity };
  }
  return null;
}

function toSteps(g: Generated): Step[] {
  const perDay = new Map<number, number>();
  return g.rows.map((r) => {
    const n = perDay.get(r.day) ?? 0;
    perDay.set(r.day, n + 1);
    return {
      ts: MONDAY + r.day * DAY + 7200 + Math.floor(n / 4) * 60,
      balance: r.balance,
      equity: r.equity,
      lots: 1,
    };
  });
}

const VARIANTS: { mode: OverallLossMode; lock: boolean }[] = [
  { mode: 'static', lock: false },
  { mode: 'trailing-equity', lock: false },
  { mode: 'trailing-equity', lock: true },
  { mode: 'trailing-eod-balance', lock: false },
  { mode: 'trailing-eod-balance', lock: true },
];
const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);

describe.each(VARIANTS)('generated sequences: $mode, lock $lock', ({ mode, lock }) => {
  it.each(SEEDS)('seed %i breaches at the tick the formula gives', (seed) => {
    const g = generate(seed);
    const s = toSteps(g);
    const ev = run(makeEvaluator(overall(mode, g.limitPct, lock)), s);
    const expected = expectedBreach(g, mode, lock);
    if (expected === null) {
      expect(ev.status).toBe('ACTIVE');
      expect(ev.breach).toBeNull();
    } else {
      expect(ev.breach).toEqual({ rule: 'overall-loss', ts: s[expected.tick]!.ts, ...expected });
    }
  });

  it('the generated set exercises both outcomes', () => {
    const outcomes = SEEDS.map((seed) => expectedBreach(generate(seed), mode, lock));
    expect(outcomes.filter((o) => o !== null).length).toBeGreaterThanOrEqual(12);
    expect(outcomes.filter((o) => o === null).length).toBeGreaterThanOrEqual(5);
  });
});

describe('the generated set is sensitive to the mode and the lock', () => {
  const differ = (a: (typeof VARIANTS)[number], b: (typeof VARIANTS)[number]) =>
    SEEDS.filter(
      (seed) =>
        JSON.stringify(expectedBreach(generate(seed), a.mode, a.lock)) !==
        JSON.stringify(expectedBreach(generate(seed), b.mode, b.lock)),
    ).length;

  it('trailing differs from static, EOD from intraday, and the lock matters in both trailing modes', () => {
    expect(differ(VARIANTS[0]!, VARIANTS[1]!)).toBeGreaterThanOrEqual(10);
    expect(differ(VARIANTS[1]!, VARIANTS[3]!)).toBeGreaterThanOrEqual(10);
    expect(differ(VARIANTS[1]!, VARIANTS[2]!)).toBeGreaterThanOrEqual(3);
    expect(differ(VARIANTS[3]!, VARIANTS[4]!)).toBeGreaterThanOrEqual(3);
  });
});

/**
 * Passing and the non-loss rules: profit target, minimum trading days (and what counts as one),
 * consistency, time limit, weekend holding, max open lots, max risk per trade; the preview an
 * order ticket shows. Initial balance 100,000.00; UTC days from Monday 4 March 2024 unless said.
 */
import { describe, expect, it } from 'vitest';
import type { TradingEvent } from '../../../src/core/challenges/evaluator';
import { at, DAY, INITIAL, luxonOffset, MONDAY, makeEvaluator, phase, run, type Step } from './helpers';

const t = (day: number, minute = 0) => MONDAY + day * DAY + 3600 + minute * 60;
const opened = (ts: number, riskCents: number | null = 50_000, lots = 1): TradingEvent => ({
  kind: 'opened',
  ts,
  positionId: `p${ts}`,
  lots,
  riskCents,
});
const closed = (ts: number): TradingEvent => ({ kind: 'closed', ts, positionId: `p${ts}` });

/** Days of trading: each opens at minute 0 and closes at minute 1 with that day's profit (cents). */
function days(profits: number[]): Step[] {
  let balance = INITIAL;
  return profits.flatMap((p, day) => {
    const before = balance;
    balance += p;
    return [
      { ts: t(day, 0), balance: before, equity: before, lots: 1, events: [opened(t(day, 0))] },
      { ts: t(day, 1), balance, equity: balance, lots: 0, events: [closed(t(day, 0))] },
    ];
  });
}

describe('passing', () => {
  it('passes at the first flat tick where target and minimum days hold', () => {
    const ev = run(makeEvaluator(phase({ profitTargetPct: 10, minTradingDays: 2 })), days([1_000_000, 10]));
    expect(ev.status).toBe('PASSED');
    expect(ev.progress().passedTs).toBe(t(1, 1));
    // One day alone reaches the target but not the minimum days.
    const early = run(makeEvaluator(phase({ profitTargetPct: 10, minTradingDays: 2 })), days([1_000_000]));
    expect(early.status).toBe('ACTIVE');
    expect(early.progress().tradingDays).toEqual({ required: 2, counted: 1, met: false });
  });

  it('waits until no position is open', () => {
    const ev = run(makeEvaluator(phase({ profitTargetPct: 10 })), [
      { ts: t(0), balance: 11_000_000, equity: 11_050_000, lots: 0.5, events: [opened(t(0))] },
      { ts: t(0, 1), balance: 11_040_000, equity: 11_040_000, lots: 0 },
    ]);
    expect(ev.status).toBe('PASSED');
    expect(ev.progress().passedTs).toBe(t(0, 1));
  });

  it('a phase without a target (funded) never passes', () => {
    const ev = run(makeEvaluator(phase()), days([5_000_000, 5_000_000]));
    expect(ev.status).toBe('ACTIVE');
    expect(ev.progress().profitTarget).toBeNull();
  });

  it('nothing fed after the end changes the outcome', () => {
    const ev = run(makeEvaluator(phase({ profitTargetPct: 1 })), days([100_000]));
    expect(ev.status).toBe('PASSED');
    ev.tick({ ts: t(1), balanceCents: 1, equityCents: 1, openLots: 99 });
    expect(ev.status).toBe('PASSED');
    expect(ev.breach).toBeNull();
  });
});

describe('trading days', () => {
  const steps: Step[] = [
    { ts: t(0), balance: INITIAL, equity: INITIAL, lots: 1, events: [opened(t(0)), opened(t(0))] },
    { ts: t(1), balance: INITIAL, equity: INITIAL, lots: 1 },
    { ts: t(2), balance: INITIAL, equity: INITIAL, lots: 0, events: [closed(t(2))] }, // a close only
  ];

  it("'opened' counts days a position was opened (two opens on one day count once)", () => {
    expect(
      run(makeEvaluator(phase({ tradingDayCounts: 'opened' })), steps).progress().tradingDays.counted,
    ).toBe(1);
  });

  it("'any-fill' also counts a day with only a close", () => {
    expect(
      run(makeEvaluator(phase({ tradingDayCounts: 'any-fill' })), steps).progress().tradingDays.counted,
    ).toBe(2);
  });
});

describe('consistency: no day above 40 % of the total profit (target 10 % = 10,000.00)', () => {
  const rules = phase({ profitTargetPct: 10, consistency: { maxDayPctOfProfit: 40 } });

  it('a target reached with one 50 % day does not pass; more profit brings the share to 40 % and passes', () => {
    const ev = run(makeEvaluator(rules), days([500_000, 300_000, 200_000]));
    expect(ev.status).toBe('ACTIVE');
    expect(ev.progress().consistency).toEqual({
      maxDayPct: 40,
      bestDayCents: 500_000,
      profitCents: 1_000_000,
      allowedBestDayCents: 400_000,
      met: false,
    });
    run(ev, days([500_000, 300_000, 200_000, 250_000]).slice(6));
    expect(ev.status).toBe('PASSED'); // 500,000 is exactly 40 % of 1,250,000
  });

  it("today's profit so far counts as a day", () => {
    const ev = run(makeEvaluator(rules), days([300_000, 300_000, 450_000]));
    expect(ev.status).toBe('ACTIVE'); // 450,000 of 1,050,000 is 42.9 %
    expect(ev.progress().consistency?.bestDayCents).toBe(450_000);
  });
});

describe('time limit', () => {
  it('fails at the first tick of the day after the last allowed one', () => {
    const ev = run(makeEvaluator(phase({ profitTargetPct: 10, timeLimitDays: 3 })), [
      { ts: t(0), balance: INITIAL, equity: INITIAL },
      { ts: t(2, 600), balance: INITIAL, equity: INITIAL }, // day 3, 11:00
      { ts: t(3), balance: INITIAL, equity: INITIAL }, // day 4
    ]);
    expect(ev.breach).toEqual({ rule: 'time-limit', ts: t(3), tick: 2, limit: 3, value: 4 });
  });
});

describe('weekend holding (not allowed)', () => {
  const rules = phase({ weekendHolding: false });
  const friday = MONDAY + 4 * DAY;

  it('UTC days: a position open at Friday’s last tick breaches at the first tick after the weekend', () => {
    const ev = run(makeEvaluator(rules), [
      { ts: friday + 20 * 3600, balance: INITIAL, equity: INITIAL, lots: 0.3 },
      { ts: friday + 3 * DAY, balance: INITIAL, equity: INITIAL, lots: 0.3 }, // Monday 00:00
    ]);
    expect(ev.breach).toEqual({
      rule: 'weekend-holding',
      ts: friday + 3 * DAY,
      tick: 1,
      limit: 0,
      value: 0.3,
    });
  });

  it('closing before the weekend is fine', () => {
    const flat = run(makeEvaluator(rules), [
      { ts: friday + 20 * 3600, balance: INITIAL, equity: INITIAL, lots: 0 },
      { ts: friday + 3 * DAY, balance: INITIAL, equity: INITIAL, lots: 1 },
    ]);
    expect(flat.status).toBe('ACTIVE');
  });

  it('weekend data (crypto): a position opened and closed within Saturday is fine; one held into Sunday is not', () => {
    const saturday = friday + DAY;
    const within = run(makeEvaluator(rules), [
      { ts: saturday + 3600, balance: INITIAL, equity: INITIAL, lots: 1 },
      { ts: saturday + 7200, balance: INITIAL, equity: INITIAL, lots: 0 },
      { ts: saturday + DAY + 60, balance: INITIAL, equity: INITIAL, lots: 0 },
    ]);
    expect(within.status).toBe('ACTIVE');
    const held = run(makeEvaluator(rules), [
      { ts: saturday + 3600, balance: INITIAL, equity: INITIAL, lots: 1 },
      { ts: saturday + DAY + 60, balance: INITIAL, equity: INITIAL, lots: 1 },
    ]);
    expect(held.breach).toEqual({
      rule: 'weekend-holding',
      ts: saturday + DAY + 60,
      tick: 1,
      limit: 0,
      value: 1,
    });
  });

  it('Prague 00:00: a position opened at the Sunday 23:00 open and held into Monday is fine', () => {
    const reset = { time: '00:00', zone: 'Europe/Prague' };
    const start = at('2024-03-03T22:00:00Z'); // Sun 23:00 CET
    const ev = run(makeEvaluator(rules, { reset, offset: luxonOffset, startTs: start }), [
      { ts: start, balance: INITIAL, equity: INITIAL, lots: 1 },
      { ts: at('2024-03-04T08:00:00Z'), balance: INITIAL, equity: INITIAL, lots: 1 },
    ]);
    expect(ev.status).toBe('ACTIVE');
  });

  it('New York 17:00: Friday 17:00 EST starts the weekend; Sunday 17:00 starts Monday', () => {
    const reset = { time: '17:00', zone: 'America/New_York' };
    const start = at('2024-03-01T15:00:00Z');
    const ev = run(makeEvaluator(rules, { reset, offset: luxonOffset, startTs: start }), [
      { ts: at('2024-03-01T21:59:00Z'), balance: INITIAL, equity: INITIAL, lots: 1 }, // Fri 16:59 EST
      { ts: at('2024-03-03T22:00:00Z'), balance: INITIAL, equity: INITIAL, lots: 1 }, // Sun 17:00 EST
    ]);
    expect(ev.breach).toMatchObject({ rule: 'weekend-holding', ts: at('2024-03-03T22:00:00Z'), tick: 1 });
    const allowed = run(makeEvaluator(phase(), { reset, offset: luxonOffset, startTs: start }), [
      { ts: at('2024-03-01T21:59:00Z'), balance: INITIAL, equity: INITIAL, lots: 1 },
      { ts: at('2024-03-03T22:00:00Z'), balance: INITIAL, equity: INITIAL, lots: 1 },
    ]);
    expect(allowed.status).toBe('ACTIVE');
  });
});

describe('max open lots and max risk per trade', () => {
  it('open lots may equal the limit, not exceed it', () => {
    const ev = run(makeEvaluator(phase({ maxOpenLots: 5 })), [
      { ts: t(0), balance: INITIAL, equity: INITIAL, lots: 0.1 + 0.2 + 4.7 },
      { ts: t(0, 1), balance: INITIAL, equity: INITIAL, lots: 5.01 },
    ]);
    expect(ev.breach).toEqual({ rule: 'max-open-lots', ts: t(0, 1), tick: 1, limit: 5, value: 5.01 });
  });

  it('risk 1 % = 1,000.00: equal is allowed, a cent more breaches at the opening', () => {
    const rules = phase({ maxRiskPerTrade: { limitPct: 1, requireStopLoss: false } });
    const ok = makeEvaluator(rules);
    ok.event(opened(t(0), 100_000));
    ok.event(opened(t(0), null)); // no stop loss, not required
    expect(ok.status).toBe('ACTIVE');
    const over = makeEvaluator(rules);
    over.tick({ ts: t(0), balanceCents: INITIAL, equityCents: INITIAL, openLots: 0 });
    over.event(opened(t(0, 1), 100_001));
    expect(over.breach).toEqual({
      rule: 'risk-per-trade',
      ts: t(0, 1),
      tick: 1,
      limit: 100_000,
      value: 100_001,
    });
  });

  it('a required stop loss: opening without one, or removing it, breaches', () => {
    const rules = phase({ maxRiskPerTrade: { limitPct: 1, requireStopLoss: true } });
    const none = makeEvaluator(rules);
    none.event(opened(t(0), null));
    expect(none.breach).toMatchObject({ rule: 'risk-per-trade', value: null });
    const removed = makeEvaluator(rules);
    removed.event(opened(t(0), 50_000));
    removed.event({ kind: 'modified', ts: t(0, 5), positionId: `p${t(0)}`, riskCents: null });
    expect(removed.breach).toMatchObject({ rule: 'risk-per-trade', ts: t(0, 5) });
  });
});

describe('breach preview for an order ticket', () => {
  const rules = phase({
    maxDailyLoss: { limitPct: 5, base: 'equity', reference: 'start-of-day-balance' },
    maxOverallLoss: { limitPct: 10, mode: 'static', lockAtInitial: false },
    maxOpenLots: 2,
    maxRiskPerTrade: { limitPct: 1, requireStopLoss: true },
  });
  // Day 0 (the first, starting at 100,000) lost 2,000 closed and 1,000 open: equity 97,000,
  // daily floor 95,000 (room 2,000), overall floor 90,000 (room 7,000).
  const now = () =>
    run(makeEvaluator(rules), [{ ts: t(0), balance: 9_800_000, equity: 9_700_000, lots: 1.5 }]);

  it('answers the room before and after the stop loss', () => {
    expect(now().preview({ lots: 0.5, stopLossCents: 90_000 })).toEqual({
      daily: { roomCents: 200_000, roomAfterCents: 110_000, breaches: false },
      overall: { roomCents: 700_000, roomAfterCents: 610_000, breaches: false },
      violations: [],
    });
    expect(now().preview({ lots: 0.5, stopLossCents: 200_000 }).daily).toEqual({
      roomCents: 200_000,
      roomAfterCents: 0,
      breaches: true,
    });
  });

  it('names the rules the order itself breaks', () => {
    expect(now().preview({ lots: 0.6, stopLossCents: 100_001 }).violations).toEqual([
      'max-open-lots',
      'risk-per-trade',
    ]);
    const noStop = now().preview({ lots: 0.1, stopLossCents: null });
    expect(noStop.violations).toEqual(['risk-per-trade']);
    expect(noStop.daily?.breaches).toBe(true);
  });
});

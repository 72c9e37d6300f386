import { describe, expect, it } from 'vitest';
import { SpreadPlan, type SpreadSchedule, scheduledSpreadPts } from '../../../src/core/execution/spread';
import type { Bar } from '../../../src/core/replay/forming-bar';
import { arraySource, ReplayRunner } from '../../../src/core/replay/replay-runner';
import { bar, makeEngine } from './helpers';

// EURUSD (point 0.00001, 100,000 units a lot), bid 1.10000, the session's fixed spread 10 points;
// one lot: a point is USD 1.00.

function amounts(engine: ReturnType<typeof makeEngine>, positionId: string) {
  const out: Record<string, number> = {};
  for (const e of engine.drainChanges().ledger) {
    if (e.positionId === positionId) out[e.type] = (out[e.type] ?? 0) + e.amountCents;
  }
  return out;
}

function place(engine: ReturnType<typeof makeEngine>, request: Parameters<typeof engine.placeOrder>[0]) {
  const placed = engine.placeOrder(request);
  if (!placed.ok) throw new Error(placed.reason);
  return placed.value;
}

describe('the bar spread decides fills and costs', () => {
  it('a long pays the spread of its entry bar, a short the spread of its exit bar', () => {
    const engine = makeEngine();
    engine.setSpreadPts(30);
    bar(engine, 1.1, 1.1, 1.1, 1.1);
    const long = place(engine, { side: 'BUY', type: 'MARKET', lots: 1 });
    expect(engine.price(long.fillPricePts!)).toBe(1.1003);
    engine.setSpreadPts(5);
    bar(engine, 1.1002, 1.1002, 1.1002, 1.1002);
    // Open P/L: +20 points bid to bid, less the 30 points paid at entry (not today's 5).
    expect(engine.accountState().openPnlCents).toBe(2_000 - 3_000);
    const closedLong = engine.closePosition(long.positionId!);
    if (!closedLong.ok) throw new Error(closedLong.reason);
    expect(amounts(engine, long.positionId!)).toEqual({ PNL: 2_000, SPREAD: -3_000 });

    const short = place(engine, { side: 'SELL', type: 'MARKET', lots: 1 });
    expect(engine.price(short.fillPricePts!)).toBe(1.1002);
    engine.setSpreadPts(30);
    bar(engine, 1.1002, 1.1002, 1.1002, 1.1002);
    expect(engine.accountState().openPnlCents).toBe(-3_000);
    const closedShort = engine.closePosition(short.positionId!);
    if (!closedShort.ok) throw new Error(closedShort.reason);
    // Bought back at the ask of this bar: 1.10020 + 30 points.
    expect(engine.price(closedShort.value.exitPts!)).toBe(1.1005);
    expect(amounts(engine, short.positionId!)).toEqual({ PNL: 0, SPREAD: -3_000 });
  });

  it('a buy limit waits while the wide spread keeps the ask above it, and fills when it narrows', () => {
    const engine = makeEngine();
    const order = place(engine, { side: 'BUY', type: 'LIMIT', lots: 1, price: 1.0999 });
    engine.drainChanges();
    // Bid low 1.09980 + 20 points: the ask only reaches 1.10000.
    engine.setSpreadPts(20);
    bar(engine, 1.1, 1.1, 1.0998, 1.1);
    expect(engine.pending).toHaveLength(1);
    // Bid low 1.09980 + 5 points = ask 1.09985: the limit at 1.09990 fills at its price.
    engine.setSpreadPts(5);
    bar(engine, 1.1, 1.1, 1.0998, 1.1);
    expect(engine.pending).toHaveLength(0);
    const position = engine.open[0]!;
    expect(position.orderId).toBe(order.id);
    expect(engine.price(position.entryPts)).toBe(1.0999);
    expect(engine.price(position.entryBidPts)).toBe(1.09985);
    expect(engine.spreadPaidPts(position)).toBe(5);
  });

  it("a widening spread alone can reach a short's stop loss (it watches the ask)", () => {
    const engine = makeEngine();
    const short = place(engine, { side: 'SELL', type: 'MARKET', lots: 1, sl: 1.1005 });
    engine.drainChanges();
    engine.setSpreadPts(40);
    bar(engine, 1.1, 1.1, 1.1, 1.1);
    expect(engine.open).toHaveLength(1);
    // The bid never moves; the ask 1.10000 + 60 points is past the stop at 1.10050 from the open.
    engine.setSpreadPts(60);
    bar(engine, 1.1, 1.1, 1.1, 1.1);
    expect(engine.open).toHaveLength(0);
    expect(amounts(engine, short.positionId!)).toEqual({ PNL: 0, SPREAD: -6_000 });
  });
});

// Monday 1 January 2024 00:00 UTC. The test clock rolls over at 22:00 UTC Monday to Friday.
const MON = 1_704_067_200;
const H = 3600;
const D = 86_400;
const utc22 = {
  nextAfter(ts: number) {
    let at = Math.floor(ts / D) * D + 22 * H;
    for (;;) {
      const weekday = (Math.floor(at / D) + 4) % 7;
      if (at > ts && weekday >= 1 && weekday <= 5) return at;
      at += D;
    }
  },
  weekdayOf: (ts: number) => (Math.floor(ts / D) + 4) % 7,
};

// 8 points all day but 20 in the hour after midnight UTC, 4 more on Mondays, 40 points from
// 10 minutes before the rollover to 10 minutes after it.
const SCHEDULE: SpreadSchedule = {
  hourPts: [20, ...Array<number>(23).fill(8)],
  weekdayPts: [0, 4, 0, 0, 0, 0, 0],
  rolloverPts: 40,
  rolloverMinutes: 10,
};

describe('spread schedule', () => {
  it('is the hour of the day plus the weekday, widened around the rollover', () => {
    const at = (ts: number) => scheduledSpreadPts(SCHEDULE, ts, utc22);
    expect(at(MON + 30 * 60)).toBe(20 + 4);
    expect(at(MON + 9 * H)).toBe(8 + 4);
    expect(at(MON + D + 9 * H)).toBe(8);
    expect(at(MON + 21 * H + 49 * 60)).toBe(12);
    expect(at(MON + 21 * H + 50 * 60)).toBe(40);
    expect(at(MON + 22 * H + 9 * 60)).toBe(40);
    expect(at(MON + 22 * H + 10 * 60)).toBe(12);
    // Saturday has no rollover to widen around.
    expect(at(MON + 5 * D + 21 * H + 55 * 60)).toBe(8);
  });

  it('the plan answers the same while it caches, forward and back', () => {
    const plan = new SpreadPlan(10, SCHEDULE, utc22);
    const times = [0, 60, 21 * H + 49 * 60, 21 * H + 50 * 60, 22 * H + 10 * 60, 23 * H, 60, 22 * H];
    for (const t of times) {
      expect(plan.at({ ts: MON + t })).toBe(scheduledSpreadPts(SCHEDULE, MON + t, utc22));
    }
  });

  it("the data's spread beats the schedule, and the fixed spread applies without either", () => {
    expect(new SpreadPlan(10, SCHEDULE, utc22).at({ ts: MON, spreadPts: 3 })).toBe(3);
    expect(new SpreadPlan(10, null, utc22).at({ ts: MON })).toBe(10);
    expect(new SpreadPlan(10, null, utc22).at({ ts: MON, spreadPts: 0 })).toBe(0);
  });

  it('the replay sets each bar spread before the bar is evaluated', () => {
    const engine = makeEngine({ startTs: MON + 21 * H + 48 * 60 });
    const flat = (ts: number, spreadPts?: number): Bar => ({
      ts,
      open: 1.1,
      high: 1.1,
      low: 1.1,
      close: 1.1,
      volume: 0,
      ...(spreadPts === undefined ? {} : { spreadPts }),
    });
    const bars = [
      flat(MON + 21 * H + 49 * 60),
      flat(MON + 21 * H + 50 * 60),
      flat(MON + 21 * H + 51 * 60, 3),
    ];
    const runner = new ReplayRunner(engine, arraySource(bars), 'M1', null);
    runner.spread = new SpreadPlan(10, SCHEDULE, utc22);
    runner.stepBars(1);
    expect(engine.spreadPts).toBe(12);
    runner.stepBars(1);
    expect(engine.spreadPts).toBe(40);
    const buy = place(engine, { side: 'BUY', type: 'MARKET', lots: 1 });
    expect(engine.price(buy.fillPricePts!)).toBe(1.1004);
    runner.stepBars(1);
    expect(engine.spreadPts).toBe(3);
    expect(engine.askPts - engine.bidPts).toBe(3);
  });
});

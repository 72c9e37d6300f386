import { describe, expect, it } from 'vitest';
import type { SwapSpec } from '../../../src/core/execution/swap';
import { costsPaid } from '../../../src/core/statistics/costs';
import { zonedRollover } from '../../../src/main/features/trading/rollover';
import { bar, EURUSD, makeEngine, USDJPY } from './helpers';

// Monday 1 January 2024, 00:00 UTC. The test clock rolls over at 22:00 UTC Monday to Friday
// (17:00 New York in winter); Wednesday's rollover charges three nights.
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

const POINTS: SwapSpec = { mode: 'points', long: -6.5, short: 1.2, tripleWeekday: 3 };

function engineAt(startTs: number, swap: SwapSpec = POINTS, instrument = EURUSD, close = 1.1) {
  return makeEngine({ instrument: { ...instrument, swap }, rollover: utc22, startTs, close });
}

const swaps = (engine: ReturnType<typeof makeEngine>) =>
  engine
    .drainChanges()
    .ledger.filter((e) => e.type === 'SWAP')
    .map((e) => [e.ts, e.positionId, e.amountCents]);

describe('swap at the rollover', () => {
  it('charges a long held through Monday, Tuesday and (triple) Wednesday 22:00', () => {
    const engine = engineAt(MON + 21 * H);
    const placed = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    if (!placed.ok) throw new Error(placed.reason);
    const id = placed.value.positionId!;
    engine.drainChanges();
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 21 * H + 59 * 60);
    expect(swaps(engine)).toEqual([]);
    // -6.5 points a lot: -6.5 * 0.00001 * 100,000 = -6.50 a night, at the first bar from 22:00.
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 22 * H);
    expect(swaps(engine)).toEqual([[MON + 22 * H, id, -650]]);
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + D + 22 * H + 5 * 60);
    expect(swaps(engine)).toEqual([[MON + D + 22 * H + 5 * 60, id, -650]]);
    // Wednesday: three nights, -19.50.
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 2 * D + 22 * H);
    expect(swaps(engine)).toEqual([[MON + 2 * D + 22 * H, id, -1_950]]);
    expect(engine.open[0]!.swapCents).toBe(-3_250);
    const closed = engine.closePosition(id);
    if (!closed.ok) throw new Error(closed.reason);
    // PNL 0, spread -10.00, swap -32.50: the record's result is every ledger line of it.
    expect(closed.value.swapCents).toBe(-3_250);
    expect(closed.value.realizedCents).toBe(-1_000 - 3_250);
    expect(engine.balanceCents).toBe(1_000_000 - 1_000 - 3_250);
  });

  it('a position opened after the rollover pays nothing until the next one', () => {
    const engine = engineAt(MON + 22 * H + 30 * 60);
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 2 });
    engine.drainChanges();
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 23 * H);
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + D + 21 * H + 59 * 60);
    expect(swaps(engine)).toEqual([]);
    // A short earns 1.2 points a lot: 2 lots * 1.20 = +2.40.
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + D + 22 * H + 60);
    expect(swaps(engine).map((s) => s[2])).toEqual([240]);
  });

  it('a data gap over several rollovers charges each (Friday one night, Monday one night)', () => {
    const engine = engineAt(MON + 4 * D + 21 * H);
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 });
    engine.drainChanges();
    // Friday 21:00 -> next Monday 23:00: Friday's and Monday's rollovers, -0.65 each.
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 7 * D + 23 * H);
    expect(swaps(engine).map((s) => s[2])).toEqual([-65, -65]);
  });

  it('percent a year of the value at the rollover bid, over 360 days, half away from zero', () => {
    const engine = engineAt(MON + 2 * D + 21 * H, {
      mode: 'percent',
      long: -2.5,
      short: 0.5,
      tripleWeekday: 3,
    });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 });
    engine.drainChanges();
    // Wednesday (triple): 10,000 * 1.10000 * 2.5 % * 3 / 360 = 2.291666… -> -2.29.
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 2 * D + 22 * H);
    // Thursday at a bid of 1.20000: 12,000 * 2.5 % / 360 = 0.833… -> -0.83.
    bar(engine, 1.2, 1.2, 1.2, 1.2, MON + 3 * D + 21 * H);
    bar(engine, 1.2, 1.2, 1.2, 1.2, MON + 3 * D + 22 * H);
    expect(swaps(engine).map((s) => s[2])).toEqual([-229, -83]);
  });

  it('USDJPY: quote-currency swap converts at the rollover bid', () => {
    const engine = engineAt(
      MON + 21 * H,
      { mode: 'points', long: 5, short: -9, tripleWeekday: 3 },
      USDJPY,
      150,
    );
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    engine.drainChanges();
    // 5 points * 0.001 * 100,000 = 500 JPY / 150.000 = 3.333… USD -> +3.33.
    bar(engine, 150, 150, 150, 150, MON + 22 * H);
    expect(swaps(engine).map((s) => s[2])).toEqual([333]);
  });

  it('a partial close takes its lots share of the swap so far', () => {
    const engine = engineAt(MON + 21 * H);
    const placed = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    if (!placed.ok) throw new Error(placed.reason);
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + 22 * H);
    const part = engine.closePosition(placed.value.positionId!, 0.4);
    if (!part.ok) throw new Error(part.reason);
    expect(part.value.swapCents).toBe(-260);
    expect(engine.open[0]!.swapCents).toBe(-390);
  });

  it('the report counts swap as a cost (a credit lowers the total)', () => {
    const costs = costsPaid([
      { type: 'SPREAD', amountCents: -1_000 },
      { type: 'SWAP', amountCents: -650 },
      { type: 'SWAP', amountCents: 240 },
    ]);
    expect(costs).toMatchObject({ spreadCents: 1_000, swapCents: 410, totalCents: 1_410 });
  });

  it('without a swap the engine never asks the clock', () => {
    let asked = 0;
    const engine = makeEngine({
      rollover: {
        nextAfter: () => {
          asked++;
          return 0;
        },
        weekdayOf: () => 0,
      },
      startTs: MON,
    });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    bar(engine, 1.1, 1.1, 1.1, 1.1, MON + D);
    expect(asked).toBe(0);
    expect(engine.drainChanges().ledger.some((e) => e.type === 'SWAP')).toBe(false);
  });
});

describe('the New York rollover clock', () => {
  const clock = zonedRollover();
  const iso = (ts: number) => new Date(ts * 1000).toISOString();
  const at = (s: string) => Date.parse(s) / 1000;

  it('is 17:00 New York: 22:00 UTC in winter, 21:00 UTC in summer', () => {
    expect(iso(clock.nextAfter(at('2024-01-02T12:00:00Z')))).toBe('2024-01-02T22:00:00.000Z');
    expect(iso(clock.nextAfter(at('2024-07-02T12:00:00Z')))).toBe('2024-07-02T21:00:00.000Z');
    // Strictly after: at the rollover itself, the next is tomorrow's.
    expect(iso(clock.nextAfter(at('2024-01-02T22:00:00Z')))).toBe('2024-01-03T22:00:00.000Z');
  });

  it('follows the change of clocks (Sunday 10 March 2024) and skips the weekend', () => {
    expect(iso(clock.nextAfter(at('2024-03-08T22:00:00Z')))).toBe('2024-03-11T21:00:00.000Z');
    expect(clock.weekdayOf(at('2024-03-13T21:00:00Z'))).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { bar, EURUSD, makeEngine } from './helpers';

// Most bars of a replay meet nothing, and the engine skips them with a few compares (the calm
// window in engine.ts). These pin the events that must still happen inside a stretch of such
// quiet bars, each at the same bar as when every tick is walked.

const D = 86_400;

/** Forty quiet one-minute bars around 1.1000 (range 1.0998-1.1002). */
function quietBars(engine: ReturnType<typeof makeEngine>, count = 40): void {
  for (let i = 0; i < count; i++) bar(engine, 1.1, 1.1002, 1.0998, 1.1);
}

describe('quiet bars', () => {
  it('still expire a far pending order at the first bar opening at or after its expiry', () => {
    const engine = makeEngine({ startTs: 600 });
    const order = engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.09, expiryTs: 1_500 });
    expect(order.ok).toBe(true);
    quietBars(engine, 14); // up to ts 1,440
    expect(engine.pending).toHaveLength(1);
    bar(engine, 1.1, 1.1002, 1.0998, 1.1); // ts 1,500
    expect(engine.pending).toHaveLength(0);
    const id = order.ok ? order.value.id : '';
    const expired = engine.drainChanges().orders.find((o) => o.id === id);
    expect(expired?.status).toBe('EXPIRED');
  });

  it('still start a new UTC day: the trades-per-day count resets at midnight', () => {
    const engine = makeEngine({
      startTs: D - 30 * 60,
      risk: {
        maxRiskPct: null,
        maxDailyLossCents: null,
        maxTradesPerDay: 1,
        defaultSlPips: null,
        defaultTpPips: null,
      },
    });
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.09, tp: 1.11 }).ok).toBe(true);
    quietBars(engine, 29); // to 23:59
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 }).ok).toBe(false);
    bar(engine, 1.1, 1.1002, 1.0998, 1.1); // 00:00
    expect(engine.tradesToday).toBe(0);
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 }).ok).toBe(true);
  });

  it('still charge swap at the rollover', () => {
    const rollover = { nextAfter: (ts: number) => (Math.floor(ts / 3600) + 1) * 3600, weekdayOf: () => 1 };
    const engine = makeEngine({
      instrument: { ...EURUSD, swap: { mode: 'points', long: -6.5, short: 1.2, tripleWeekday: 3 } },
      rollover,
      startTs: 3 * 3600 - 20 * 60,
    });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.09, tp: 1.11 });
    engine.drainChanges();
    quietBars(engine, 19); // to 2:59
    expect(engine.drainChanges().ledger).toEqual([]);
    bar(engine, 1.1, 1.1002, 1.0998, 1.1); // 3:00
    expect(engine.drainChanges().ledger.map((e) => [e.type, e.amountCents, e.ts])).toEqual([
      ['SWAP', -650, 3 * 3600],
    ]);
  });

  it('show every tick to a watcher attached in the middle of them', () => {
    const engine = makeEngine({ startTs: 600 });
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1, sl: 1.11, tp: 1.09 });
    quietBars(engine, 10);
    const seen: number[] = [];
    engine.onTick = () => seen.push(engine.bidPts);
    bar(engine, 1.1, 1.1002, 1.0998, 1.1001);
    expect(seen).toEqual([110_000, 110_020, 109_980, 110_010]);
  });

  it('still fill a stop-loss the moment a bar reaches it, after the book changed in between', () => {
    const engine = makeEngine({ startTs: 600 });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.09, tp: 1.11 });
    quietBars(engine, 10);
    const p = engine.open[0]!;
    expect(engine.modifyPosition(p.id, { sl: 1.0999 }).ok).toBe(true);
    bar(engine, 1.1, 1.1002, 1.0998, 1.1);
    expect(engine.open).toHaveLength(0);
    expect(engine.drainChanges().fills.at(-1)).toMatchObject({ reason: 'SL', pricePts: 109_990 });
  });
});

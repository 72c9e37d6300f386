import { describe, expect, it } from 'vitest';
import { bar, makeEngine } from './helpers';

// EURUSD, bid 1.10000, spread 10 points (ask 1.10010), no slippage. Each bar's path is O, X, Y, C
// with the high first when it is no farther from the open than the low.

function closed(engine: ReturnType<typeof makeEngine>) {
  return engine
    .drainChanges()
    .positions.filter((p) => p.status !== 'OPEN')
    .map((p) => ({ reason: p.exitReason, flagged: p.pathDependent }));
}

describe('flagged path-dependent fills', () => {
  it('flags a take profit hit in a bar that also reached the stop loss', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.099, tp: 1.101 });
    engine.drainChanges();
    // Open 1.10000, high 1.10120 and low 1.09880 equally far: high first, so the TP wins.
    bar(engine, 1.1, 1.1012, 1.0988, 1.1);
    expect(closed(engine)).toEqual([{ reason: 'TP', flagged: true }]);
  });

  it('does not flag a take profit when the bar never reached the stop loss', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.099, tp: 1.101 });
    engine.drainChanges();
    bar(engine, 1.1, 1.1012, 1.0995, 1.1);
    expect(closed(engine)).toEqual([{ reason: 'TP', flagged: false }]);
  });

  it('flags an entry whose stop loss lies in the same bar', () => {
    const engine = makeEngine();
    // Buy limit 1.09950 (bid 1.09850 at the ask's touch), SL 1.09800.
    engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.0995, sl: 1.098 });
    engine.drainChanges();
    // High first (5 points up, 22 down): the low then fills the limit and goes on to the stop.
    bar(engine, 1.1, 1.1005, 1.0978, 1.099);
    expect(closed(engine)).toEqual([{ reason: 'SL', flagged: true }]);
  });

  it('flags an entry with its stop loss in the bar even when the bar does not close it', () => {
    const engine = makeEngine();
    // A sell stop at 1.09900 with its SL at 1.10050 (the ask must reach it: bid 1.09950).
    engine.placeOrder({ side: 'SELL', type: 'STOP', lots: 1, price: 1.099, sl: 1.1005 });
    engine.drainChanges();
    // Open 1.10000, high 1.10060 first (6 up, 15 down), then the low fills the stop at 1.09900;
    // the stop loss's level was reached before the fill, which high-last would have closed.
    bar(engine, 1.1, 1.1006, 1.0985, 1.0985);
    expect(engine.open).toHaveLength(1);
    expect(engine.open[0]!.pathDependent).toBe(true);
  });

  it('does not flag a stop loss crossed by the gap at the open, whatever the bar does next', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.099, tp: 1.101 });
    engine.drainChanges();
    bar(engine, 1.0985, 1.1015, 1.098, 1.1);
    expect(closed(engine)).toEqual([{ reason: 'SL', flagged: false }]);
  });
});

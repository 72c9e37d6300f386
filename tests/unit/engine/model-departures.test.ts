import { describe, expect, it } from 'vitest';
import { positionDto } from '../../../src/main/features/trading/dto';
import { bar, EURUSD, makeEngine } from './helpers';

// Three places where the engine once departed from the README's execution model (issue 15),
// each pinned with the example that exposed it.

describe('stop loss before take profit, across positions', () => {
  // Issue 15's example: spread 10, slippage 0, commission 3.50 a lot; bid 1.03969. A long 0.1
  // with TP 1.03990 and a short 0.1 with SL 1.04000 (its ask reaches 1.04000 at bid 1.03990):
  // both trigger at the same bid. The short's SL closes first.
  function twoPositions() {
    const engine = makeEngine({ close: 1.03969, account: { commissionPerLotCents: 350 } });
    const long = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1, tp: 1.0399 });
    const short = engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 0.1, sl: 1.04 });
    if (!long.ok || !short.ok) throw new Error('rejected');
    engine.drainChanges();
    return { engine, longId: long.value.positionId!, shortId: short.value.positionId! };
  }

  it('inside a segment: the short SL first (balance after its PNL 9,997.20), then the long TP', () => {
    const { engine, shortId, longId } = twoPositions();
    // Low first (30 up vs 10 down): O 1.03970 -> L 1.03960 -> H 1.04000 crosses bid 1.03990.
    bar(engine, 1.0397, 1.04, 1.0396, 1.0398);
    const changes = engine.drainChanges();
    expect(changes.fills.map((f) => [f.positionId, f.reason])).toEqual([
      [shortId, 'SL'],
      [longId, 'TP'],
    ]);
    // PNL -(1.03990 - 1.03969) * 10,000 = -2.10 for the short, +2.10 for the long; spread -1.00 each.
    expect(changes.ledger.map((e) => [e.type, e.positionId, e.amountCents, e.balanceAfterCents])).toEqual([
      ['PNL', shortId, -210, 999_720],
      ['SPREAD', shortId, -100, 999_620],
      ['COMMISSION', shortId, -35, 999_585],
      ['PNL', longId, 210, 999_795],
      ['SPREAD', longId, -100, 999_695],
      ['COMMISSION', longId, -35, 999_660],
    ]);
  });

  it('both crossed by a gap: the short SL first, both at the open', () => {
    const { engine, shortId, longId } = twoPositions();
    // Opens at 1.04000, past both levels: each fills at the open (ask 1.04010 for the short).
    bar(engine, 1.04, 1.0402, 1.0399, 1.0401);
    const changes = engine.drainChanges();
    expect(changes.fills.map((f) => [f.positionId, f.reason, engine.price(f.pricePts)])).toEqual([
      [shortId, 'SL', 1.0401],
      [longId, 'TP', 1.04],
    ]);
    // PNL -(1.04000 - 1.03969) * 10,000 = -3.10.
    expect(changes.ledger[0]).toMatchObject({ type: 'PNL', amountCents: -310, balanceAfterCents: 999_620 });
  });

  it('two stop losses at the same point still close in opening order', () => {
    const engine = makeEngine();
    const a = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1, sl: 1.099 });
    const b = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.2, sl: 1.099 });
    if (!a.ok || !b.ok) throw new Error('rejected');
    engine.drainChanges();
    bar(engine, 1.1, 1.1001, 1.098, 1.0985);
    expect(engine.drainChanges().fills.map((f) => f.positionId)).toEqual([
      a.value.positionId,
      b.value.positionId,
    ]);
  });
});

describe('one rounding rule for every displayed amount', () => {
  it('open P/L with a half cent rounds half away from zero, in the position and in equity', () => {
    const engine = makeEngine({ instrument: { ...EURUSD, minLot: 0.001, lotStep: 0.001 } });
    const placed = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.125 });
    if (!placed.ok) throw new Error(placed.reason);
    // The bid falls 375 points: (-375 - 10 spread) * 0.00001 * 12,500 = -48.125 -> -48.13.
    bar(engine, 1.0963, 1.0963, 1.09625, 1.09625);
    const position = positionDto('s', engine.open[0]!, engine);
    expect(position.openPnlCents).toBe(-4_813);
    const account = engine.accountState();
    expect(account.openPnlCents).toBe(-4_813);
    expect(account.equityCents).toBe(1_000_000 - 4_813);
  });
});

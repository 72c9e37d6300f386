import { describe, expect, it } from 'vitest';
import { lotsForRisk } from '../../../src/core/portfolio/sizing';
import { tickPath } from '../../../src/core/replay/tick-path';
import { bar, EURGBP, EURUSD, makeEngine, USDJPY } from './helpers';

// Every engine starts on EURUSD (5 digits, point 0.00001, pip 0.0001, 100,000 units a lot)
// with a USD 10,000 account, leverage 100, spread 10 points and a revealed close (bid) of 1.10000,
// so the ask is 1.10010.

function amounts(engine: ReturnType<typeof makeEngine>, positionId: string) {
  const out: Record<string, number> = {};
  for (const e of engine.drainChanges().ledger) {
    if (e.positionId === positionId) out[e.type] = (out[e.type] ?? 0) + e.amountCents;
  }
  return out;
}

describe('intrabar path', () => {
  it('goes to the high first when the high is no farther from the open than the low', () => {
    expect(tickPath(1.1, 1.101, 1.098, 1.0995)).toEqual([1.1, 1.101, 1.098, 1.0995]);
    expect(tickPath(1.1, 1.1015, 1.0985, 1.1)).toEqual([1.1, 1.1015, 1.0985, 1.1]);
  });
  it('goes to the low first otherwise', () => {
    expect(tickPath(1.1, 1.102, 1.0995, 1.101)).toEqual([1.1, 1.0995, 1.102, 1.101]);
  });
});

describe('market orders', () => {
  it('buy fills at the last close + spread + slippage; sell at the close - slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    const buy = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const sell = engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1 });
    if (!buy.ok || !sell.ok) throw new Error('rejected');
    expect(engine.price(buy.value.fillPricePts!)).toBe(1.10012);
    expect(engine.price(sell.value.fillPricePts!)).toBe(1.09998);
    const [long, short] = engine.open;
    expect(engine.price(long!.entryBidPts)).toBe(1.1);
    expect(engine.price(short!.entryBidPts)).toBe(1.1);
  });
});

describe('pending order triggers inside a continuous segment', () => {
  it('buy limit: ask <= P fills at exactly P', () => {
    const engine = makeEngine();
    const placed = engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.0995 });
    expect(placed.ok).toBe(true);
    // O 1.10000 -> H 1.10020 -> L 1.09900 -> C: the ask reaches 1.09950 when the bid is 1.09940.
    bar(engine, 1.1, 1.1002, 1.099, 1.0995);
    const p = engine.open[0]!;
    expect(engine.price(p.entryPts)).toBe(1.0995);
    expect(engine.price(p.entryBidPts)).toBe(1.0994);
  });

  it('buy stop: ask >= P fills at P + slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'BUY', type: 'STOP', lots: 1, price: 1.101 });
    // Low first (200 up vs 10 down): O -> L 1.09990 -> H 1.10200: bid 1.10090 = ask 1.10100.
    bar(engine, 1.1, 1.102, 1.0999, 1.1015);
    const p = engine.open[0]!;
    expect(engine.price(p.entryPts)).toBe(1.10102);
    expect(engine.price(p.entryBidPts)).toBe(1.1009);
    expect(engine.price(p.entrySlipPts)).toBe(0.00002);
  });

  it('sell limit: bid >= P fills at exactly P', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'SELL', type: 'LIMIT', lots: 1, price: 1.1005 });
    bar(engine, 1.1, 1.102, 1.0999, 1.1015);
    expect(engine.price(engine.open[0]!.entryPts)).toBe(1.1005);
  });

  it('sell stop: bid <= P fills at P - slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'SELL', type: 'STOP', lots: 1, price: 1.0995 });
    bar(engine, 1.1, 1.1001, 1.099, 1.0992);
    expect(engine.price(engine.open[0]!.entryPts)).toBe(1.09948);
  });

  it('does not trigger in the bar of placement, only from the next base bar on', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'SELL', type: 'LIMIT', lots: 1, price: 1.1005 });
    expect(engine.open.length).toBe(0);
    bar(engine, 1.1, 1.1004, 1.0999, 1.1001);
    expect(engine.open.length).toBe(0);
    expect(engine.pending.length).toBe(1);
  });

  it('rejects pending orders on the wrong side of the price with a reason', () => {
    const engine = makeEngine();
    const r = engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.1005 });
    expect(r).toEqual({ ok: false, reason: 'A buy limit must be below the current ask 1.1001' });
    const s = engine.placeOrder({ side: 'SELL', type: 'STOP', lots: 1, price: 1.1 });
    expect(s.ok).toBe(false);
  });
});

describe('gap fills at the open', () => {
  it('sell stop crossed by a gap fills at the open - slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'SELL', type: 'STOP', lots: 1, price: 1.0995 });
    bar(engine, 1.098, 1.0985, 1.097, 1.0975);
    expect(engine.price(engine.open[0]!.entryPts)).toBe(1.09798);
  });

  it('buy limit crossed by a gap fills at the open ask, no slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.0995 });
    bar(engine, 1.098, 1.0985, 1.097, 1.0975);
    expect(engine.price(engine.open[0]!.entryPts)).toBe(1.0981);
  });

  it('buy stop crossed by a gap fills at the open ask + slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'BUY', type: 'STOP', lots: 1, price: 1.101 });
    bar(engine, 1.103, 1.104, 1.1025, 1.1035);
    expect(engine.price(engine.open[0]!.entryPts)).toBe(1.10312);
  });

  it('a long SL crossed by a gap exits at the open - slippage', () => {
    const engine = makeEngine({ account: { slippagePts: 2 } });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.099 });
    const id = engine.open[0]!.id;
    engine.drainChanges();
    bar(engine, 1.098, 1.0985, 1.097, 1.0975);
    const a = amounts(engine, id);
    // PNL (1.09800 - 1.10000) * 100,000 = -200.00; slippage (2 + 2) * 0.00001 * 100,000 = -4.00.
    expect(a).toEqual({ PNL: -20_000, SPREAD: -1_000, SLIPPAGE: -400 });
  });
});

describe('exits along the path', () => {
  it('high-first bar with SL and TP both inside: TP first', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.099, tp: 1.101 });
    const id = engine.open[0]!.id;
    engine.drainChanges();
    // 150 up vs 200 down: high first.
    bar(engine, 1.1, 1.1015, 1.098, 1.1);
    const changes = engine.drainChanges();
    expect(changes.fills.map((f) => f.reason)).toEqual(['TP']);
    expect(engine.price(changes.positions[0]!.exitPts!)).toBe(1.101);
    const a: Record<string, number> = {};
    for (const e of changes.ledger) if (e.positionId === id) a[e.type] = e.amountCents;
    expect(a).toEqual({ PNL: 10_000, SPREAD: -1_000 });
  });

  it('low-first bar with SL and TP both inside: SL first', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, sl: 1.099, tp: 1.101 });
    engine.drainChanges();
    // 250 up vs 150 down: low first.
    bar(engine, 1.1, 1.1025, 1.0985, 1.1);
    const changes = engine.drainChanges();
    expect(changes.fills.map((f) => f.reason)).toEqual(['SL']);
    expect(engine.balanceCents).toBe(1_000_000 - 10_000 - 1_000);
  });

  it("a short's TP watches the ask", () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1, sl: 1.101, tp: 1.099 });
    engine.drainChanges();
    // The high 1.10010 puts the ask at 1.10020, short of the SL; the ask reaches 1.09900 at bid 1.09890.
    bar(engine, 1.1, 1.1001, 1.098, 1.0985);
    const changes = engine.drainChanges();
    expect(changes.fills[0]!.reason).toBe('TP');
    expect(engine.price(changes.fills[0]!.pricePts)).toBe(1.099);
    // PNL -(1.09890 - 1.10000) * 100,000 = +110.00, spread -10.00: net +100.00 as the TP promised.
    expect(changes.ledger.map((e) => [e.type, e.amountCents])).toEqual([
      ['PNL', 11_000],
      ['SPREAD', -1_000],
    ]);
  });

  it("a short's SL watches the ask and pays slippage", () => {
    const engine = makeEngine({ account: { slippagePts: 3 } });
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1, sl: 1.101 });
    engine.drainChanges();
    bar(engine, 1.1, 1.1015, 1.0999, 1.1012);
    const fill = engine.drainChanges().fills[0]!;
    expect(fill.reason).toBe('SL');
    expect(engine.price(fill.pricePts)).toBe(1.10103);
  });

  it('a pending order fills and hits its SL in the same bar', () => {
    const engine = makeEngine({ account: { commissionPerLotCents: 350 } });
    engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.0995, sl: 1.099 });
    // High first: O 1.10000 -> H 1.10010 -> L 1.09800: fills at ask 1.09950 (bid 1.09940),
    // then the bid falls through the SL at 1.09900.
    bar(engine, 1.1, 1.1001, 1.098, 1.099);
    const changes = engine.drainChanges();
    expect(changes.fills.map((f) => [f.reason, engine.price(f.pricePts)])).toEqual([
      ['LIMIT', 1.0995],
      ['SL', 1.099],
    ]);
    expect(changes.ledger.map((e) => [e.type, e.amountCents])).toEqual([
      ['COMMISSION', -350],
      ['PNL', -4_000],
      ['SPREAD', -1_000],
      ['COMMISSION', -350],
    ]);
    expect(engine.balanceCents).toBe(1_000_000 - 4_000 - 1_000 - 700);
    expect(engine.open.length).toBe(0);
  });
});

describe('trailing stop', () => {
  it('follows the bid at each tick by D points and is then hit', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, trailingPts: 100 });
    const p = engine.open[0]!;
    // Low first: O, L, H 1.10300 (SL -> 1.10200), C 1.10250 (1.10150 is not higher).
    bar(engine, 1.1, 1.103, 1.0999, 1.1025);
    expect(engine.price(p.slPts!)).toBe(1.102);
    engine.drainChanges();
    bar(engine, 1.1025, 1.1026, 1.101, 1.1015);
    const changes = engine.drainChanges();
    expect(changes.fills[0]!.reason).toBe('SL');
    expect(changes.ledger.find((e) => e.type === 'PNL')!.amountCents).toBe(20_000);
  });

  it('does not move before the price is beyond the entry', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1, trailingPts: 100 });
    bar(engine, 1.1, 1.1005, 1.0995, 1.1);
    expect(engine.open[0]!.slPts).toBe(null);
    // Ask at the low 1.09800 + 0.00010 = 1.09810; + D = 1.09910 < entry 1.10000.
    bar(engine, 1.1, 1.1001, 1.098, 1.0985);
    expect(engine.price(engine.open[0]!.slPts!)).toBe(1.0991);
  });
});

describe('partial close, close all, reverse, break-even', () => {
  it('partial close books the closed part as its own record linked to the original', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const original = engine.open[0]!;
    bar(engine, 1.1, 1.101, 1.0999, 1.1005);
    engine.drainChanges();
    const closed = engine.closePosition(original.id, 0.4);
    if (!closed.ok) throw new Error(closed.reason);
    expect(closed.value.id).not.toBe(original.id);
    expect(closed.value.parentId).toBe(original.id);
    expect(closed.value.status).toBe('CLOSED');
    expect(closed.value.lots).toBe(0.4);
    expect(original.lots).toBe(0.6);
    expect(original.status).toBe('OPEN');
    // (1.10050 - 1.10000) * 40,000 = 20.00; spread 0.0001 * 40,000 = 4.00.
    expect(amounts(engine, closed.value.id)).toEqual({ PNL: 2_000, SPREAD: -400 });
  });

  it('partial close carries its share of the entry commission; the rest stays on the open part', () => {
    // 3.50 a lot a fill: entry 1 lot = -3.50; closing 0.4 pays -1.40 and carries 0.4 of the entry.
    const engine = makeEngine({ account: { commissionPerLotCents: 350 } });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const original = engine.open[0]!;
    bar(engine, 1.1, 1.101, 1.0999, 1.1005);
    const closed = engine.closePosition(original.id, 0.4);
    if (!closed.ok) throw new Error(closed.reason);
    expect(closed.value.commissionCents).toBe(-140 - 140);
    expect(closed.value.realizedCents).toBe(2_000 - 400 - 280);
    expect(original.commissionCents).toBe(-210);
    const rest = engine.closePosition(original.id);
    if (!rest.ok) throw new Error(rest.reason);
    expect(rest.value.commissionCents).toBe(-210 - 210);
    // Every cent of commission the ledger took is on exactly one record.
    expect(closed.value.commissionCents + rest.value.commissionCents).toBe(-700);
    expect(engine.balanceCents).toBe(1_000_000 + closed.value.realizedCents + rest.value.realizedCents);
  });

  it('close all closes every position at the current price', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 2 });
    expect(engine.closeAll().length).toBe(2);
    expect(engine.open.length).toBe(0);
    // Spread paid once per round trip: 10.00 + 20.00.
    expect(engine.balanceCents).toBe(1_000_000 - 3_000);
  });

  it('reverse closes and opens the opposite side with the same lots', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.5 });
    const r = engine.reversePosition(engine.open[0]!.id);
    expect(r.ok).toBe(true);
    expect(engine.open.map((p) => [p.side, p.lots])).toEqual([['SELL', 0.5]]);
  });

  it('break-even moves the SL to the entry once the price is beyond it', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const id = engine.open[0]!.id;
    expect(engine.breakEven(id)).toEqual({
      ok: false,
      reason: 'Break-even needs the price beyond the entry price first',
    });
    bar(engine, 1.1, 1.1012, 1.0999, 1.101);
    expect(engine.breakEven(id).ok).toBe(true);
    expect(engine.price(engine.open[0]!.slPts!)).toBe(1.1001);
  });
});

describe('OCO and expiry', () => {
  it('when one side of an OCO pair fills, the other is cancelled', () => {
    const engine = makeEngine();
    const up = engine.placeOrder({ side: 'BUY', type: 'STOP', lots: 1, price: 1.101 });
    if (!up.ok) throw new Error(up.reason);
    const down = engine.placeOrder({
      side: 'SELL',
      type: 'STOP',
      lots: 1,
      price: 1.099,
      ocoWith: up.value.id,
    });
    if (!down.ok) throw new Error(down.reason);
    bar(engine, 1.1, 1.102, 1.0999, 1.1015);
    expect(up.value.status).toBe('FILLED');
    expect(down.value.status).toBe('CANCELLED');
    expect(engine.pending.length).toBe(0);
  });

  it('an order expires at the first bar opening at or after its expiry', () => {
    const engine = makeEngine();
    const r = engine.placeOrder({ side: 'SELL', type: 'LIMIT', lots: 1, price: 1.1005, expiryTs: 120 });
    if (!r.ok) throw new Error(r.reason);
    bar(engine, 1.1, 1.1003, 1.0999, 1.1001, 60);
    expect(r.value.status).toBe('PENDING');
    bar(engine, 1.1, 1.101, 1.0999, 1.1001, 120);
    expect(r.value.status).toBe('EXPIRED');
    expect(engine.open.length).toBe(0);
  });
});

describe('commission', () => {
  it('posts commission per lot at every fill', () => {
    const engine = makeEngine({ account: { commissionPerLotCents: 350 } });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.5 });
    const id = engine.open[0]!.id;
    engine.closePosition(id);
    const commissions = engine
      .drainChanges()
      .ledger.filter((e) => e.type === 'COMMISSION')
      .map((e) => e.amountCents);
    expect(commissions).toEqual([-175, -175]);
  });
});

describe('margin and stop-out', () => {
  it('rejects an order that would leave free margin below zero', () => {
    const engine = makeEngine({ balanceCents: 100_000 });
    // 100,000 * 1.10010 / 100 = 1,100.10 > 1,000.00.
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 })).toEqual({
      ok: false,
      reason: 'Not enough free margin: this order needs 1,100.10 USD of margin and 1,000.00 USD is free',
    });
  });

  it('liquidates every position at the tick where the margin level reaches the stop-out', () => {
    const engine = makeEngine({ balanceCents: 100_000, account: { leverage: 500 } });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    // Margin 100,000 * 1.10010 / 500 = 220.02. At the low 1.09000: equity 1000 - 1000 - 10 < 0.
    bar(engine, 1.1, 1.1, 1.09, 1.095);
    const changes = engine.drainChanges();
    const liquidated = changes.positions.find((p) => p.status === 'LIQUIDATED');
    expect(liquidated).toBeDefined();
    expect(engine.price(liquidated!.exitPts!)).toBe(1.09);
    expect(changes.fills.at(-1)!.reason).toBe('STOP_OUT');
    expect(engine.balanceCents).toBe(100_000 - 100_000 - 1_000);
  });

  it('margin level is equity / used margin', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const account = engine.accountState();
    expect(account.usedMarginCents).toBe(110_010);
    expect(account.equityCents).toBe(1_000_000 - 1_000);
    expect(account.freeMarginCents).toBe(999_000 - 110_010);
    expect(account.marginLevelPct).toBe(908.1);
  });
});

describe('currency conversion', () => {
  it('USDJPY (base = account currency): quote amounts convert at the exit price', () => {
    const engine = makeEngine({ instrument: USDJPY, close: 110 });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const p = engine.open[0]!;
    // Margin in USD: 100,000 units / 100.
    expect(engine.accountState().usedMarginCents).toBe(100_000);
    bar(engine, 110, 110.6, 109.99, 110.5);
    engine.drainChanges();
    engine.closePosition(p.id);
    // PNL 0.500 * 100,000 = 50,000 JPY / 110.5 = 452.49; spread 1,000 JPY / 110.5 = 9.05.
    expect(amounts(engine, p.id)).toEqual({ PNL: 45_249, SPREAD: -905 });
  });

  it('EURGBP on a USD account: a configured quote rate', () => {
    const engine = makeEngine({ instrument: EURGBP, close: 0.85, account: { quoteRate: 1.25 } });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    const p = engine.open[0]!;
    bar(engine, 0.85, 0.8525, 0.8499, 0.852);
    engine.drainChanges();
    engine.closePosition(p.id);
    // 200 GBP * 1.25 = 250.00 USD; spread 10 GBP * 1.25 = 12.50.
    expect(amounts(engine, p.id)).toEqual({ PNL: 25_000, SPREAD: -1_250 });
  });

  it('refuses a cross without a rate', () => {
    expect(() => makeEngine({ instrument: EURGBP, close: 0.85 })).toThrow(/GBP->USD rate/);
  });
});

describe('risk rules', () => {
  const rules = {
    maxRiskPct: 1,
    maxDailyLossCents: 20_000,
    maxTradesPerDay: 2,
    defaultSlPips: null,
    defaultTpPips: null,
  };

  it('blocks an order risking more than the max % with a clear reason', () => {
    const engine = makeEngine({ risk: rules });
    // 20 pips on 1 lot from the fill 1.10010: 200.00 = 2% of 10,000.
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, slPips: 20 })).toEqual({
      ok: false,
      reason: 'Risk rule: this order risks 2.00% of the balance, over the 1% limit',
    });
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.5, slPips: 20 }).ok).toBe(true);
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.5 })).toEqual({
      ok: false,
      reason: 'Risk rule: a stop-loss is required (max risk 1% per trade)',
    });
  });

  it('blocks after the max trades per day, until the next day', () => {
    const engine = makeEngine({ risk: { ...rules, maxRiskPct: null } });
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 }).ok).toBe(true);
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 }).ok).toBe(true);
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 })).toEqual({
      ok: false,
      reason: 'Risk rule: the limit of 2 trades per day is reached',
    });
    bar(engine, 1.1, 1.1001, 1.0999, 1.1, 86_400);
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 }).ok).toBe(true);
  });

  it('blocks once the daily loss limit is reached', () => {
    const engine = makeEngine({ risk: { ...rules, maxRiskPct: null } });
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    bar(engine, 1.1, 1.1, 1.098, 1.098);
    engine.closeAll();
    // Lost 200.00 + 10.00 spread today.
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.1 })).toEqual({
      ok: false,
      reason: 'Risk rule: the daily loss limit of 200.00 is reached (lost 210.00 today)',
    });
  });

  it('applies default SL/TP in pips when the order has none', () => {
    const engine = makeEngine({
      risk: { ...rules, maxRiskPct: null, defaultSlPips: 20, defaultTpPips: 40 },
    });
    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1 });
    const p = engine.open[0]!;
    expect(engine.price(p.slPts!)).toBe(1.102);
    expect(engine.price(p.tpPts!)).toBe(1.096);
  });
});

describe('position sizing', () => {
  it('lots from risk % and SL distance, rounded down to the lot step', () => {
    const conversion = { kind: 'quote' as const };
    expect(
      lotsForRisk({ spec: EURUSD, conversion, capital: 10_000, riskPct: 1, slDistance: 0.002, price: 1.1 }),
    ).toBe(0.5);
    expect(
      lotsForRisk({ spec: EURUSD, conversion, capital: 10_000, riskPct: 1, slDistance: 0.0015, price: 1.1 }),
    ).toBe(0.66);
  });
});

describe('modify and cancel', () => {
  it('modifies a pending order and a position, with the same level checks as placing', () => {
    const engine = makeEngine();
    const r = engine.placeOrder({ side: 'BUY', type: 'LIMIT', lots: 1, price: 1.099 });
    if (!r.ok) throw new Error(r.reason);
    expect(engine.modifyOrder(r.value.id, { price: 1.0995, sl: 1.099, tp: 1.101 }).ok).toBe(true);
    expect(engine.price(r.value.pricePts!)).toBe(1.0995);
    expect(engine.modifyOrder(r.value.id, { sl: 1.1 })).toEqual({
      ok: false,
      reason: "A buy's stop-loss 1.1 must be below the order price 1.0995",
    });
    expect(engine.cancelOrder(r.value.id).ok).toBe(true);
    expect(r.value.status).toBe('CANCELLED');
    expect(engine.cancelOrder(r.value.id).ok).toBe(false);

    engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1 });
    const p = engine.open[0]!;
    expect(engine.modifyPosition(p.id, { sl: 1.0999 })).toEqual({
      ok: false,
      reason: "A sell's stop-loss 1.0999 must be above the current ask 1.1001",
    });
    expect(engine.modifyPosition(p.id, { sl: 1.102, tp: 1.098 }).ok).toBe(true);
    expect(engine.modifyPosition(p.id, { tp: null }).ok).toBe(true);
    expect(p.tpPts).toBe(null);
  });

  it('deposits and withdrawals post to the ledger; a withdrawal cannot exceed free margin', () => {
    const engine = makeEngine();
    engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1 });
    expect(engine.cashEntry('DEPOSIT', 50_000).ok).toBe(true);
    expect(engine.cashEntry('WITHDRAWAL', 2_000_000)).toEqual({
      ok: false,
      reason: 'Cannot take out 20,000.00 USD: free margin is 9,389.90 USD', // 10,500 - 10 spread - 1,100.10 margin
    });
    const w = engine.cashEntry('WITHDRAWAL', 10_000);
    expect(w.ok && w.value).toMatchObject({
      type: 'WITHDRAWAL',
      amountCents: -10_000,
      balanceAfterCents: 1_040_000,
    });
  });
});

describe('minimum lot and lot step', () => {
  it('refuses lots below the minimum or off the step, with the reason', () => {
    const engine = makeEngine({ account: { commissionPerLotCents: 350 } });
    const tiny = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.001 });
    expect(tiny).toEqual({ ok: false, reason: "Lots 0.001 is below this instrument's minimum of 0.01 lots" });
    const offStep = engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.015 });
    expect(offStep).toEqual({
      ok: false,
      reason: "Lots 0.015 is not a multiple of this instrument's lot step of 0.01",
    });
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.07 }).ok).toBe(true);
  });

  it("uses the instrument's own minimum and step, for orders and partial closes", () => {
    const engine = makeEngine({ instrument: { ...EURUSD, minLot: 0.1, lotStep: 0.1 } });
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.05 }).ok).toBe(false);
    expect(engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 0.3 }).ok).toBe(true);
    const id = engine.open[0]!.id;
    expect(engine.closePosition(id, 0.25)).toEqual({
      ok: false,
      reason: "Lots to close 0.25 is not a multiple of this instrument's lot step of 0.1",
    });
    expect(engine.closePosition(id, 0.1).ok).toBe(true);
  });
});

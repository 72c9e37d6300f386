/**
 * The breach preview counts every cost the stop loss would really pay: the spread (entry at the
 * ask for a buy), adverse slippage at a market or stop entry and at the stop loss, and the
 * commission of both fills. Hand-computed on a 100,000 USD challenge, EURUSD bid 1.10000, spread
 * 10 points, slippage 5 points, commission 7.00 USD a lot a fill.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCandles, tempApp } from '../trading/helpers';
import { call, craftedCandles, START } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function setup() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  // Bar 12 falls to 1.09500: a 10-lot long's stop loss at 1.09610 is hit on the way.
  seedCandles(t.app, 'EURUSD', 'M1', craftedCandles(200, { 12: [1.1, 1.10005, 1.095, 1.0999] }));
  const c = await call(t.app, 'challenges:start', { ...START, slippagePts: 5, commissionPerLot: 7 });
  return { app: t.app, c };
}

describe('breach preview with costs', () => {
  it('a market buy: 40 pips from the ask, 5 + 5 points of slippage, two fills of commission', async () => {
    const { app, c } = await setup();
    const preview = await call(app, 'challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      lots: 10,
      sl: 1.0961,
    });
    // 1.10010 − 1.09610 = 0.00400 × 1,000,000 units = 4,000.00; 0.00010 × 1,000,000 = 100.00;
    // 7.00 × 10 lots × 2 fills = 140.00.
    expect(preview.stopLossCost).toEqual({
      priceCents: 400_000,
      slippageCents: 10_000,
      commissionCents: 14_000,
      totalCents: 424_000,
    });
    expect(preview.stopLossCents).toBe(424_000);
    expect(preview.daily).toEqual({ roomCents: 500_000, roomAfterCents: 76_000, breaches: false });
    expect(preview.overall).toEqual({ roomCents: 1_000_000, roomAfterCents: 576_000, breaches: false });

    // And the ledger agrees: sent and stopped out, the balance falls by exactly that.
    await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 10, sl: 1.0961 });
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 3 });
    const session = await call(app, 'sessions:get', { sessionId: c.sessionId });
    expect(session.balanceCents).toBe(10_000_000 - 424_000);
    const after = await call(app, 'challenges:get', { challengeId: c.id });
    expect(after.status).toBe('ACTIVE');
    expect(after.progress.dailyLoss?.roomCents).toBe(76_000);
  });

  it('the costs alone can turn a safe stop loss into a breach', async () => {
    const { app, c } = await setup();
    // 49 pips from the ask: 4,900.00 of price is inside the 5,000.00 room; with 100.00 of
    // slippage and 140.00 of commission it is 5,140.00, past the floor.
    const preview = await call(app, 'challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      lots: 10,
      sl: 1.0952,
    });
    expect(preview.stopLossCost?.priceCents).toBe(490_000);
    expect(preview.stopLossCents).toBe(514_000);
    expect(preview.daily).toEqual({ roomCents: 500_000, roomAfterCents: -14_000, breaches: true });
  });

  it('a sell limit pays no entry slippage; a buy stop does', async () => {
    const { app, c } = await setup();
    // Sell limit at 1.10100, stop loss 1.10300, 2 lots: 0.00200 × 200,000 = 400.00; the stop
    // loss's 5 points = 10.00; 7.00 × 2 × 2 = 28.00.
    const limit = await call(app, 'challenges:preview-order', {
      challengeId: c.id,
      side: 'SELL',
      type: 'LIMIT',
      lots: 2,
      price: 1.101,
      sl: 1.103,
    });
    expect(limit.stopLossCost).toEqual({
      priceCents: 40_000,
      slippageCents: 1_000,
      commissionCents: 2_800,
      totalCents: 43_800,
    });
    // Buy stop at 1.10200, stop loss 1.10000, 1 lot: 200.00 + (5 + 5 points) 10.00 + 14.00.
    const stop = await call(app, 'challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      type: 'STOP',
      lots: 1,
      price: 1.102,
      sl: 1.1,
    });
    expect(stop.stopLossCost).toEqual({
      priceCents: 20_000,
      slippageCents: 1_000,
      commissionCents: 1_400,
      totalCents: 22_400,
    });
    const noPrice = await app.dispatch('challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      type: 'STOP',
      lots: 1,
      sl: 1.09,
    });
    expect(!noPrice.ok && noPrice.error.message).toMatch(/^price: /);
  });
});

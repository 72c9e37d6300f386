import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { createTradingHandlers } from '../../../src/main/features/trading/handlers';
import type { Scheduler } from '../../../src/main/features/trading/replay';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup(count = 600) {
  const t = tempApp();
  cleanups.push(t.cleanup);
  const candles = syntheticCandles(count);
  seedCandles(t.app, 'EURUSD', 'M1', candles);
  return { ...t, candles };
}

async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as MethodOutput<K>;
}

describe('sessions and replay through the contract', () => {
  it('creates a session with an opening deposit and the cursor at the last bar at or before the start', async () => {
    const { app, candles } = setup();
    const session = await call(app, 'sessions:create', {
      symbol: 'eurusd',
      startAt: '2019-01-02T01:00:30Z',
      balance: 10_000,
      commissionPerLot: 3.5,
    });
    expect(session.status).toBe('DRAFT');
    expect(session.cursorTs).toBe(candles[60]!.ts);
    expect(session.commissionPerLotCents).toBe(350);
    const ledger = await call(app, 'ledger:list', { sessionId: session.id });
    expect(ledger.map((t) => [t.type, t.amountCents, t.balanceAfterCents])).toEqual([
      ['DEPOSIT', 1_000_000, 1_000_000],
    ]);
  });

  it('a start outside the data is a clear OUT_OF_DATA error', async () => {
    const { app } = setup();
    const result = await app.dispatch('sessions:create', {
      symbol: 'EURUSD',
      startAt: '2018-06-01T00:00:00Z',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('OUT_OF_DATA');
      expect(result.error.message).toContain(
        'outside the EURUSD data (M1 2019-01-02T00:00:00Z to 2019-01-02T09:59:00Z)',
      );
    }
    const none = await app.dispatch('sessions:create', { symbol: 'GBPUSD', startAt: '2019-01-02T00:00:00Z' });
    expect(!none.ok && none.error.code).toBe('OUT_OF_DATA');
  });

  it('market order fills at the last revealed close; snapshot never shows a bar past the cursor', async () => {
    const { app, candles } = setup();
    const s = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T01:00:00Z',
      timeframe: 'M5',
    });
    const order = await call(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    expect(order.status).toBe('FILLED');
    expect(order.fillPrice).toBeCloseTo(candles[60]!.close + 0.0001, 10);
    const tick = await call(app, 'replay:step', { sessionId: s.id, bars: 7 });
    expect(tick.cursorTs).toBe(candles[67]!.ts);
    // The forming M5 bar 01:05 holds 01:05, 01:06, 01:07 only.
    expect(tick.bar.ts).toBe(candles[65]!.ts);
    expect(tick.bar.close).toBe(candles[67]!.close);
    expect(tick.bar.high).toBe(Math.max(...candles.slice(65, 68).map((c) => c.high)));
    const snap = await call(app, 'replay:snapshot', { sessionId: s.id, count: 5 });
    expect(snap.candles.length).toBe(5);
    expect(snap.candles.at(-1)).toEqual(tick.bar);
    expect(Math.max(...snap.candles.map((c) => c.ts))).toBeLessThanOrEqual(tick.cursorTs);
    const m1 = await call(app, 'replay:snapshot', { sessionId: s.id, timeframe: 'M1', count: 1000 });
    expect(m1.candles.at(-1)?.ts).toBe(tick.cursorTs);
    expect(m1.candles.length).toBe(68);
    expect(snap.account.bid).toBe(candles[67]!.close);
    expect(snap.positions.length).toBe(1);
  });

  it('rejections are ORDER_REJECTED with the reason, and nothing is written', async () => {
    const { app } = setup();
    const s = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T01:00:00Z',
      balance: 1_000,
      risk: { maxTradesPerDay: 1 },
    });
    const tooBig = await app.dispatch('orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    expect(!tooBig.ok && tooBig.error.code).toBe('ORDER_REJECTED');
    expect(!tooBig.ok && tooBig.error.message).toMatch(/^Not enough free margin/);
    await call(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 0.01 });
    const blocked = await app.dispatch('orders:place', { sessionId: s.id, side: 'BUY', lots: 0.01 });
    expect(!blocked.ok && blocked.error.message).toBe('Risk rule: the limit of 1 trades per day is reached');
    const orders = await call(app, 'orders:list', { sessionId: s.id });
    expect(orders.length).toBe(1);
  });

  it('step one chart bar, jump to a date, partial close linked to the original', async () => {
    const { app, candles } = setup();
    const s = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T01:02:00Z',
      timeframe: 'M15',
    });
    const tick = await call(app, 'replay:step-chart-bar', { sessionId: s.id });
    expect(tick.cursorTs).toBe(candles[74]!.ts); // 01:14, the last M1 of the 01:00 M15 bar
    const pos = (await call(app, 'orders:place', { sessionId: s.id, side: 'SELL', lots: 1 })).positionId;
    const jumped = await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T02:00:00Z' });
    expect(jumped.cursorTs).toBe(candles[120]!.ts);
    const part = await call(app, 'positions:close', { sessionId: s.id, positionId: pos!, lots: 0.3 });
    expect(part.status).toBe('CLOSED');
    expect(part.parentPositionId).toBe(pos);
    const all = await call(app, 'positions:list', { sessionId: s.id });
    expect(all.map((p) => [p.status, p.lots])).toEqual([
      ['OPEN', 0.7],
      ['CLOSED', 0.3],
    ]);
    const ledger = await call(app, 'ledger:list', { sessionId: s.id });
    const sum = ledger.reduce((a, t) => a + t.amountCents, 0);
    const session = await call(app, 'sessions:get', { sessionId: s.id });
    expect(session.balanceCents).toBe(sum);
    expect(ledger.at(-1)?.balanceAfterCents).toBe(sum);
    // A follower reads only what came after the last entry it saw.
    const seq = ledger[1]!.seq;
    expect(await call(app, 'ledger:list', { sessionId: s.id, afterSeq: seq })).toEqual(
      ledger.filter((e) => e.seq > seq),
    );
    const bad = await app.dispatch('ledger:list', { sessionId: s.id, afterSeq: -2 });
    expect(!bad.ok && bad.error.message).toContain('afterSeq');
  });

  it('play steps on an injected timer, emits ticks, and stops at the end of data', async () => {
    const { app } = setup(120);
    let fire: (() => void) | null = null;
    const scheduler: Scheduler = {
      setInterval: (fn) => {
        fire = fn;
        return 1;
      },
      clearInterval: () => {
        fire = null;
      },
    };
    const { handlers, dispose } = createTradingHandlers(app.ctx, { scheduler });
    cleanups.push(dispose);
    const s = await handlers['sessions:create']({
      symbol: 'EURUSD',
      timeframe: 'M1',
      startAt: '2019-01-02T01:55:00Z',
      balance: 10_000,
      currency: 'USD',
      leverage: 100,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLot: 0,
      stopOutPct: 50,
      speed: '1x',
    });
    const events: string[] = [];
    app.events.subscribe((name, payload) =>
      events.push(
        `${name}:${(payload as { reason?: string; cursorTs?: number }).reason ?? (payload as { cursorTs?: number }).cursorTs}`,
      ),
    );
    await handlers['replay:play']({ sessionId: s.id, speed: '15x' });
    expect((await handlers['sessions:get']({ sessionId: s.id })).status).toBe('RUNNING');
    while (fire) (fire as () => void)();
    // Four bars (01:56 to 01:59), a fifth tick that finds no bar and completes, then the stop.
    expect(events.length).toBe(6);
    expect(events.at(-1)).toBe('replay:stopped:completed');
    expect((await handlers['sessions:get']({ sessionId: s.id })).status).toBe('COMPLETED');
    const again = await handlers['replay:snapshot']({ sessionId: s.id, count: 3 });
    expect(again.session.cursorTs).toBe(1_546_387_200 + 119 * 60);
  });
});

describe('chart timeframe', () => {
  it('changing the chart timeframe mid-session changes no fill and no ledger entry', async () => {
    const runs: unknown[] = [];
    for (const switchTo of [null, 'H1', 'M5'] as const) {
      const { app } = setup(600);
      const s = await call(app, 'sessions:create', {
        symbol: 'EURUSD',
        startAt: '2019-01-02T00:30:00Z',
        timeframe: 'M15',
        commissionPerLot: 2,
      });
      await call(app, 'orders:place', {
        sessionId: s.id,
        side: 'BUY',
        lots: 1,
        slPips: 15,
        tpPips: 25,
        trailingPts: 80,
      });
      await call(app, 'replay:step', { sessionId: s.id, bars: 45 });
      if (switchTo) await call(app, 'sessions:update', { sessionId: s.id, timeframe: switchTo });
      const snap = await call(app, 'replay:snapshot', { sessionId: s.id, count: 10 });
      expect(snap.candles.at(-1)?.ts).toBeLessThanOrEqual(snap.session.cursorTs);
      await call(app, 'orders:place', {
        sessionId: s.id,
        side: 'SELL',
        type: 'STOP',
        lots: 0.5,
        price: snap.account.bid - 0.0008,
        slPips: 10,
      });
      await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T09:00:00Z' });
      const ledger = await call(app, 'ledger:list', { sessionId: s.id });
      const positions = await call(app, 'positions:list', { sessionId: s.id });
      runs.push({
        ledger: ledger.map((t) => [t.seq, t.type, t.amountCents, t.ts]),
        positions: positions.map((p) => [p.side, p.lots, p.entryPrice, p.exitPrice, p.closedTs, p.status]),
      });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});

describe('no look-ahead', () => {
  it('results and views up to the cursor are identical whether or not later data exists', async () => {
    const full = syntheticCandles(600);
    const views: unknown[] = [];
    for (const candles of [full, full.slice(0, 301)]) {
      const t = tempApp();
      cleanups.push(t.cleanup);
      seedCandles(t.app, 'EURUSD', 'M1', candles);
      const app = t.app;
      const s = await call(app, 'sessions:create', {
        symbol: 'EURUSD',
        startAt: '2019-01-02T00:20:00Z',
        timeframe: 'M15',
      });
      await call(app, 'orders:place', {
        sessionId: s.id,
        side: 'SELL',
        lots: 1,
        slPips: 12,
        tpPips: 20,
        trailingPts: 60,
      });
      await call(app, 'replay:step', { sessionId: s.id, bars: 100 });
      const snap = await call(app, 'replay:snapshot', { sessionId: s.id, count: 50 });
      await call(app, 'orders:place', {
        sessionId: s.id,
        side: 'BUY',
        type: 'STOP',
        lots: 1,
        price: snap.account.ask + 0.0005,
        slPips: 10,
      });
      const tick = await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T05:00:00Z' });
      const last = await call(app, 'replay:snapshot', { sessionId: s.id, count: 50 });
      views.push({
        candles: last.candles,
        bar: tick.bar,
        account: last.account,
        positions: (await call(app, 'positions:list', { sessionId: s.id })).map(
          ({ id: _i, orderId: _o, parentPositionId: _p, sessionId: _s, ...rest }) => rest,
        ),
        ledger: (await call(app, 'ledger:list', { sessionId: s.id })).map((e) => [
          e.seq,
          e.type,
          e.amountCents,
          e.ts,
        ]),
      });
    }
    expect(views[1]).toEqual(views[0]);
  });
});

describe('stop-out, risk rules and cash through the contract', () => {
  it('a stop-out persists LIQUIDATED positions; risk rules from sessions:create block with a reason', async () => {
    const t = tempApp();
    cleanups.push(t.cleanup);
    const app = t.app;
    // A steady fall of 5 pips a minute from 1.14000.
    const falling = Array.from({ length: 120 }, (_, i) => {
      const open = 1.14 - i * 0.0005;
      return {
        ts: 1_546_387_200 + i * 60,
        open,
        high: open + 0.0001,
        low: open - 0.0006,
        close: open - 0.0005,
        volume: 1,
      };
    });
    seedCandles(app, 'EURUSD', 'M1', falling);
    const s = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T00:30:00Z',
      balance: 300,
      leverage: 500,
      risk: { maxRiskPct: 50, defaultSlPips: 500 },
    });
    expect(s.risk).toMatchObject({ maxRiskPct: 50, defaultSlPips: 500, maxTradesPerDay: null });
    const tooRisky = await app.dispatch('orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    expect(!tooRisky.ok && tooRisky.error.message).toMatch(
      /^Risk rule: this order risks .*% of the balance, over the 50% limit$/,
    );
    await call(app, 'sessions:update', { sessionId: s.id, risk: {} });
    const sized = await call(app, 'sizing:lots', { sessionId: s.id, riskPct: 10, slPips: 20 });
    expect(sized).toEqual({ lots: 0.15, riskAmountCents: 3_000 });
    await call(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    await call(app, 'orders:place', { sessionId: s.id, side: 'SELL', lots: 0.1 });
    const cash = await call(app, 'account:cash', { sessionId: s.id, type: 'DEPOSIT', amount: 5 });
    expect(cash.transaction).toMatchObject({ type: 'DEPOSIT', amountCents: 500 });
    await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T01:30:00Z' });
    const positions = await call(app, 'positions:list', { sessionId: s.id });
    // The fall takes equity under 50% of the used margin within a few bars.
    expect(positions.map((p) => p.status)).toEqual(['LIQUIDATED', 'LIQUIDATED']);
    const ledger = await call(app, 'ledger:list', { sessionId: s.id });
    const session = await call(app, 'sessions:get', { sessionId: s.id });
    expect(ledger.reduce((a, t) => a + t.amountCents, 0)).toBe(session.balanceCents);
  });
});

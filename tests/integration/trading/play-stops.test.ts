import { afterEach, describe, expect, it } from 'vitest';
import { jumpTargetTs, playIntervalMs } from '../../../src/core/replay/replay-clock';
import { createTradingHandlers } from '../../../src/main/features/trading/handlers';
import type { Scheduler } from '../../../src/main/features/trading/replay';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const DAY0 = 1_546_387_200; // 2019-01-02 00:00 UTC

/** A play clock the test fires by hand. */
function manualScheduler() {
  let fire: (() => void) | null = null;
  const intervals: number[] = [];
  const scheduler: Scheduler = {
    setInterval: (fn, ms) => {
      fire = fn;
      intervals.push(ms);
      return intervals.length;
    },
    clearInterval: () => {
      fire = null;
    },
  };
  return { scheduler, intervals, fire: () => fire?.(), running: () => fire !== null };
}

/** Two days of M1 with the night of the 2nd to the 3rd missing from 23:00 to 00:30. */
function twoDaysWithAGap() {
  return syntheticCandles(2 * 1440).filter((c) => c.ts < DAY0 + 23 * 3600 || c.ts >= DAY0 + 86_400 + 1800);
}

async function openSession(startAt = '2019-01-02T01:00:00Z') {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'M1', twoDaysWithAGap());
  const clock = manualScheduler();
  const { handlers, dispose } = createTradingHandlers(t.app.ctx, { scheduler: clock.scheduler });
  cleanups.push(dispose);
  const session = await handlers['sessions:create']({
    symbol: 'EURUSD',
    timeframe: 'M1',
    startAt,
    balance: 10_000,
    currency: 'USD',
    leverage: 100,
    spreadPts: 10,
    slippagePts: 0,
    commissionPerLot: 0,
    stopOutPct: 50,
    speed: '1x',
  });
  const stops: string[] = [];
  t.app.events.subscribe((name, payload) => {
    if (name === 'replay:stopped') stops.push((payload as { reason: string }).reason);
  });
  return { handlers, clock, stops, sessionId: session.id };
}

describe('play pauses on a fill (on by default)', () => {
  it('stops after the step in which a pending order filled, on that bar', async () => {
    const { handlers, clock, stops, sessionId } = await openSession();
    const { account } = await handlers['replay:snapshot']({ sessionId, count: 1 });
    // A buy stop a little above the ask: some bar soon reaches it.
    const order = await handlers['orders:place']({
      sessionId,
      side: 'BUY',
      type: 'STOP',
      lots: 0.1,
      price: Number((account.ask + 0.0003).toFixed(5)),
    });
    await handlers['replay:play']({ sessionId, speed: 'max' });
    for (let i = 0; i < 2000 && clock.running(); i++) clock.fire();
    expect(stops).toEqual(['fill']);
    const session = await handlers['sessions:get']({ sessionId });
    expect(session.status).toBe('PAUSED');
    const [position] = await handlers['positions:list']({ sessionId, status: 'ALL' });
    expect(position?.openedTs).toBe(session.cursorTs);
    expect(
      (await handlers['orders:list']({ sessionId, status: 'ALL' })).find((o) => o.id === order.id)?.status,
    ).toBe('FILLED');
  });

  it('stops when a stop loss or take profit closes a position, and not with the setting off', async () => {
    const { handlers, clock, stops, sessionId } = await openSession();
    await handlers['orders:place']({
      sessionId,
      side: 'BUY',
      type: 'MARKET',
      lots: 0.1,
      slPips: 3,
      tpPips: 3,
    });
    await handlers['replay:play']({ sessionId, pauseOnFill: true });
    for (let i = 0; i < 2000 && clock.running(); i++) clock.fire();
    expect(stops).toEqual(['fill']);
    const closed = (await handlers['positions:list']({ sessionId, status: 'ALL' }))[0]!;
    expect(['SL', 'TP']).toContain(closed.exitReason);
    expect(closed.closedTs).toBe((await handlers['sessions:get']({ sessionId })).cursorTs);

    // Off: a later hit does not stop the clock.
    await handlers['orders:place']({
      sessionId,
      side: 'SELL',
      type: 'MARKET',
      lots: 0.1,
      slPips: 3,
      tpPips: 3,
    });
    await handlers['replay:play']({ sessionId, pauseOnFill: false });
    for (let i = 0; i < 300 && clock.running(); i++) clock.fire();
    expect(clock.running()).toBe(true);
    expect(stops).toEqual(['fill']);
    expect((await handlers['positions:list']({ sessionId, status: 'OPEN' })).length).toBe(0);
    // The choice stays with the session's clock: a toggle without it keeps it off.
    await handlers['replay:pause']({ sessionId });
    expect((await handlers['replay:toggle']({ sessionId })).playing).toBe(true);
  });
});

describe('faster speeds', () => {
  it('30x and 60x step on shorter periods, max does not wait at all', () => {
    expect(playIntervalMs('15x')).toBe(67);
    expect(playIntervalMs('30x')).toBe(33);
    expect(playIntervalMs('60x')).toBe(17);
    expect(playIntervalMs('max')).toBe(0);
  });

  it('a session plays at max on a zero period', async () => {
    const { handlers, clock, sessionId } = await openSession();
    await handlers['replay:play']({ sessionId, speed: 'max' });
    expect(clock.intervals.at(-1)).toBe(0);
    expect((await handlers['sessions:get']({ sessionId })).speed).toBe('max');
  });
});

describe('next day and next session jumps', () => {
  it('name the next 00:00 UTC and the next session open (00:00, 07:00, 12:00, 21:00 UTC)', () => {
    expect(jumpTargetTs(DAY0 + 3600, 'next-day')).toBe(DAY0 + 86_400);
    expect(jumpTargetTs(DAY0 + 3600, 'next-session')).toBe(DAY0 + 7 * 3600);
    expect(jumpTargetTs(DAY0 + 7 * 3600, 'next-session')).toBe(DAY0 + 12 * 3600);
    expect(jumpTargetTs(DAY0 + 22 * 3600, 'next-session')).toBe(DAY0 + 86_400);
  });

  it('stop on the first bar at or after the target (across a gap) and fill on the way as steps would', async () => {
    const jumped = await openSession();
    const stepped = await openSession();
    const bracket = { side: 'BUY' as const, type: 'MARKET' as const, lots: 0.1, slPips: 20, tpPips: 20 };
    await jumped.handlers['orders:place']({ sessionId: jumped.sessionId, ...bracket });
    await stepped.handlers['orders:place']({ sessionId: stepped.sessionId, ...bracket });

    const session = await jumped.handlers['replay:jump-next']({
      sessionId: jumped.sessionId,
      target: 'next-session',
    });
    expect(session.cursorTs).toBe(DAY0 + 7 * 3600);
    const tick = await jumped.handlers['replay:jump-next']({
      sessionId: jumped.sessionId,
      target: 'next-day',
    });
    // The data resumes at 00:30 after the night's gap: that is the first bar of the day.
    expect(tick.cursorTs).toBe(DAY0 + 86_400 + 1800);

    let cursor = (await stepped.handlers['sessions:get']({ sessionId: stepped.sessionId })).cursorTs;
    while (cursor < tick.cursorTs)
      cursor = (await stepped.handlers['replay:step']({ sessionId: stepped.sessionId, bars: 1 })).cursorTs;
    expect(cursor).toBe(tick.cursorTs);
    const strip = (list: { amountCents: number; type: string; ts: number }[]) =>
      list.map(({ amountCents, type, ts }) => ({ amountCents, type, ts }));
    expect(strip(await jumped.handlers['ledger:list']({ sessionId: jumped.sessionId }))).toEqual(
      strip(await stepped.handlers['ledger:list']({ sessionId: stepped.sessionId })),
    );
    const closes = async (t: typeof jumped) =>
      (await t.handlers['positions:list']({ sessionId: t.sessionId, status: 'ALL' })).map((p) => [
        p.exitReason,
        p.closedTs,
        p.exitPrice,
      ]);
    expect(await closes(jumped)).toEqual(await closes(stepped));
    expect((await closes(jumped))[0]?.[0]).toMatch(/SL|TP/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createTradingHandlers } from '../../../src/main/features/trading/handlers';
import type { Scheduler } from '../../../src/main/features/trading/replay';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A play clock the test fires by hand; `intervals` are the periods it was started with. */
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

async function openSession() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'M1', syntheticCandles(240));
  const clock = manualScheduler();
  const { handlers, dispose } = createTradingHandlers(t.app.ctx, { scheduler: clock.scheduler });
  cleanups.push(dispose);
  const session = await handlers['sessions:create']({
    symbol: 'EURUSD',
    timeframe: 'M1',
    startAt: '2019-01-02T01:00:00Z',
    balance: 10_000,
    currency: 'USD',
    leverage: 100,
    spreadPts: 10,
    slippagePts: 0,
    commissionPerLot: 0,
    stopOutPct: 50,
    speed: '2x',
  });
  const events: string[] = [];
  t.app.events.subscribe((name, payload) =>
    events.push(name === 'replay:stopped' ? `stopped:${(payload as { reason: string }).reason}` : name),
  );
  return { handlers, clock, events, sessionId: session.id };
}

describe('replay:toggle, the one play/pause decision, made where the clock is', () => {
  it('two toggles sent back to back play, then pause, and each answer is the state after it', async () => {
    const { handlers, clock, events, sessionId } = await openSession();
    // Sent together, as a desk does when a second press beats the first answer.
    const [first, second] = await Promise.all([
      handlers['replay:toggle']({ sessionId }),
      handlers['replay:toggle']({ sessionId }),
    ]);
    expect(first).toEqual({ playing: true });
    expect(second).toEqual({ playing: false });
    expect(clock.running()).toBe(false);
    expect((await handlers['sessions:get']({ sessionId })).status).toBe('PAUSED');
    expect(events).toEqual(['stopped:paused']);
  });

  it('plays at the speed the session keeps, and no tick follows the answer to a pause', async () => {
    const { handlers, clock, events, sessionId } = await openSession();
    expect(await handlers['replay:toggle']({ sessionId })).toEqual({ playing: true });
    expect(clock.intervals).toEqual([500]);
    clock.fire();
    expect(await handlers['replay:toggle']({ sessionId })).toEqual({ playing: false });
    clock.fire();
    expect(events).toEqual(['replay:tick', 'stopped:paused']);
  });

  it('a speed change reaches a running clock, so the desk need not know whether it plays', async () => {
    const { handlers, clock, sessionId } = await openSession();
    await handlers['replay:toggle']({ sessionId });
    await handlers['sessions:update']({ sessionId, speed: '5x' });
    expect(clock.intervals).toEqual([500, 200]);
    expect(clock.running()).toBe(true);
    // Paused, the speed is only kept for the next play.
    await handlers['replay:toggle']({ sessionId });
    await handlers['sessions:update']({ sessionId, speed: '1x' });
    expect(clock.running()).toBe(false);
    await handlers['replay:toggle']({ sessionId });
    expect(clock.intervals).toEqual([500, 200, 1000]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

// Issue 15: a session must not know its data ends until it has ended. The same actions at the
// same cursor give the same result whether later data exists or not.

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as MethodOutput<K>;
}

/** 120 bars (00:00 to 01:59) or more; a session from 01:55, jumped to 01:59, then two orders. */
async function script(bars: number, endAt?: string) {
  const t = tempApp();
  cleanups.push(t.cleanup);
  const candles = syntheticCandles(bars);
  seedCandles(t.app, 'EURUSD', 'M1', candles);
  const s = await call(t.app, 'sessions:create', {
    symbol: 'EURUSD',
    startAt: '2019-01-02T01:55:00Z',
    ...(endAt ? { endAt } : {}),
    balance: 10_000,
  });
  const jumped = await call(t.app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T01:59:00Z' });
  const bid = candles[119]!.close;
  const market = await t.app.dispatch('orders:place', { sessionId: s.id, side: 'BUY', lots: 0.1 });
  const limit = await t.app.dispatch('orders:place', {
    sessionId: s.id,
    side: 'BUY',
    type: 'LIMIT',
    lots: 0.1,
    price: Math.round((bid - 0.005) * 1e5) / 1e5,
  });
  return { app: t.app, sessionId: s.id, jumped, market, limit };
}

describe('the end of the data', () => {
  it('revealing the last bar does not end the session: orders are accepted as on longer data', async () => {
    const short = await script(120);
    const long = await script(180);
    expect(short.jumped.cursorTs).toBe(long.jumped.cursorTs);
    expect(short.jumped.status).toBe('RUNNING');
    expect(long.jumped.status).toBe('RUNNING');
    expect(short.market.ok).toBe(true);
    expect(short.limit.ok).toBe(true);
    expect(long.market.ok).toBe(true);
    const account = (r: Awaited<ReturnType<typeof script>>) =>
      call(r.app, 'sessions:get', { sessionId: r.sessionId }).then((s) => s.balanceCents);
    expect(await account(short)).toBe(await account(long));
  });

  it('the next step finds no bar and ends it; a pending order stays pending', async () => {
    const short = await script(120);
    const tick = await call(short.app, 'replay:step', { sessionId: short.sessionId, bars: 1 });
    expect(tick.cursorTs).toBe(short.jumped.cursorTs);
    expect(tick.status).toBe('COMPLETED');
    const orders = await call(short.app, 'orders:list', { sessionId: short.sessionId });
    expect(orders.map((o) => [o.type, o.status])).toEqual([
      ['MARKET', 'FILLED'],
      ['LIMIT', 'PENDING'],
    ]);
    const refused = await short.app.dispatch('orders:place', {
      sessionId: short.sessionId,
      side: 'BUY',
      lots: 0.1,
    });
    expect(refused.ok).toBe(false);
  });

  it('an end date ends the session when the clock reaches it, whatever data follows', async () => {
    const short = await script(120, '2019-01-02T01:59:00Z');
    const long = await script(180, '2019-01-02T01:59:00Z');
    expect(short.jumped.status).toBe('COMPLETED');
    expect(long.jumped.status).toBe('COMPLETED');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

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

async function withSwap(swap: MethodInput<'instruments:save'>['swap']) {
  const t = tempApp();
  cleanups.push(t.cleanup);
  // From Wednesday 2 January 2019 00:00 UTC: 17:00 New York is 22:00 UTC, Wednesday's triple.
  seedCandles(t.app, 'EURUSD', 'M1', syntheticCandles(1_400));
  const eurusd = (await call(t.app, 'instruments:list', {})).find((i) => i.symbol === 'EURUSD')!;
  const { id, symbol, displayName, digits, pipSize, contractSize, baseCurrency, quoteCurrency } = eurusd;
  const saved = await call(t.app, 'instruments:save', {
    id,
    symbol,
    displayName,
    digits,
    pipSize,
    contractSize,
    baseCurrency,
    quoteCurrency,
    swap,
  });
  return { app: t.app, saved };
}

describe('swap through the contract', () => {
  it('is saved on the instrument, charged at 17:00 New York, shown per position and in the report', async () => {
    const { app, saved } = await withSwap({ mode: 'points', long: -6.5, short: 1.2, tripleWeekday: 3 });
    expect(saved.swap).toEqual({ mode: 'points', long: -6.5, short: 1.2, tripleWeekday: 3 });
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T21:50:00Z' });
    const order = await call(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T21:59:00Z' });
    expect((await call(app, 'ledger:list', { sessionId: s.id })).some((e) => e.type === 'SWAP')).toBe(false);
    await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T22:05:00Z' });
    const ledger = await call(app, 'ledger:list', { sessionId: s.id });
    // Wednesday: three nights of -6.50.
    expect(ledger.filter((e) => e.type === 'SWAP').map((e) => [e.ts, e.positionId, e.amountCents])).toEqual([
      [Date.parse('2019-01-02T22:00:00Z') / 1000, order.positionId, -1_950],
    ]);
    const [open] = await call(app, 'positions:list', { sessionId: s.id });
    expect(open!.swapCents).toBe(-1_950);
    await call(app, 'positions:close', { sessionId: s.id, positionId: order.positionId! });
    const report = await call(app, 'reports:create', { sessionId: s.id });
    expect(report.trades[0]!.swapCents).toBe(-1_950);
    expect(report.summary.costs.swapCents).toBe(1_950);
    const session = await call(app, 'sessions:get', { sessionId: s.id });
    const sum =
      ledger.length &&
      (await call(app, 'ledger:list', { sessionId: s.id })).reduce((a, e) => a + e.amountCents, 0);
    expect(session.balanceCents).toBe(sum);
  });

  it('refuses a bad swap with the field named', async () => {
    const t = tempApp();
    cleanups.push(t.cleanup);
    const result = await t.app.dispatch('instruments:save', {
      symbol: 'XYZUSD',
      displayName: 'XYZ',
      digits: 5,
      pipSize: 0.0001,
      contractSize: 100_000,
      baseCurrency: 'XYZ',
      quoteCurrency: 'USD',
      swap: { mode: 'points', long: -1, short: 1, tripleWeekday: 9 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toContain('swap.tripleWeekday');
    }
  });
});

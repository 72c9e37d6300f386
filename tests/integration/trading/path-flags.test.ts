import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { CandleDto } from '../../../src/shared/dto';
import { seedCandles, tempApp } from './helpers';

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

// Wednesday 2 January 2019 00:00 UTC.
const T0 = 1_546_387_200;
const flat = (ts: number): CandleDto => ({ ts, open: 1.1, high: 1.1, low: 1.1, close: 1.1, volume: 1 });

// Three H1 bars; the 01:00 one reaches 1.10120 and 1.09880, 12 points either side of its open.
const H1: CandleDto[] = [
  flat(T0),
  { ts: T0 + 3600, open: 1.1, high: 1.1012, low: 1.0988, close: 1.1, volume: 1 },
  flat(T0 + 7200),
];

// The same three hours in M1: the high at 01:10, the low only at 01:30.
const M1: CandleDto[] = Array.from({ length: 180 }, (_, i) => {
  const ts = T0 + i * 60;
  if (i === 70) return { ts, open: 1.1, high: 1.1012, low: 1.1, close: 1.1005, volume: 1 };
  if (i === 90) return { ts, open: 1.1, high: 1.1, low: 1.0988, close: 1.1, volume: 1 };
  return flat(ts);
});

/** A long of 1 lot at the 00:00 close (ask 1.10010), SL 1.09900, TP 1.10100, replayed to 02:00. */
async function tradeThroughTheHour(withM1: boolean) {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'H1', H1);
  if (withM1) seedCandles(t.app, 'EURUSD', 'M1', M1);
  const s = await call(t.app, 'sessions:create', {
    symbol: 'EURUSD',
    startAt: '2019-01-02T00:00:00Z',
    timeframe: 'H1',
  });
  await call(t.app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1, sl: 1.099, tp: 1.101 });
  await call(t.app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T02:00:00Z' });
  return call(t.app, 'reports:create', { sessionId: s.id });
}

describe('flagged path-dependent trades', () => {
  it('on H1 alone, a bar that reaches both the stop and the target flags the trade and bands the report', async () => {
    const report = await tradeThroughTheHour(false);
    expect(report.trades).toHaveLength(1);
    const [trade] = report.trades;
    // High first (equal distances): the TP at 1.10100. +100.00 less 10.00 spread.
    expect(trade).toMatchObject({ exitPrice: 1.101, realizedCents: 9_000, pathDependent: true });
    // From the 00:00 and 01:00 bars: 12 points either way (USD 120.00), 1.09 R of the 110.00 risked
    // (ask 1.10010 to the SL); the exit kept 10 of the 12 points.
    expect(trade!.excursion).toEqual({
      maePrice: 0.0012,
      mfePrice: 0.0012,
      maeCents: 12_000,
      mfeCents: 12_000,
      maeR: 1.09,
      mfeR: 1.09,
      exitEfficiencyPct: 83.33,
    });
    // Had the low come first: the SL at 1.09900, 200 points (USD 200.00) lower.
    expect(report.summary.pathBand).toMatchObject({
      flaggedTrades: 1,
      netProfitCents: { worst: -11_000, best: 9_000 },
      winRatePct: { worst: 0, best: 100 },
    });
  });

  it('with M1 under the hour the minutes decide, and nothing is flagged', async () => {
    const report = await tradeThroughTheHour(true);
    const [trade] = report.trades;
    expect(trade).toMatchObject({ exitPrice: 1.101, realizedCents: 9_000, pathDependent: false });
    expect(report.summary.pathBand).toMatchObject({
      flaggedTrades: 0,
      netProfitCents: { worst: 9_000, best: 9_000 },
    });
  });
});

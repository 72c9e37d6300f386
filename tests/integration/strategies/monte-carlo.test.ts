import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { crossoverGraph, randomBars } from '../../unit/strategy/helpers';
import { call, ok } from '../studies/helpers';
import { seedCandles, tempApp } from '../trading/helpers';

let app: TickstepApp;
let cleanup: () => void;
type App = Parameters<typeof ok>[0];
const a = () => app as App;
const iso = (ts: number) => new Date(ts * 1000).toISOString();

beforeEach(() => {
  ({ app, cleanup } = tempApp());
});
afterEach(() => cleanup());

/** A completed in-process run of the crossover on seeded bars. */
async function completedRun(): Promise<string> {
  const bars = randomBars(20_000, 5);
  seedCandles(app, 'EURUSD', 'M1', bars);
  const strategy = await ok(a(), 'strategies:create', { title: 'Cross', graph: crossoverGraph() });
  const started = await ok(a(), 'backtests:start', {
    strategyId: strategy.id,
    symbol: 'EURUSD',
    from: iso(bars[0]!.ts),
    to: iso(bars.at(-1)!.ts),
    parameters: { balance: 10_000 },
    worker: false,
  });
  for (;;) {
    const run = await ok(a(), 'backtests:get', { runId: started.id });
    if (run.status === 'completed') return run.id;
    if (run.status !== 'queued' && run.status !== 'running') throw new Error(run.status);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('backtests:monte-carlo', () => {
  it('reshuffles and resamples a run’s trades, seeded, from its balance', async () => {
    const runId = await completedRun();
    const run = await ok(a(), 'backtests:get', { runId });
    const trades = run.report!.trades;
    expect(trades.length).toBeGreaterThan(20);
    const net = trades.reduce((s, t) => s + t.realizedCents, 0);

    const shuffled = await ok(a(), 'backtests:monte-carlo', { runId, paths: 1000 });
    expect(shuffled).toMatchObject({
      runId,
      mode: 'reshuffle',
      paths: 1000,
      trades: trades.length,
      initialCents: 1_000_000,
      ruinPct: 50,
      seed: 1,
      percentiles: [1, 5, 25, 50, 75, 95, 99],
    });
    expect(new Set(shuffled.finalEquityCents)).toEqual(new Set([1_000_000 + net]));
    expect(shuffled.actual.finalEquityCents).toBe(1_000_000 + net);
    expect(await ok(a(), 'backtests:monte-carlo', { runId, paths: 1000 })).toEqual(shuffled);

    const resampled = await ok(a(), 'backtests:monte-carlo', {
      runId,
      paths: 1000,
      mode: 'resample',
      seed: 9,
    });
    expect(resampled.finalEquityCents[0]).toBeLessThan(resampled.finalEquityCents.at(-1)!);
  });

  it('refuses bad input with the field named, and a run that did not complete', async () => {
    const few = await call(a(), 'backtests:monte-carlo', { runId: 'x', paths: 5 });
    expect(few).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!few.ok && few.error.message).toContain('paths');
    const ruin = await call(a(), 'backtests:monte-carlo', { runId: 'x', ruinPct: 0 });
    expect(!ruin.ok && ruin.error.message).toContain('ruinPct');
    const missing = await call(a(), 'backtests:monte-carlo', { runId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

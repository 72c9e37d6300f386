import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../src/core/market/candle';
import { bestSetIndex, setMetrics } from '../../../src/core/strategy/optimise';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { OptimisationProgressDto, OptimisationRunDto } from '../../../src/shared/contract/optimisations';
import type { BacktestProgressDto } from '../../../src/shared/contract/strategies';
import { crossoverGraph, randomBars } from '../../unit/strategy/helpers';
import { call, ok } from '../studies/helpers';
import { seedCandles, tempApp } from '../trading/helpers';

type App = Parameters<typeof ok>[0];
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function freshApp(bars: Candle[]): TickstepApp {
  const { app, cleanup } = tempApp();
  cleanups.push(cleanup);
  seedCandles(app, 'EURUSD', 'M1', bars);
  return app;
}

const iso = (ts: number) => new Date(ts * 1000).toISOString();
const parameters = { balance: 100_000, spreadPts: 10, slippagePts: 1, commissionPerLot: 3.5 };

/** The crossover with both periods marked optimise: fast 5, 10, 15 and slow 30, 40, 50. */
function twoParamGraph() {
  const graph = crossoverGraph();
  graph.params = [
    { name: 'fast', value: 10, optimise: { min: 5, max: 15, step: 5 } },
    { name: 'slow', value: 30, optimise: { min: 30, max: 50, step: 10 } },
  ];
  return graph;
}

function optimisationEnded(app: TickstepApp, runId: string, seen: OptimisationProgressDto[] = []) {
  return new Promise<OptimisationProgressDto>((resolve) => {
    const stop = app.events.subscribe((name, payload) => {
      if (name !== 'optimisations:progress') return;
      const p = payload as OptimisationProgressDto;
      if (p.runId !== runId) return;
      seen.push(p);
      if (p.status !== 'running') {
        stop();
        resolve(p);
      }
    });
  });
}

async function optimise(app: TickstepApp, input: Record<string, unknown>): Promise<OptimisationRunDto> {
  const started = await ok(app as App, 'optimisations:start', input as never);
  const seen: OptimisationProgressDto[] = [];
  if (started.status === 'running') await optimisationEnded(app, started.id, seen);
  return ok(app as App, 'optimisations:get', { runId: started.id });
}

async function backtest(app: TickstepApp, input: Record<string, unknown>) {
  const started = await ok(app as App, 'backtests:start', { ...input, worker: false } as never);
  if (started.status === 'running') {
    await new Promise<void>((resolve) => {
      const stop = app.events.subscribe((name, payload) => {
        const p = payload as BacktestProgressDto;
        if (name === 'backtests:progress' && p.runId === started.id && p.status !== 'running') {
          stop();
          resolve();
        }
      });
    });
  }
  return ok(app as App, 'backtests:get', { runId: started.id });
}

describe('optimisation', () => {
  it('scores every grid set on the worker pool exactly as a single backtest with those parameters', async () => {
    const bars = randomBars(20_000, 9);
    const app = freshApp(bars);
    const strategy = await ok(app as App, 'strategies:create', { title: 'Cross', graph: twoParamGraph() });
    const span = { symbol: 'EURUSD', from: iso(bars[0]!.ts), to: iso(bars.at(-1)!.ts) };
    const seen: OptimisationProgressDto[] = [];
    const started = await ok(app as App, 'optimisations:start', {
      strategyId: strategy.id,
      ...span,
      method: 'grid',
      objective: 'net-profit',
      threads: 2,
      parameters,
    });
    expect(started).toMatchObject({ status: 'running', setsTotal: 9, paramNames: ['fast', 'slow'] });
    const last = await optimisationEnded(app, started.id, seen);
    expect(last).toMatchObject({ status: 'completed', percent: 100, setsDone: 9 });
    const run = await ok(app as App, 'optimisations:get', { runId: started.id });
    expect(run.status).toBe('completed');
    expect(run.settings.threads).toBe(2);
    expect(run.results!.map((r) => r.params)).toEqual([
      { fast: 5, slow: 30 },
      { fast: 5, slow: 40 },
      { fast: 5, slow: 50 },
      { fast: 10, slow: 30 },
      { fast: 10, slow: 40 },
      { fast: 10, slow: 50 },
      { fast: 15, slow: 30 },
      { fast: 15, slow: 40 },
      { fast: 15, slow: 50 },
    ]);
    for (const result of run.results!) {
      const single = await backtest(app, {
        strategyId: strategy.id,
        ...span,
        parameters: { ...parameters, params: result.params },
      });
      expect(result.metrics).toEqual(setMetrics(single.report!.summary));
      expect(result.objective).toBe(single.report!.summary.netProfitCents);
    }
    expect(run.bestIndex).toBe(bestSetIndex(run.results!));
    const bestNet = Math.max(...run.results!.map((r) => r.metrics.netProfitCents));
    expect(run.results![run.bestIndex!]!.metrics.netProfitCents).toBe(bestNet);
    const listed = await ok(app as App, 'optimisations:list', { strategyId: strategy.id });
    expect(listed.map((r) => [r.id, r.results])).toEqual([[run.id, null]]);
  }, 120_000);

  it('draws the same random sets from the same seed, and applies the constraints', async () => {
    const bars = randomBars(5_000, 3);
    const app = freshApp(bars);
    const strategy = await ok(app as App, 'strategies:create', { title: 'Cross', graph: twoParamGraph() });
    const input = {
      strategyId: strategy.id,
      symbol: 'EURUSD',
      from: iso(bars[0]!.ts),
      to: iso(bars.at(-1)!.ts),
      method: 'random',
      samples: 4,
      seed: 77,
      objective: 'profit-factor',
      minTrades: 1_000_000,
      worker: false,
      parameters,
    };
    const first = await optimise(app, input);
    const again = await optimise(app, input);
    expect(first.results).toHaveLength(4);
    expect(again.results!.map((r) => r.params)).toEqual(first.results!.map((r) => r.params));
    for (const r of first.results!) expect(r.violations[0]).toMatch(/fewer than 1000000/);
    expect(first.bestIndex).toBeNull();
  }, 60_000);

  it('cancels a running optimisation', async () => {
    const bars = randomBars(60_000, 5);
    const app = freshApp(bars);
    const strategy = await ok(app as App, 'strategies:create', { title: 'Cross', graph: twoParamGraph() });
    const started = await ok(app as App, 'optimisations:start', {
      strategyId: strategy.id,
      symbol: 'EURUSD',
      from: iso(bars[0]!.ts),
      to: iso(bars.at(-1)!.ts),
      worker: false,
    });
    const cancelled = await ok(app as App, 'optimisations:cancel', { runId: started.id });
    expect(['running', 'cancelled']).toContain(cancelled.status);
    const last = await optimisationEnded(app, started.id);
    expect(last.status).toBe('cancelled');
    const run = await ok(app as App, 'optimisations:get', { runId: started.id });
    expect(run.status).toBe('cancelled');
    expect(run.results!.length).toBeLessThan(9);
  }, 60_000);

  it('cancels a running optimisation on the worker pool, keeping the sets done', async () => {
    const bars = randomBars(60_000, 5);
    const app = freshApp(bars);
    const strategy = await ok(app as App, 'strategies:create', { title: 'Cross', graph: twoParamGraph() });
    const started = await ok(app as App, 'optimisations:start', {
      strategyId: strategy.id,
      symbol: 'EURUSD',
      from: iso(bars[0]!.ts),
      to: iso(bars.at(-1)!.ts),
      threads: 2,
    });
    const seen: OptimisationProgressDto[] = [];
    const end = optimisationEnded(app, started.id, seen);
    await ok(app as App, 'optimisations:cancel', { runId: started.id });
    expect((await end).status).toBe('cancelled');
    const run = await ok(app as App, 'optimisations:get', { runId: started.id });
    expect(run).toMatchObject({ status: 'cancelled', error: null });
    expect(run.results!.length).toBe(run.setsDone);
    expect(run.setsDone).toBeLessThan(9);
  }, 60_000);

  it('names the field of a bad start', async () => {
    const bars = randomBars(500, 3);
    const app = freshApp(bars);
    const span = { symbol: 'EURUSD', from: iso(bars[0]!.ts), to: iso(bars.at(-1)!.ts) };
    const plain = crossoverGraph();
    plain.params = plain.params.map(({ name, value }) => ({ name, value }));
    const none = await ok(app as App, 'strategies:create', { title: 'Plain', graph: plain });
    const noRange = await call(app as App, 'optimisations:start', { strategyId: none.id, ...span });
    expect(noRange).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { field: 'strategyId' } },
    });
    expect(JSON.stringify(noRange)).toContain('no parameter marked optimise');

    const huge = twoParamGraph();
    huge.params = [
      { name: 'fast', value: 10, optimise: { min: 1, max: 200, step: 1 } },
      { name: 'slow', value: 30, optimise: { min: 30, max: 300, step: 1 } },
    ];
    const big = await ok(app as App, 'strategies:create', { title: 'Huge', graph: huge });
    const tooBig = await call(app as App, 'optimisations:start', { strategyId: big.id, ...span });
    expect(tooBig).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { field: 'method' } },
    });

    const noSamples = await call(app as App, 'optimisations:start', {
      strategyId: big.id,
      ...span,
      method: 'random',
    });
    expect(JSON.stringify(noSamples)).toContain('samples');
    const badObjective = await call(app as App, 'optimisations:start', {
      strategyId: big.id,
      ...span,
      objective: 'luck',
    });
    expect(JSON.stringify(badObjective)).toContain('objective');
    const tooManyWindows = await call(app as App, 'optimisations:start', {
      strategyId: big.id,
      ...span,
      method: 'random',
      samples: 2,
      walkForward: { windows: 100, inSamplePct: 5 },
    });
    expect(tooManyWindows).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { field: 'walkForward.windows' } },
    });
    expect(await ok(app as App, 'optimisations:list', {})).toEqual([]);
  }, 60_000);
});

describe('walk-forward', () => {
  const BARS = 12_000;
  const walk = { windows: 3, inSamplePct: 60 };

  async function walkForwardOn(bars: Candle[]) {
    const app = freshApp(bars);
    const strategy = await ok(app as App, 'strategies:create', { title: 'Cross', graph: twoParamGraph() });
    const span = { symbol: 'EURUSD', from: iso(bars[0]!.ts), to: iso(bars.at(-1)!.ts) };
    const run = await optimise(app, {
      strategyId: strategy.id,
      ...span,
      objective: 'net-profit',
      walkForward: walk,
      worker: false,
      parameters,
    });
    return { app, strategy, run };
  }

  /** The same bars up to `from`, another random walk (same times) from there on. */
  function replacedFrom(bars: Candle[], from: number): Candle[] {
    const other = randomBars(bars.length, 1234);
    return bars.map((b, i) => (i < from ? b : { ...other[i]!, ts: b.ts }));
  }

  it('optimises each in-sample part, runs its winner out-of-sample, and stitches the out-of-sample equity', async () => {
    const bars = randomBars(BARS, 21);
    const { app, strategy, run } = await walkForwardOn(bars);
    expect(run.status).toBe('completed');
    expect(run.setsTotal).toBe(3 * (9 + 1));
    const wf = run.walkForward!;
    expect(wf.windows).toHaveLength(3);
    expect(wf.equityCurve.length).toBeGreaterThan(0);
    for (const w of wf.windows) {
      expect(w.inSample.to).toBe(w.outOfSample.from);
      expect(w.inSample.toTs).toBeLessThan(w.outOfSample.fromTs);
      if (!w.best) continue;
      // The out-of-sample figures are a backtest of the winner over exactly that window.
      const single = await backtest(app, {
        strategyId: strategy.id,
        symbol: 'EURUSD',
        from: iso(w.outOfSample.fromTs),
        to: iso(w.outOfSample.toTs),
        parameters: { ...parameters, params: w.best.params },
      });
      expect(w.outOfSampleMetrics).toEqual(setMetrics(single.report!.summary));
    }
    expect(wf.netProfitCents).toBe(
      wf.windows.reduce((sum, w) => sum + (w.outOfSampleMetrics?.netProfitCents ?? 0), 0),
    );
    expect(wf.equityCurve.at(-1)!.equityCents).toBe(100_000 * 100 + wf.netProfitCents);
  }, 120_000);

  it('never lets out-of-sample data choose the in-sample winner, nor later data change an out-of-sample result', async () => {
    const bars = randomBars(BARS, 21);
    const base = (await walkForwardOn(bars)).run.walkForward!;
    const first = base.windows[0]!;
    expect(first.best).not.toBeNull();
    // Everything from the first out-of-sample part on replaced: the first choice must not move.
    const newOos = (await walkForwardOn(replacedFrom(bars, first.outOfSample.from))).run.walkForward!;
    expect(newOos.windows[0]!.best).toEqual(first.best);
    // Everything after the first out-of-sample part replaced: its result must not move either.
    const newLater = (await walkForwardOn(replacedFrom(bars, first.outOfSample.to))).run.walkForward!;
    expect(newLater.windows[0]!.best).toEqual(first.best);
    expect(newLater.windows[0]!.outOfSampleMetrics).toEqual(first.outOfSampleMetrics);
    // ...while the later windows, which do see the new data, are free to differ.
    expect(newLater.windows.map((w) => w.outOfSample)).toEqual(base.windows.map((w) => w.outOfSample));
  }, 180_000);
});

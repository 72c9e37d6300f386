import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barColumns, runBacktest } from '../../../src/core/strategy';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { BacktestProgressDto, BacktestRunDto } from '../../../src/shared/contract/strategies';
import { ACCOUNT, crossoverGraph, EURUSD, randomBars } from '../../unit/strategy/helpers';
import { call, ok } from '../studies/helpers';
import { seedCandles, tempApp } from '../trading/helpers';

let app: TickstepApp;
let cleanup: () => void;
type App = Parameters<typeof ok>[0];

beforeEach(() => {
  ({ app, cleanup } = tempApp());
});
afterEach(() => cleanup());

const a = () => app as App;
const iso = (ts: number) => new Date(ts * 1000).toISOString();

/** Resolves with the run once a progress event says it ended; collects every event on the way. */
function ended(runId: string, seen: BacktestProgressDto[]): Promise<BacktestProgressDto> {
  return new Promise((resolve) => {
    const stop = app.events.subscribe((name, payload) => {
      if (name !== 'backtests:progress') return;
      const p = payload as BacktestProgressDto;
      if (p.runId !== runId) return;
      seen.push(p);
      if (p.status !== 'running') {
        stop();
        resolve(p);
      }
    });
  });
}

describe('strategies', () => {
  it('creates, versions immutably, lists and archives', async () => {
    const created = await ok(a(), 'strategies:create', {
      title: 'SMA crossover!',
      tags: ['trend'],
      graph: crossoverGraph(),
    });
    expect(created).toMatchObject({
      slug: 'sma-crossover',
      status: 'draft',
      latestVersion: 1,
      tags: ['trend'],
    });
    const again = await ok(a(), 'strategies:create', { title: 'SMA crossover', graph: crossoverGraph() });
    expect(again.slug).toBe('sma-crossover-2');
    const v2 = await ok(a(), 'strategies:save-version', {
      strategyId: created.id,
      graph: crossoverGraph(5, 20),
      notes: 'faster',
    });
    expect(v2.number).toBe(2);
    const versions = await ok(a(), 'strategies:list-versions', { strategyId: created.id });
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    expect(versions[1]!.graph).toEqual(crossoverGraph());
    expect((await ok(a(), 'strategies:get', { strategyId: created.id })).version.notes).toBe('faster');
    await ok(a(), 'strategies:archive', { strategyId: created.id });
    expect((await ok(a(), 'strategies:list', {})).map((s) => s.id)).toEqual([again.id]);
    const refused = await call(a(), 'strategies:save-version', {
      strategyId: created.id,
      graph: crossoverGraph(),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a bad graph with the node and field in the error', async () => {
    const graph = crossoverGraph();
    graph.nodes[2] = { id: 'up', type: 'crosses-above', left: 'fast', right: 'nowhere' };
    const result = await call(a(), 'strategies:create', { title: 'Broken', graph });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toContain('node "up" right: no node "nowhere"');
    expect(JSON.stringify(result.error.details)).toContain('"graph","nodes","2","right"');
  });
});

describe('backtests', () => {
  it('runs in a worker with progress, ends in a report equal to the core runner, and keeps old versions runnable', async () => {
    const bars = randomBars(60_000, 9);
    seedCandles(app, 'EURUSD', 'M1', bars);
    const strategy = await ok(a(), 'strategies:create', { title: 'Cross', graph: crossoverGraph() });
    const parameters = { balance: 100_000, spreadPts: 10, slippagePts: 1, commissionPerLot: 3.5 };
    const input = {
      strategyId: strategy.id,
      symbol: 'eurusd',
      from: iso(bars[0]!.ts),
      to: iso(bars.at(-1)!.ts),
      parameters,
    };
    const started = await ok(a(), 'backtests:start', input);
    const seen: BacktestProgressDto[] = [];
    const last = started.status === 'running' ? await ended(started.id, seen) : null;
    expect(last?.status).toBe('completed');
    const run = await ok(a(), 'backtests:get', { runId: started.id });
    expect(run).toMatchObject({
      status: 'completed',
      progress: 100,
      barsDone: 60_000,
      barsTotal: 60_000,
      versionNumber: 1,
    });
    expect(seen.at(-1)).toMatchObject({ percent: 100, barsDone: 60_000 });
    expect(seen.every((p) => p.barsPerSecond >= 0)).toBe(true);

    const direct = runBacktest({
      graph: crossoverGraph(),
      baseSeconds: 60,
      bars: barColumns(bars),
      instrument: EURUSD,
      account: { ...ACCOUNT, slippagePts: 1 },
      initialBalanceCents: 10_000_000,
    });
    expect(run.report!.trades).toEqual(direct.trades);
    expect(run.report!.summary.netProfitCents).toBe(direct.summary.netProfitCents);
    expect(run.report!.equityCurve.length).toBeGreaterThan(0);

    const v2 = await ok(a(), 'strategies:save-version', {
      strategyId: strategy.id,
      graph: crossoverGraph(20, 60),
    });
    const old = await ok(a(), 'backtests:start', {
      ...input,
      strategyId: undefined,
      versionId: strategy.latestVersionId,
      worker: false,
    });
    await ended(old.id, []);
    const oldRun = await ok(a(), 'backtests:get', { runId: old.id });
    expect(oldRun.versionNumber).toBe(1);
    expect(oldRun.report!.trades).toEqual(direct.trades);
    expect(v2.number).toBe(2);
    const listed = await ok(a(), 'backtests:list', { strategyId: strategy.id });
    expect(listed.map((r: BacktestRunDto) => r.id)).toEqual([old.id, started.id]);
    expect(listed[0]!.report).toBeNull();
  });

  it('cancels a running backtest', async () => {
    const bars = randomBars(200_000, 4);
    seedCandles(app, 'EURUSD', 'M1', bars);
    const strategy = await ok(a(), 'strategies:create', { title: 'Cross', graph: crossoverGraph() });
    const started = await ok(a(), 'backtests:start', {
      strategyId: strategy.id,
      symbol: 'EURUSD',
      from: iso(bars[0]!.ts),
      to: iso(bars.at(-1)!.ts),
    });
    const end = ended(started.id, []);
    await ok(a(), 'backtests:cancel', { runId: started.id });
    expect((await end).status).toBe('cancelled');
    const run = await ok(a(), 'backtests:get', { runId: started.id });
    expect(run.status).toBe('cancelled');
    expect(run.barsDone).toBeLessThan(200_000);
    expect(run.report).toBeNull();
  });

  it('names the field of a bad start', async () => {
    seedCandles(app, 'EURUSD', 'M1', randomBars(100));
    const strategy = await ok(a(), 'strategies:create', { title: 'Cross', graph: crossoverGraph() });
    const base = {
      strategyId: strategy.id,
      symbol: 'EURUSD',
      from: '2024-01-01T00:00:00Z',
      to: '2024-01-02T00:00:00Z',
    };
    expect(await call(a(), 'backtests:start', { ...base, symbol: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_SYMBOL' },
    });
    expect(
      await call(a(), 'backtests:start', {
        ...base,
        from: '2030-01-01T00:00:00Z',
        to: '2030-02-01T00:00:00Z',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_DATA' },
    });
    const badParam = await call(a(), 'backtests:start', { ...base, parameters: { params: { slow: -1 } } });
    expect(badParam).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(badParam)).toContain('parameter \\"slow\\" = -1 must be at least 1');
    expect(await call(a(), 'backtests:start', { ...base, to: base.from })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

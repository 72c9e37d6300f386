import { describe, expect, it } from 'vitest';
import { ExecutionEngine } from '../../../src/core/execution/engine';
import { sma } from '../../../src/core/indicators';
import type { Candle } from '../../../src/core/market/candle';
import {
  barColumns,
  compileStrategy,
  type GraphNode,
  runBacktest,
  type StrategyGraph,
} from '../../../src/core/strategy';
import { ACCOUNT, crossoverGraph, EURUSD, randomBars } from './helpers';

function engine(): ExecutionEngine {
  let n = 0;
  const e = new ExecutionEngine({ instrument: EURUSD, account: ACCOUNT, newId: () => `id${++n}` });
  e.cashEntry('DEPOSIT', 10_000_000);
  return e;
}

const never: GraphNode[] = [
  { id: 'zero', type: 'constant', value: 0 },
  { id: 'never', type: 'compare', op: '>', left: 'zero', right: 'zero' },
  { id: 'enter', type: 'enter', side: 'long', when: 'never', order: { type: 'market' }, size: { lots: 1 } },
];

function bar(i: number, close: number, extra: Partial<Candle> = {}): Candle {
  return {
    ts: 1_704_067_200 + i * 60,
    open: close,
    high: close + 0.0005,
    low: close - 0.0005,
    close,
    volume: 10,
    ...extra,
  };
}

/** Values of every node after each close of `closes`. */
function valuesOver(nodes: GraphNode[], closes: number[], candle = bar): Record<string, number>[] {
  const graph: StrategyGraph = { version: 1, timeframe: 'M1', params: [], nodes: [...nodes, ...never] };
  const e = engine();
  const s = compileStrategy(graph, e);
  return closes.map((c, i) => {
    const b = candle(i, c);
    e.processBar(b.ts, b.open, b.high, b.low, b.close);
    s.onBarClose(b);
    return s.values();
  });
}

const col = (rows: Record<string, number>[], id: string) => rows.map((r) => r[id]);

describe('operators', () => {
  const closes = [1.1, 1.2, 1.3, 1.25, 1.2, 1.1, 1.3];
  const nodes: GraphNode[] = [
    { id: 'close', type: 'price', field: 'close' },
    { id: 'prev', type: 'price', field: 'close', offset: 1 },
    { id: 'level', type: 'constant', value: 1.22 },
    { id: 'gt', type: 'compare', op: '>', left: 'close', right: 'level' },
    { id: 'ne', type: 'compare', op: '!=', left: 'close', right: 'prev' },
    { id: 'above', type: 'crosses-above', left: 'close', right: 'level' },
    { id: 'below', type: 'crosses-below', left: 'close', right: 'level' },
    { id: 'rising', type: 'rising', input: 'close', bars: 2 },
    { id: 'falling', type: 'falling', input: 'close', bars: 2 },
    { id: 'hi', type: 'highest', input: 'close', bars: 3 },
    { id: 'lo', type: 'lowest', input: 'close', bars: 3 },
    { id: 'and', type: 'and', inputs: ['gt', 'rising'] },
    { id: 'or', type: 'or', inputs: ['above', 'below'] },
    { id: 'not', type: 'not', input: 'gt' },
  ];
  const rows = valuesOver(nodes, closes);

  it('reads prices now and bars back (unknown before the first)', () => {
    expect(col(rows, 'close')).toEqual(closes);
    expect(col(rows, 'prev')).toEqual([Number.NaN, ...closes.slice(0, -1)]);
    expect(col(rows, 'ne')).toEqual([0, 1, 1, 1, 1, 1, 1]);
  });

  it('compares and crosses (a cross needs the bar before on the other side)', () => {
    expect(col(rows, 'gt')).toEqual([0, 0, 1, 1, 0, 0, 1]);
    expect(col(rows, 'above')).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(col(rows, 'below')).toEqual([0, 0, 0, 0, 1, 0, 0]);
  });

  it('rises and falls over N bars; highest and lowest of N', () => {
    expect(col(rows, 'rising')).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(col(rows, 'falling')).toEqual([0, 0, 0, 0, 1, 1, 0]);
    expect(col(rows, 'hi')).toEqual([Number.NaN, Number.NaN, 1.3, 1.3, 1.3, 1.25, 1.3]);
    expect(col(rows, 'lo')).toEqual([Number.NaN, Number.NaN, 1.1, 1.2, 1.2, 1.1, 1.1]);
  });

  it('combines with and, or, not', () => {
    expect(col(rows, 'and')).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(col(rows, 'or')).toEqual([0, 0, 1, 0, 1, 0, 1]);
    expect(col(rows, 'not')).toEqual([1, 1, 0, 0, 1, 1, 0]);
  });

  it('reads time of day, weekday and session windows in UTC', () => {
    const at = (ts: number) => (i: number, c: number) => bar(i, c, { ts: ts + i * 3600 });
    // 2024-01-01 was a Monday; 06:00, 07:00, 08:00 UTC.
    const got = valuesOver(
      [
        { id: 'tod', type: 'time-of-day' },
        { id: 'wd', type: 'weekday' },
        { id: 'london', type: 'session', window: 'london' },
        { id: 'night', type: 'session', window: 'custom', from: '22:00', to: '07:00' },
      ],
      [1.1, 1.1, 1.1],
      at(1_704_067_200 + 6 * 3600),
    );
    expect(col(got, 'tod')).toEqual([360, 420, 480]);
    expect(col(got, 'wd')).toEqual([1, 1, 1]);
    expect(col(got, 'london')).toEqual([0, 1, 1]);
    expect(col(got, 'night')).toEqual([1, 0, 0]);
  });

  it('reads the app indicators and the lines of multi-line ones', () => {
    const bars = randomBars(60);
    const got = valuesOver(
      [
        { id: 'sma', type: 'indicator', indicator: { kind: 'sma', period: 5 } },
        {
          id: 'upper',
          type: 'indicator',
          indicator: { kind: 'bollinger', period: 5, multiplier: 2 },
          line: 'upper',
        },
      ],
      bars.map((b) => b.close),
      (i) => bars[i]!,
    );
    const want = sma(bars, { period: 5 }).map((p) => p.value ?? Number.NaN);
    expect(col(got, 'sma')).toEqual(want);
    expect(got[59]!.upper!).toBeGreaterThan(got[59]!.sma!);
  });
});

describe('actions', () => {
  const result = (graph: StrategyGraph, bars = randomBars(3000, 11)) =>
    runBacktest({
      graph,
      baseSeconds: 60,
      bars: barColumns(bars),
      instrument: EURUSD,
      account: ACCOUNT,
      initialBalanceCents: 10_000_000,
    });

  it('a crossover strategy trades exactly like a hand-written loop on the same engine', () => {
    const bars = randomBars(5000, 3);
    const fast = sma(bars, { period: 10 }).map((p) => p.value);
    const slow = sma(bars, { period: 30 }).map((p) => p.value);
    const e = engine();
    const closed: string[] = [];
    e.onClose = (p) => closed.push(`${p.side} ${p.openedTs} ${p.closedTs} ${p.realizedCents}`);
    for (let i = 0; i < bars.length; i++) {
      const b = bars[i]!;
      e.processBar(b.ts, b.open, b.high, b.low, b.close);
      const [f, s, pf, ps] = [fast[i], slow[i], fast[i - 1], slow[i - 1]];
      if (f == null || s == null || pf == null || ps == null) continue;
      const side = f > s && pf <= ps ? 'BUY' : f < s && pf >= ps ? 'SELL' : null;
      if (!side || e.open.some((p) => p.side === side)) continue;
      for (const p of [...e.open]) e.closePosition(p.id);
      const placed = e.placeOrder({ side, type: 'MARKET', lots: 1, slPips: 20, tpPips: 40 });
      expect(placed.ok).toBe(true);
    }
    e.closeAll();

    const got = result(crossoverGraph(10, 30), bars);
    expect(got.trades.length).toBeGreaterThan(20);
    expect(got.trades.map((t) => `${t.side} ${t.openedTs} ${t.closedTs} ${t.realizedCents}`).sort()).toEqual(
      closed.sort(),
    );
    expect(got.summary.finalBalanceCents).toBe(e.balanceCents);
    expect(got.ledger[got.ledger.length - 1]!.balanceAfterCents).toBe(e.balanceCents);
    expect(got.summary.trades).toBe(got.trades.length);
    expect(got.trades.every((t) => t.riskCents !== null)).toBe(true);
  });

  it('parameters override the graph, and an out-of-range override is refused', () => {
    const bars = barColumns(randomBars(2000, 5));
    const run = (params: Record<string, number>) =>
      runBacktest({
        graph: crossoverGraph(),
        params,
        baseSeconds: 60,
        bars,
        instrument: EURUSD,
        account: ACCOUNT,
        initialBalanceCents: 10_000_000,
      });
    expect(run({ fast: 5 }).trades).not.toEqual(run({ fast: 10 }).trades);
    expect(() => run({ slow: 0 })).toThrow(
      'node "slow" indicator.period: parameter "slow" = 0 must be at least 1',
    );
  });

  it('sizes by risk %, sets ATR stops and R targets, and stops by time', () => {
    const g = crossoverGraph();
    g.nodes[4] = {
      id: 'buy',
      type: 'enter',
      side: 'long',
      when: 'up',
      order: { type: 'market' },
      size: { riskPct: 1 },
      stopLoss: { atr: 2, period: 14 },
      takeProfit: { r: 2 },
    };
    g.nodes.splice(5, 1);
    g.nodes.push({ id: 'stop', type: 'time-stop', bars: 15 });
    const got = result(g);
    expect(got.trades.length).toBeGreaterThan(5);
    // 1 % of the balance at the stop (100,000.00 at first), rounded down to 0.01 lots.
    expect(got.trades[0]!.riskCents!).toBeLessThanOrEqual(100_000);
    expect(got.trades[0]!.riskCents!).toBeGreaterThan(95_000);
    for (const t of got.trades) {
      expect(t.side).toBe('BUY');
      expect(t.riskCents!).toBeLessThanOrEqual(100_000);
      expect((t.closedTs - t.openedTs) / 60).toBeLessThanOrEqual(15);
    }
  });

  it('enters by limit and stop orders at an offset, which expire unfilled after validBars', () => {
    const g = crossoverGraph();
    g.nodes[4] = {
      ...(g.nodes[4] as object),
      order: { type: 'limit', offsetPips: 3, validBars: 2 },
    } as GraphNode;
    g.nodes[5] = { ...(g.nodes[5] as object), order: { type: 'stop', offsetPips: 3 } } as GraphNode;
    const got = result(g);
    expect(got.trades.length).toBeGreaterThan(5);
    expect(got.rejections).toEqual([]);
  });

  it('exits on a condition, trails, moves to break-even and closes part at R', () => {
    const g = crossoverGraph();
    g.nodes[4] = {
      ...(g.nodes[4] as object),
      takeProfit: undefined,
      trailingPips: 15,
      breakEvenAtR: 0.5,
      partialClose: { atR: 0.5, fraction: 0.5 },
    } as GraphNode;
    g.nodes.push({ id: 'out', type: 'exit', when: 'down', side: 'long' });
    const got = result(g);
    const longs = got.trades.filter((t) => t.side === 'BUY');
    expect(longs.some((t) => t.lots === 0.5)).toBe(true);
    expect(got.summary.finalBalanceCents).toBe(got.ledger[got.ledger.length - 1]!.balanceAfterCents);
  });
});

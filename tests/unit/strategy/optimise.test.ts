import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/random/mulberry32';
import {
  bestSetIndex,
  constraintViolations,
  gridSets,
  gridSize,
  objectiveValue,
  optimisableParams,
  type ParamRange,
  randomSets,
  rangeValues,
  type SetMetrics,
  scoreSet,
} from '../../../src/core/strategy/optimise';
import { crossoverGraph } from './helpers';

const metrics = (over: Partial<SetMetrics> = {}): SetMetrics => ({
  netProfitCents: 10_000,
  returnPct: 1,
  trades: 20,
  winRatePct: 50,
  profitFactor: 1.5,
  sharpeRatio: 0.8,
  maxDrawdownCents: 5_000,
  maxDrawdownPct: 4,
  expectancyCents: 500,
  ...over,
});

const FAST: ParamRange = { name: 'fast', min: 5, max: 15, step: 5 };
const SLOW: ParamRange = { name: 'slow', min: 20, max: 40, step: 10 };

describe('grid enumeration', () => {
  it('takes the parameters marked optimise, with their ranges, in the graph order', () => {
    const graph = crossoverGraph();
    graph.params[1]!.optimise = { min: 20, max: 60, step: 20 };
    expect(optimisableParams(graph)).toEqual([
      { name: 'fast', min: 5, max: 50, step: 5 },
      { name: 'slow', min: 20, max: 60, step: 20 },
    ]);
  });

  it('walks each range from min to max by step, max included when on the grid', () => {
    expect(rangeValues(FAST)).toEqual([5, 10, 15]);
    expect(rangeValues({ name: 'x', min: 1, max: 10, step: 4 })).toEqual([1, 5, 9]);
  });

  it('lands decimal steps on their decimals (0.1 + 0.2 is 0.3)', () => {
    expect(rangeValues({ name: 'm', min: 0.1, max: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues({ name: 'm', min: 1.5, max: 2.5, step: 0.25 })).toEqual([1.5, 1.75, 2, 2.25, 2.5]);
  });

  it('is the product of the ranges, the first parameter varying slowest', () => {
    expect(gridSize([FAST, SLOW])).toBe(9);
    expect(gridSets([FAST, SLOW])).toEqual([
      { fast: 5, slow: 20 },
      { fast: 5, slow: 30 },
      { fast: 5, slow: 40 },
      { fast: 10, slow: 20 },
      { fast: 10, slow: 30 },
      { fast: 10, slow: 40 },
      { fast: 15, slow: 20 },
      { fast: 15, slow: 30 },
      { fast: 15, slow: 40 },
    ]);
  });
});

describe('random sampling', () => {
  const big: ParamRange[] = [
    { name: 'a', min: 1, max: 100, step: 1 },
    { name: 'b', min: 0.5, max: 5, step: 0.5 },
  ];

  it('draws the same sets in the same order from the same seed', () => {
    const first = randomSets(big, 50, mulberry32(42));
    const again = randomSets(big, 50, mulberry32(42));
    expect(again).toEqual(first);
    expect(randomSets(big, 50, mulberry32(43))).not.toEqual(first);
  });

  it('draws distinct sets, each a point of the grid', () => {
    const sets = randomSets(big, 200, mulberry32(1));
    expect(new Set(sets.map((s) => JSON.stringify(s))).size).toBe(200);
    const grid = new Set(gridSets(big).map((s) => JSON.stringify(s)));
    for (const s of sets) expect(grid.has(JSON.stringify(s))).toBe(true);
  });

  it('answers the whole grid when asked for at least as many sets as it holds', () => {
    expect(randomSets([FAST, SLOW], 9, mulberry32(1))).toEqual(gridSets([FAST, SLOW]));
    expect(randomSets([FAST, SLOW], 100, mulberry32(1))).toHaveLength(9);
  });
});

describe('objective and constraints', () => {
  it('scores net profit, profit factor, Sharpe and return over drawdown', () => {
    const m = metrics({
      netProfitCents: 12_345,
      profitFactor: 1.7,
      sharpeRatio: 1.2,
      returnPct: 6,
      maxDrawdownPct: 4,
    });
    expect(objectiveValue(m, 'net-profit')).toBe(12_345);
    expect(objectiveValue(m, 'profit-factor')).toBe(1.7);
    expect(objectiveValue(m, 'sharpe')).toBe(1.2);
    expect(objectiveValue(m, 'return-drawdown')).toBe(1.5);
  });

  it('leaves a score undefined (null) when its figure is', () => {
    expect(objectiveValue(metrics({ profitFactor: null }), 'profit-factor')).toBeNull();
    expect(objectiveValue(metrics({ sharpeRatio: null }), 'sharpe')).toBeNull();
    expect(objectiveValue(metrics({ maxDrawdownPct: 0 }), 'return-drawdown')).toBeNull();
  });

  it('fails a set over the max drawdown or under the min trades, saying why', () => {
    expect(constraintViolations(metrics(), { maxDrawdownPct: 5, minTrades: 10 })).toEqual([]);
    expect(
      constraintViolations(metrics({ maxDrawdownPct: 7.5, trades: 3 }), { maxDrawdownPct: 5, minTrades: 10 }),
    ).toEqual(['max drawdown 7.5 % is above 5 %', '3 trades, fewer than 10']);
    expect(constraintViolations(metrics({ maxDrawdownPct: 99, trades: 0 }), {})).toEqual([]);
  });
});

describe('best set', () => {
  const c = { maxDrawdownPct: 10, minTrades: 5 };
  it('is the highest score among the sets that pass', () => {
    const results = [
      scoreSet({ fast: 5 }, metrics({ netProfitCents: 900 }), 'net-profit', c),
      scoreSet({ fast: 10 }, metrics({ netProfitCents: 5_000, maxDrawdownPct: 30 }), 'net-profit', c),
      scoreSet({ fast: 15 }, metrics({ netProfitCents: 2_000 }), 'net-profit', c),
      scoreSet({ fast: 20 }, metrics({ netProfitCents: 4_000, trades: 2 }), 'net-profit', c),
    ];
    expect(bestSetIndex(results)).toBe(2);
  });

  it('is the earliest on a tie, skips unscored sets, and is none when nothing passes', () => {
    const tie = [
      scoreSet({ a: 1 }, metrics({ profitFactor: null }), 'profit-factor', {}),
      scoreSet({ a: 2 }, metrics({ profitFactor: 2 }), 'profit-factor', {}),
      scoreSet({ a: 3 }, metrics({ profitFactor: 2 }), 'profit-factor', {}),
    ];
    expect(bestSetIndex(tie)).toBe(1);
    expect(bestSetIndex([scoreSet({ a: 1 }, metrics({ trades: 1 }), 'net-profit', c)])).toBeNull();
    expect(bestSetIndex([])).toBeNull();
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { StrategyGraph } from '../../../src/core/strategy';
import { strategyGraphSchema, type strategyGraphShape } from '../../../src/shared/contract/strategy-graph';
import { crossoverGraph } from './helpers';

type Parsed = z.output<typeof strategyGraphShape>;

function issues(graph: unknown) {
  const parsed = strategyGraphSchema.safeParse(graph);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('strategy graph schema', () => {
  it('agrees with the core types both ways', () => {
    // Mutual assignability: a field the schema and the types disagree on fails to compile.
    type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
    expectTypeOf<Same<Parsed, StrategyGraph>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Parsed['nodes'][number], StrategyGraph['nodes'][number]>>().toEqualTypeOf<true>();
  });

  it('accepts the crossover example', () => {
    expect(issues(crossoverGraph())).toEqual([]);
  });

  it('points at the node and field of a missing reference', () => {
    const g = crossoverGraph();
    g.nodes[2] = { id: 'up', type: 'crosses-above', left: 'fast', right: 'slowest' };
    expect(issues(g)).toEqual([
      { path: ['nodes', 2, 'right'], message: 'node "up" right: no node "slowest"' },
    ]);
  });

  it('refuses a number where a condition is needed', () => {
    const g = crossoverGraph();
    g.nodes[4] = { ...(g.nodes[4] as object), when: 'fast' } as StrategyGraph['nodes'][number];
    expect(issues(g)).toEqual([
      {
        path: ['nodes', 4, 'when'],
        message: 'node "buy" when: "fast" is a number, a true/false value is needed',
      },
    ]);
  });

  it('names the parameter and the range it breaks', () => {
    const g = crossoverGraph();
    g.params[1]!.value = 0;
    expect(issues(g)).toEqual([
      {
        path: ['nodes', 1, 'indicator', 'period'],
        message: 'node "slow" indicator.period: parameter "slow" = 0 must be at least 1',
      },
    ]);
    g.params[1]!.value = 30;
    g.nodes[0] = { id: 'fast', type: 'indicator', indicator: { kind: 'sma', period: { param: 'nope' } } };
    expect(issues(g)[0]).toEqual({
      path: ['nodes', 0, 'indicator', 'period'],
      message: 'node "fast" indicator.period: no parameter "nope"',
    });
  });

  it('finds cycles, duplicate ids, risk sizing without a stop and an optimisation range that misses the value', () => {
    const g = crossoverGraph();
    g.nodes.push({ id: 'a', type: 'not', input: 'b' }, { id: 'b', type: 'not', input: 'a' });
    g.nodes.push({ id: 'up', type: 'constant', value: 1 });
    g.nodes[4] = {
      id: 'buy',
      type: 'enter',
      side: 'long',
      when: 'up',
      order: { type: 'market' },
      size: { riskPct: 1 },
    };
    g.params[0]!.value = 60;
    const got = issues(g);
    expect(got).toContainEqual({
      path: ['params', 0, 'value'],
      message: 'parameter "fast": value must lie within the optimisation range',
    });
    expect(got).toContainEqual({ path: ['nodes', 8, 'id'], message: 'node id "up" is used twice' });
    expect(got).toContainEqual({
      path: ['nodes', 4, 'size', 'riskPct'],
      message: 'node "buy" size.riskPct: sizing by risk needs a stop-loss',
    });
    expect(got.some((i) => i.message.includes('depends on itself: a -> b -> a'))).toBe(true);
  });

  it('rejects an unknown node type and an extra field with the node path', () => {
    const g = crossoverGraph() as unknown as { nodes: Record<string, unknown>[] };
    g.nodes[0]!.colour = 'red';
    expect(issues(g)[0]!.path).toEqual(['nodes', 0]);
    g.nodes[0] = { id: 'x', type: 'magic' };
    expect(issues(g)[0]!.path.slice(0, 2)).toEqual(['nodes', 0]);
  });

  it('checks a custom session window and the lines of an indicator', () => {
    const g = crossoverGraph();
    g.nodes.push({ id: 'lon', type: 'session', window: 'custom', from: '25:00', to: '10:00' });
    g.nodes.push({
      id: 'bb',
      type: 'indicator',
      indicator: { kind: 'bollinger', period: 20, multiplier: 2 },
      line: 'value',
    });
    const got = issues(g);
    expect(got).toContainEqual({
      path: ['nodes', 6, 'from'],
      message: 'node "lon" from: a custom window needs from as HH:MM (UTC)',
    });
    expect(got).toContainEqual({
      path: ['nodes', 7, 'line'],
      message: 'node "bb" line: bollinger has the lines upper, middle, lower',
    });
  });
});

describe('the README example', () => {
  it('is a valid graph', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = text.indexOf('```json', text.indexOf('## Strategies and backtests'));
    const json = text.slice(start + 7, text.indexOf('```', start + 7));
    expect(issues(JSON.parse(json))).toEqual([]);
  });
});

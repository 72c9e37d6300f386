import { describe, expect, it } from 'vitest';
import type { GraphNodeType, StrategyGraph } from '../../../src/core/strategy/graph';
import {
  addNode,
  autoLayout,
  type BuilderDoc,
  connect,
  connectionProblem,
  disconnect,
  emptyGraph,
  graphEdges,
  graphIssues,
  PALETTE,
  readStrategyFile,
  removeNode,
  renameNode,
  replaceParam,
  setField,
  strategyFile,
} from '../../../src/renderer/src/features/strategies/graph-model';

const item = (label: string) => {
  const found = PALETTE.flatMap((g) => g.items).find((i) => i.label === label);
  if (!found) throw new Error(label);
  return found;
};

/** Builds a two-SMA crossover the way the builder does: palette, then connections. */
function crossover(): BuilderDoc {
  let doc: BuilderDoc = { graph: emptyGraph(), positions: {} };
  for (const label of ['SMA', 'SMA', 'Crosses above', 'Enter long']) doc = addNode(doc, item(label)).doc;
  let g = setField(doc.graph, 'sma2', ['indicator', 'period'], 50);
  for (const [s, t, h] of [
    ['sma1', 'crossUp1', 'left'],
    ['sma2', 'crossUp1', 'right'],
    ['crossUp1', 'buy1', 'when'],
  ] as const) {
    const r = connect(g, s, t, h);
    if ('error' in r) throw new Error(r.error);
    g = r.graph;
  }
  return { ...doc, graph: g };
}

describe('the builder model', () => {
  it('has a palette item for every node type of the graph schema', () => {
    const types = new Set(PALETTE.flatMap((g) => g.items.map((i) => i.make('x').type)));
    const all: GraphNodeType[] = [
      'price',
      'indicator',
      'constant',
      'time-of-day',
      'weekday',
      'session',
      'position',
      'compare',
      'crosses-above',
      'crosses-below',
      'and',
      'or',
      'not',
      'rising',
      'falling',
      'highest',
      'lowest',
      'enter',
      'exit',
      'time-stop',
    ];
    expect([...types].sort()).toEqual([...all].sort());
    const kinds = PALETTE.flatMap((g) => g.items)
      .map((i) => i.make('x'))
      .flatMap((n) => (n.type === 'indicator' ? [n.indicator.kind] : []));
    expect(kinds.sort()).toEqual(['atr', 'bollinger', 'ema', 'macd', 'rsi', 'sma', 'vwap']);
  });

  it('builds a crossover that validates, with one edge per connected input', () => {
    const doc = crossover();
    expect(graphIssues(doc.graph)).toEqual([]);
    expect(graphEdges(doc.graph).map((e) => `${e.source}->${e.target}:${e.targetHandle}`)).toEqual([
      'sma1->crossUp1:left',
      'sma2->crossUp1:right',
      'crossUp1->buy1:when',
    ]);
  });

  it('shows an unconnected input and a bad number on the node they belong to', () => {
    let doc: BuilderDoc = { graph: emptyGraph(), positions: {} };
    doc = addNode(doc, item('SMA')).doc;
    doc = addNode(doc, item('Enter long')).doc;
    const g = setField(doc.graph, 'sma1', ['indicator', 'period'], 0);
    const issues = graphIssues(g);
    expect(issues).toContainEqual({ nodeId: 'buy1', field: 'when', message: 'when: not connected' });
    // The core's check runs once the shape is whole.
    const whole = connect(
      { ...g, nodes: [...g.nodes, item('Crosses above').make('c')] },
      'c',
      'buy1',
      'when',
    );
    if ('error' in whole) throw new Error(whole.error);
    const next = graphIssues(setField(setField(whole.graph, 'c', ['left'], 'sma1'), 'c', ['right'], 'sma1'));
    expect(next).toContainEqual({
      nodeId: 'sma1',
      field: 'indicator.period',
      message: 'indicator.period: must be at least 1',
    });
  });

  it('refuses connections of the wrong kind and loops, naming both ends', () => {
    const { graph } = crossover();
    expect(connectionProblem(graph, 'sma1', 'buy1', 'when')).toBe(
      'buy1 when needs a true/false value; "sma1" gives a number',
    );
    expect(connectionProblem(graph, 'buy1', 'crossUp1', 'left')).toContain('is an action');
    const withNot = { ...graph, nodes: [...graph.nodes, item('And').make('both')] };
    const a = connect(withNot, 'crossUp1', 'both', 'inputs.0');
    if ('error' in a) throw new Error(a.error);
    const loop = { ...a.graph, nodes: [...a.graph.nodes, item('Not').make('n')] };
    const b = connect(loop, 'both', 'n', 'input');
    if ('error' in b) throw new Error(b.error);
    expect(connectionProblem(b.graph, 'n', 'both', 'inputs.1')).toBe(
      'connecting "n" to "both" would make a loop',
    );
  });

  it('disconnects, removes and renames nodes with every reference following', () => {
    const doc = crossover();
    expect(disconnect(doc.graph, 'crossUp1', 'left').nodes[2]).toMatchObject({ left: '', right: 'sma2' });
    const renamed = renameNode(doc, 'sma1', 'fast');
    expect(renamed.graph.nodes[2]).toMatchObject({ left: 'fast' });
    expect(renamed.positions.fast).toEqual(doc.positions.sma1);
    const removed = removeNode(doc, 'crossUp1');
    expect(removed.graph.nodes.map((n) => n.id)).toEqual(['sma1', 'sma2', 'buy1']);
    expect(removed.graph.nodes[2]).toMatchObject({ when: '' });
  });

  it('renames a parameter in every field, or fixes its value when it is removed', () => {
    const { graph } = crossover();
    const withParam: StrategyGraph = {
      ...setField(graph, 'sma1', ['indicator', 'period'], { param: 'fast' }),
      params: [{ name: 'fast', value: 10, optimise: { min: 5, max: 30, step: 5 } }],
    };
    expect(graphIssues(withParam)).toEqual([]);
    expect(replaceParam(withParam, 'fast', 'quick').nodes[0]).toMatchObject({
      indicator: { period: { param: 'quick' } },
    });
    expect(replaceParam(withParam, 'fast', 10).nodes[0]).toMatchObject({ indicator: { period: 10 } });
    const outside = {
      ...withParam,
      params: [{ name: 'fast', value: 40, optimise: { min: 5, max: 30, step: 5 } }],
    };
    expect(graphIssues(outside)).toContainEqual({
      nodeId: null,
      field: 'params.0.value',
      message: 'params.0.value: parameter "fast": value must lie within the optimisation range',
    });
  });

  it('lays out sources left of operators left of actions', () => {
    const p = autoLayout(crossover().graph);
    expect(p.sma1!.x).toBeLessThan(p.crossUp1!.x);
    expect(p.crossUp1!.x).toBeLessThan(p.buy1!.x);
    expect(p.sma1!.y).not.toBe(p.sma2!.y);
  });

  it('reads back an exported version, and names the node and field of a bad file', () => {
    const { graph } = crossover();
    const file = JSON.stringify(strategyFile('Cross', 2, 'first', graph));
    expect(readStrategyFile(file)).toEqual({ ok: true, graph, title: 'Cross', notes: 'first' });
    expect(readStrategyFile(JSON.stringify(graph))).toMatchObject({ ok: true, graph });

    const bad = structuredClone(graph);
    (bad.nodes[1] as { indicator: { period: number } }).indicator.period = -3;
    expect(readStrategyFile(JSON.stringify({ graph: bad }))).toEqual({
      ok: false,
      errors: ['node "sma2" (nodes[1]) indicator.period: must be at least 1'],
    });
    const shape = structuredClone(graph) as unknown as { nodes: Record<string, unknown>[] };
    shape.nodes[3]!.side = 'sideways';
    const r = readStrategyFile(JSON.stringify(shape));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^node "buy1" \(nodes\[3\]\) side: /);
    expect(readStrategyFile('{ nope')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^not JSON/)],
    });
    expect(readStrategyFile('[1]')).toMatchObject({ ok: false });
  });
});

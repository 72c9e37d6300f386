/**
 * The checks a graph's shape cannot express: references, value kinds, cycles, parameters and
 * the ranges of resolved numbers. Each problem names the node and the field, so an editor can
 * show it on the node. Run by the zod schema (shared) and again by the compiler with overrides.
 */
import { indicatorLineNames } from '../indicators';
import type { GraphIndicator, GraphIssue, GraphNode, NumberOrParam, StrategyGraph } from './graph';

export type ValueKind = 'number' | 'boolean' | 'action';

/** What a node produces: a number series, a true/false series, or nothing (an action). */
export function nodeKind(node: GraphNode): ValueKind {
  switch (node.type) {
    case 'price':
    case 'indicator':
    case 'constant':
    case 'time-of-day':
    case 'weekday':
    case 'position':
    case 'highest':
    case 'lowest':
      return 'number';
    case 'session':
    case 'compare':
    case 'crosses-above':
    case 'crosses-below':
    case 'and':
    case 'or':
    case 'not':
    case 'rising':
    case 'falling':
      return 'boolean';
    case 'enter':
    case 'exit':
    case 'time-stop':
      return 'action';
  }
}

/** The node ids `node` reads, each with the field that names it. */
export function nodeInputs(node: GraphNode): { field: (string | number)[]; id: string; kind: ValueKind }[] {
  switch (node.type) {
    case 'compare':
    case 'crosses-above':
    case 'crosses-below':
      return [
        { field: ['left'], id: node.left, kind: 'number' },
        { field: ['right'], id: node.right, kind: 'number' },
      ];
    case 'and':
    case 'or':
      return node.inputs.map((id, i) => ({ field: ['inputs', i], id, kind: 'boolean' as const }));
    case 'not':
      return [{ field: ['input'], id: node.input, kind: 'boolean' }];
    case 'rising':
    case 'falling':
    case 'highest':
    case 'lowest':
      return [{ field: ['input'], id: node.input, kind: 'number' }];
    case 'enter': {
      const out: { field: (string | number)[]; id: string; kind: ValueKind }[] = [
        { field: ['when'], id: node.when, kind: 'boolean' },
      ];
      if (node.stopLoss && 'price' in node.stopLoss) {
        out.push({ field: ['stopLoss', 'price'], id: node.stopLoss.price, kind: 'number' });
      }
      if (node.takeProfit && 'price' in node.takeProfit) {
        out.push({ field: ['takeProfit', 'price'], id: node.takeProfit.price, kind: 'number' });
      }
      return out;
    }
    case 'exit':
      return [{ field: ['when'], id: node.when, kind: 'boolean' }];
    default:
      return [];
  }
}

/** The value of `n` with `params` (name -> value); undefined when the parameter does not exist. */
export function resolveNumber(n: NumberOrParam, params: ReadonlyMap<string, number>): number | undefined {
  return typeof n === 'number' ? n : params.get(n.param);
}

/** name -> value: the graph's parameters with `overrides` applied. */
export function paramValues(
  graph: StrategyGraph,
  overrides: Readonly<Record<string, number>> = {},
): Map<string, number> {
  const values = new Map<string, number>();
  for (const p of graph.params) values.set(p.name, overrides[p.name] ?? p.value);
  return values;
}

type NumberRule = { min?: number; max?: number; integer?: boolean; above?: number };

const PERIOD: NumberRule = { min: 1, max: 5000, integer: true };
const POSITIVE: NumberRule = { above: 0 };

function indicatorNumbers(ind: GraphIndicator): [string, NumberOrParam, NumberRule][] {
  switch (ind.kind) {
    case 'sma':
    case 'ema':
    case 'rsi':
    case 'atr':
      return [['period', ind.period, PERIOD]];
    case 'bollinger':
      return [
        ['period', ind.period, PERIOD],
        ['multiplier', ind.multiplier, { above: 0, max: 20 }],
      ];
    case 'macd':
      return [
        ['fast', ind.fast, PERIOD],
        ['slow', ind.slow, PERIOD],
        ['signal', ind.signal, PERIOD],
      ];
    case 'vwap':
      return [];
  }
}

function levelNumbers(
  prefix: string,
  level: NonNullable<Extract<GraphNode, { type: 'enter' }>['stopLoss']>,
): [(string | number)[], NumberOrParam, NumberRule][] {
  if ('pips' in level) return [[[prefix, 'pips'], level.pips, POSITIVE]];
  if ('atr' in level) {
    const out: [(string | number)[], NumberOrParam, NumberRule][] = [[[prefix, 'atr'], level.atr, POSITIVE]];
    if (level.period !== undefined) out.push([[prefix, 'period'], level.period, PERIOD]);
    return out;
  }
  if ('r' in level) return [[[prefix, 'r'], level.r, POSITIVE]];
  return [];
}

/** Every number field of a node with its allowed range. */
function numberFields(node: GraphNode): [(string | number)[], NumberOrParam, NumberRule][] {
  switch (node.type) {
    case 'indicator':
      return indicatorNumbers(node.indicator).map(([f, n, r]) => [['indicator', f], n, r]);
    case 'constant':
      return [[['value'], node.value, {}]];
    case 'rising':
    case 'falling':
    case 'highest':
    case 'lowest':
      return [[['bars'], node.bars, { min: 1, max: 5000, integer: true }]];
    case 'time-stop':
      return [[['bars'], node.bars, { min: 1, integer: true }]];
    case 'enter': {
      const out: [(string | number)[], NumberOrParam, NumberRule][] = [];
      if (node.order.type !== 'market') {
        out.push([['order', 'offsetPips'], node.order.offsetPips, POSITIVE]);
        if (node.order.validBars !== undefined) {
          out.push([['order', 'validBars'], node.order.validBars, { min: 1, integer: true }]);
        }
      }
      if ('lots' in node.size) out.push([['size', 'lots'], node.size.lots, { min: 0.01, max: 1000 }]);
      else out.push([['size', 'riskPct'], node.size.riskPct, { above: 0, max: 100 }]);
      if (node.stopLoss) out.push(...levelNumbers('stopLoss', node.stopLoss));
      if (node.takeProfit) out.push(...levelNumbers('takeProfit', node.takeProfit));
      if (node.trailingPips !== undefined) out.push([['trailingPips'], node.trailingPips, POSITIVE]);
      if (node.breakEvenAtR !== undefined) out.push([['breakEvenAtR'], node.breakEvenAtR, POSITIVE]);
      if (node.partialClose) {
        out.push([['partialClose', 'atR'], node.partialClose.atR, POSITIVE]);
        out.push([['partialClose', 'fraction'], node.partialClose.fraction, { above: 0, max: 0.99 }]);
      }
      return out;
    }
    default:
      return [];
  }
}

function ruleError(value: number, rule: NumberRule): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (rule.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (rule.above !== undefined && !(value > rule.above)) return `must be above ${rule.above}`;
  if (rule.min !== undefined && value < rule.min) return `must be at least ${rule.min}`;
  if (rule.max !== undefined && value > rule.max) return `must be at most ${rule.max}`;
  return null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Every problem of `graph` with the parameter `overrides` applied; empty means it compiles.
 * Shape (types, enums, required fields) is the schema's job; this assumes the shape is right.
 */
export function validateGraph(
  graph: StrategyGraph,
  overrides: Readonly<Record<string, number>> = {},
): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const byId = new Map<string, GraphNode>();
  const paramNames = new Set<string>();
  graph.params.forEach((p, i) => {
    if (paramNames.has(p.name)) {
      issues.push({
        nodeId: null,
        nodeIndex: null,
        field: ['params', i, 'name'],
        message: `parameter "${p.name}" is defined twice`,
      });
    }
    paramNames.add(p.name);
    if (p.optimise) {
      const { min, max, step } = p.optimise;
      if (!(min <= max)) {
        issues.push({
          nodeId: null,
          nodeIndex: null,
          field: ['params', i, 'optimise', 'max'],
          message: `parameter "${p.name}": max must be at least min`,
        });
      } else if (!(step > 0)) {
        issues.push({
          nodeId: null,
          nodeIndex: null,
          field: ['params', i, 'optimise', 'step'],
          message: `parameter "${p.name}": step must be above 0`,
        });
      } else if (p.value < min || p.value > max) {
        issues.push({
          nodeId: null,
          nodeIndex: null,
          field: ['params', i, 'value'],
          message: `parameter "${p.name}": value must lie within the optimisation range`,
        });
      }
    }
  });
  for (const name of Object.keys(overrides)) {
    if (!paramNames.has(name)) {
      issues.push({
        nodeId: null,
        nodeIndex: null,
        field: ['params'],
        message: `there is no parameter "${name}" to set`,
      });
    }
  }
  const values = paramValues(graph, overrides);
  graph.nodes.forEach((node, nodeIndex) => {
    if (byId.has(node.id)) {
      issues.push({
        nodeId: node.id,
        nodeIndex,
        field: ['id'],
        message: `node id "${node.id}" is used twice`,
      });
    } else byId.set(node.id, node);
  });
  let entries = 0;
  graph.nodes.forEach((node, nodeIndex) => {
    const at = (field: (string | number)[], message: string) =>
      issues.push({
        nodeId: node.id,
        nodeIndex,
        field,
        message: `node "${node.id}" ${field.join('.')}: ${message}`,
      });
    for (const input of nodeInputs(node)) {
      const target = byId.get(input.id);
      if (!target) at(input.field, `no node "${input.id}"`);
      else if (nodeKind(target) !== input.kind) {
        at(input.field, `"${input.id}" is ${article(nodeKind(target))}, ${article(input.kind)} is needed`);
      }
    }
    for (const [field, n, rule] of numberFields(node)) {
      const value = resolveNumber(n, values);
      if (value === undefined) {
        at(field, `no parameter "${(n as { param: string }).param}"`);
        continue;
      }
      const error = ruleError(value, rule);
      if (error) at(field, typeof n === 'number' ? error : `parameter "${n.param}" = ${value} ${error}`);
    }
    if (node.type === 'indicator') {
      const lines = indicatorLineNames(node.indicator.kind);
      if (node.line !== undefined && !lines.includes(node.line)) {
        at(['line'], `${node.indicator.kind} has the lines ${lines.join(', ')}`);
      }
      if (node.indicator.kind === 'macd') {
        const fast = resolveNumber(node.indicator.fast, values);
        const slow = resolveNumber(node.indicator.slow, values);
        if (fast !== undefined && slow !== undefined && !(fast < slow)) {
          at(['indicator', 'fast'], 'the fast period must be shorter than the slow period');
        }
      }
    }
    if (
      node.type === 'price' &&
      node.offset !== undefined &&
      !(Number.isInteger(node.offset) && node.offset >= 0 && node.offset <= 5000)
    ) {
      at(['offset'], 'must be a whole number from 0 to 5000');
    }
    if (node.type === 'session') {
      if (node.window === 'custom') {
        if (!node.from || !HHMM.test(node.from)) at(['from'], 'a custom window needs from as HH:MM (UTC)');
        if (!node.to || !HHMM.test(node.to)) at(['to'], 'a custom window needs to as HH:MM (UTC)');
        if (node.from && node.from === node.to) at(['to'], 'must differ from from');
      } else if (node.from !== undefined || node.to !== undefined) {
        at(['window'], 'from and to are only for a custom window');
      }
    }
    if (node.type === 'and' || node.type === 'or') {
      if (node.inputs.length < 2) at(['inputs'], 'needs at least two inputs');
    }
    if (node.type === 'enter') {
      entries++;
      const hasSl = node.stopLoss !== undefined;
      if (node.stopLoss && 'r' in node.stopLoss)
        at(['stopLoss', 'r'], 'a stop-loss cannot be a multiple of R');
      if (!hasSl && 'riskPct' in node.size) at(['size', 'riskPct'], 'sizing by risk needs a stop-loss');
      if (!hasSl && node.takeProfit && 'r' in node.takeProfit)
        at(['takeProfit', 'r'], 'a take-profit in R needs a stop-loss');
      if (!hasSl && node.breakEvenAtR !== undefined)
        at(['breakEvenAtR'], 'break-even at R needs a stop-loss');
      if (!hasSl && node.partialClose) at(['partialClose', 'atR'], 'a partial close at R needs a stop-loss');
    }
  });
  if (entries === 0)
    issues.push({
      nodeId: null,
      nodeIndex: null,
      field: ['nodes'],
      message: 'the graph needs at least one enter node',
    });
  const cycle = findCycle(graph.nodes, byId);
  if (cycle) {
    const nodeIndex = graph.nodes.findIndex((n) => n.id === cycle[0]);
    issues.push({
      nodeId: cycle[0]!,
      nodeIndex,
      field: [],
      message: `node "${cycle[0]}" depends on itself: ${cycle.join(' -> ')}`,
    });
  }
  return issues;
}

function article(kind: ValueKind): string {
  return kind === 'number' ? 'a number' : kind === 'boolean' ? 'a true/false value' : 'an action';
}

function findCycle(nodes: readonly GraphNode[], byId: ReadonlyMap<string, GraphNode>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const s = state.get(id);
    if (s === 2) return null;
    if (s === 1) return [...stack.slice(stack.indexOf(id)), id];
    const node = byId.get(id);
    if (!node) return null;
    state.set(id, 1);
    stack.push(id);
    for (const input of nodeInputs(node)) {
      const found = visit(input.id);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 2);
    return null;
  };
  for (const node of nodes) {
    const found = visit(node.id);
    if (found) return found;
  }
  return null;
}

/** Node ids in an order where every node comes after its inputs (the graph must be valid). */
export function topologicalOrder(nodes: readonly GraphNode[]): GraphNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const out: GraphNode[] = [];
  const visit = (node: GraphNode) => {
    if (done.has(node.id)) return;
    done.add(node.id);
    for (const input of nodeInputs(node)) {
      const target = byId.get(input.id);
      if (target) visit(target);
    }
    out.push(node);
  };
  for (const node of nodes) visit(node);
  return out;
}

import { z } from 'zod';
import type { GraphIssue, StrategyGraph } from '../../core/strategy/graph';
import { validateGraph } from '../../core/strategy/validate';
import { TIMEFRAMES } from '../timeframes';

/**
 * The zod schema of a strategy's `graph_json` (the plain types are src/core/strategy/graph.ts; a
 * type test keeps them identical). The shape is checked here; references, value kinds, cycles
 * and number ranges by the core's validateGraph, whose messages start with the node id and whose
 * issue paths are ['nodes', index, ...field].
 */

const id = z.string().trim().min(1).max(64);
const num = z.union([z.number(), z.object({ param: z.string().min(1).max(64) }).strict()]);
const source = z.enum(['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4']).optional();

const indicator = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sma'), period: num, source }).strict(),
  z.object({ kind: z.literal('ema'), period: num, source }).strict(),
  z.object({ kind: z.literal('bollinger'), period: num, multiplier: num, source }).strict(),
  z.object({ kind: z.literal('rsi'), period: num, source }).strict(),
  z.object({ kind: z.literal('macd'), fast: num, slow: num, signal: num, source }).strict(),
  z.object({ kind: z.literal('atr'), period: num }).strict(),
  z.object({ kind: z.literal('vwap'), anchor: z.enum(['day', 'week', 'none']) }).strict(),
]);

const level = z.union([
  z.object({ pips: num }).strict(),
  z.object({ price: id }).strict(),
  z.object({ atr: num, period: num.optional() }).strict(),
  z.object({ r: num }).strict(),
]);

const entryOrder = z.union([
  z.object({ type: z.literal('market') }).strict(),
  z.object({ type: z.enum(['limit', 'stop']), offsetPips: num, validBars: num.optional() }).strict(),
]);

const node = z.discriminatedUnion('type', [
  z
    .object({
      id,
      type: z.literal('price'),
      field: z.enum(['open', 'high', 'low', 'close', 'volume']),
      offset: z.number().optional(),
    })
    .strict(),
  z.object({ id, type: z.literal('indicator'), indicator, line: z.string().optional() }).strict(),
  z.object({ id, type: z.literal('constant'), value: num }).strict(),
  z.object({ id, type: z.literal('time-of-day') }).strict(),
  z.object({ id, type: z.literal('weekday') }).strict(),
  z
    .object({
      id,
      type: z.literal('session'),
      window: z.enum(['sydney', 'tokyo', 'london', 'new-york', 'custom']),
      from: z.string().optional(),
      to: z.string().optional(),
    })
    .strict(),
  z
    .object({
      id,
      type: z.literal('position'),
      field: z.enum(['side', 'lots', 'bars-held', 'open-pnl-cents', 'open-pnl-pips', 'open-r']),
    })
    .strict(),
  z
    .object({
      id,
      type: z.literal('compare'),
      op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
      left: id,
      right: id,
    })
    .strict(),
  z.object({ id, type: z.literal('crosses-above'), left: id, right: id }).strict(),
  z.object({ id, type: z.literal('crosses-below'), left: id, right: id }).strict(),
  z.object({ id, type: z.literal('and'), inputs: z.array(id).max(32) }).strict(),
  z.object({ id, type: z.literal('or'), inputs: z.array(id).max(32) }).strict(),
  z.object({ id, type: z.literal('not'), input: id }).strict(),
  z.object({ id, type: z.literal('rising'), input: id, bars: num }).strict(),
  z.object({ id, type: z.literal('falling'), input: id, bars: num }).strict(),
  z.object({ id, type: z.literal('highest'), input: id, bars: num }).strict(),
  z.object({ id, type: z.literal('lowest'), input: id, bars: num }).strict(),
  z
    .object({
      id,
      type: z.literal('enter'),
      side: z.enum(['long', 'short']),
      when: id,
      order: entryOrder,
      size: z.union([z.object({ lots: num }).strict(), z.object({ riskPct: num }).strict()]),
      stopLoss: level.optional(),
      takeProfit: level.optional(),
      trailingPips: num.optional(),
      breakEvenAtR: num.optional(),
      partialClose: z.object({ atR: num, fraction: num }).strict().optional(),
    })
    .strict(),
  z
    .object({ id, type: z.literal('exit'), when: id, side: z.enum(['long', 'short', 'both']).optional() })
    .strict(),
  z.object({ id, type: z.literal('time-stop'), bars: num }).strict(),
]);

const param = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a name like fastPeriod'),
    value: z.number(),
    optimise: z.object({ min: z.number(), max: z.number(), step: z.number() }).strict().optional(),
  })
  .strict();

/** Where an issue sits in the graph object: ['nodes', i, ...field] for a node, else the field. */
export function issuePath(issue: GraphIssue): (string | number)[] {
  if (issue.nodeIndex === null) return issue.field;
  return ['nodes', issue.nodeIndex, ...issue.field];
}

/** The shape alone (no cross-node checks): what the type test compares with the core's types. */
export const strategyGraphShape = z
  .object({
    version: z.literal(1),
    timeframe: z.enum(TIMEFRAMES),
    params: z.array(param).max(64).default([]),
    nodes: z.array(node).min(1).max(500),
  })
  .strict();

/** A whole, valid graph: the shape, then every cross-node check of the core. */
export const strategyGraphSchema = strategyGraphShape.superRefine((graph, ctx) => {
  const g = graph as StrategyGraph;
  for (const issue of validateGraph(g)) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issuePath(issue) });
  }
});

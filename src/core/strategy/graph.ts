/**
 * A strategy as data: the rule graph a version stores in `graph_json`. Plain types only; the
 * zod schema that checks what a client sends lives in src/shared/contract/strategy-graph.ts and
 * a type test keeps the two identical.
 *
 * Nodes name their inputs by node id. Sources and operators are numeric or boolean series;
 * actions read booleans (and, for a stop at a price, a number). The graph is evaluated once at
 * the close of each bar of its timeframe, from closed bars only.
 */
import type { PriceSource } from '../indicators/source';
import type { Timeframe } from '../market/timeframes';

/** A number, or the name of a parameter in `params` (so it can be optimised). */
export type NumberOrParam = number | { param: string };

/** A tunable number. `optimise` marks it for optimisation over [min, max] by `step`. */
export interface StrategyParam {
  name: string;
  value: number;
  optimise?: { min: number; max: number; step: number };
}

export type PriceField = 'open' | 'high' | 'low' | 'close' | 'volume';

/** The app's indicators (src/core/indicators), with numbers that may be parameters. */
export type GraphIndicator =
  | { kind: 'sma'; period: NumberOrParam; source?: PriceSource }
  | { kind: 'ema'; period: NumberOrParam; source?: PriceSource }
  | { kind: 'bollinger'; period: NumberOrParam; multiplier: NumberOrParam; source?: PriceSource }
  | { kind: 'rsi'; period: NumberOrParam; source?: PriceSource }
  | { kind: 'macd'; fast: NumberOrParam; slow: NumberOrParam; signal: NumberOrParam; source?: PriceSource }
  | { kind: 'atr'; period: NumberOrParam }
  | { kind: 'vwap'; anchor: 'day' | 'week' | 'none' };

/** Trading-session windows in UTC (wrapping midnight allowed). */
export type SessionWindowName = 'sydney' | 'tokyo' | 'london' | 'new-york' | 'custom';

export type PositionField = 'side' | 'lots' | 'bars-held' | 'open-pnl-cents' | 'open-pnl-pips' | 'open-r';

export type CompareOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

// ------------------------------------------------------------------ sources (series)

export interface PriceNode {
  id: string;
  type: 'price';
  field: PriceField;
  /** Bars back: 0 = the bar just closed, 1 = the one before. */
  offset?: number;
}
export interface IndicatorNode {
  id: string;
  type: 'indicator';
  indicator: GraphIndicator;
  /** Which line: `value` for single-line indicators; upper/middle/lower; macd/signal/histogram. */
  line?: string;
}
export interface ConstantNode {
  id: string;
  type: 'constant';
  value: NumberOrParam;
}
/** Minutes after 00:00 UTC of the closed bar's open time (0-1439). */
export interface TimeOfDayNode {
  id: string;
  type: 'time-of-day';
}
/** Weekday of the closed bar's open time, UTC: 0 = Sunday ... 6 = Saturday. */
export interface WeekdayNode {
  id: string;
  type: 'weekday';
}
/** True while the closed bar's open time is inside the window (UTC, `HH:MM`, end excluded). */
export interface SessionNode {
  id: string;
  type: 'session';
  window: SessionWindowName;
  from?: string;
  to?: string;
}
/** The strategy's open position: side (1 long, -1 short, 0 flat), lots, bars held, open P&L, R. */
export interface PositionNode {
  id: string;
  type: 'position';
  field: PositionField;
}

// ------------------------------------------------------------------ operators

export interface CompareNode {
  id: string;
  type: 'compare';
  op: CompareOp;
  left: string;
  right: string;
}
export interface CrossNode {
  id: string;
  type: 'crosses-above' | 'crosses-below';
  left: string;
  right: string;
}
export interface LogicNode {
  id: string;
  type: 'and' | 'or';
  inputs: string[];
}
export interface NotNode {
  id: string;
  type: 'not';
  input: string;
}
/** True when the input rose (fell) on each of the last `bars` bars. */
export interface TrendNode {
  id: string;
  type: 'rising' | 'falling';
  input: string;
  bars: NumberOrParam;
}
/** Highest (lowest) value of the input over the last `bars` bars, this one included. */
export interface ExtremeNode {
  id: string;
  type: 'highest' | 'lowest';
  input: string;
  bars: NumberOrParam;
}

// ------------------------------------------------------------------ actions

/** A distance or a level: pips from the entry, a price from a node, or a multiple of ATR. */
export type LevelSpec =
  | { pips: NumberOrParam }
  | { price: string }
  | { atr: NumberOrParam; period?: NumberOrParam }
  /** Take-profit only: a multiple of the initial risk (needs a stop-loss). */
  | { r: NumberOrParam };

export type EntryOrder =
  | { type: 'market' }
  /** Limit: better than the market by `offsetPips`; stop: worse by `offsetPips`. */
  | { type: 'limit' | 'stop'; offsetPips: NumberOrParam; validBars?: NumberOrParam };

export type SizeSpec = { lots: NumberOrParam } | { riskPct: NumberOrParam };

export interface EnterNode {
  id: string;
  type: 'enter';
  side: 'long' | 'short';
  when: string;
  order: EntryOrder;
  size: SizeSpec;
  stopLoss?: LevelSpec;
  takeProfit?: LevelSpec;
  /** Trailing stop distance, pips. */
  trailingPips?: NumberOrParam;
  /** Move the stop-loss to the entry once the open profit reaches this many R. */
  breakEvenAtR?: NumberOrParam;
  /** Close `fraction` (0-1) of the position once the open profit reaches `atR`. */
  partialClose?: { atR: NumberOrParam; fraction: NumberOrParam };
}
export interface ExitNode {
  id: string;
  type: 'exit';
  when: string;
  side?: 'long' | 'short' | 'both';
}
/** Closes a position held for `bars` bars of the strategy's timeframe. */
export interface TimeStopNode {
  id: string;
  type: 'time-stop';
  bars: NumberOrParam;
}

export type SourceNode =
  | PriceNode
  | IndicatorNode
  | ConstantNode
  | TimeOfDayNode
  | WeekdayNode
  | SessionNode
  | PositionNode;
export type OperatorNode = CompareNode | CrossNode | LogicNode | NotNode | TrendNode | ExtremeNode;
export type ActionNode = EnterNode | ExitNode | TimeStopNode;
export type GraphNode = SourceNode | OperatorNode | ActionNode;
export type GraphNodeType = GraphNode['type'];

export interface StrategyGraph {
  version: 1;
  /** The timeframe whose bar closes the strategy decides at (at or above the data's). */
  timeframe: Timeframe;
  params: StrategyParam[];
  nodes: GraphNode[];
}

/** A problem in a graph, pointing at the node (or null for the graph) and the field. */
export interface GraphIssue {
  nodeId: string | null;
  /** Position of that node in `nodes` (two nodes may share a bad id). */
  nodeIndex: number | null;
  /** Path inside the node (or the graph when nodeId is null), e.g. ['stopLoss', 'atr']. */
  field: (string | number)[];
  message: string;
}

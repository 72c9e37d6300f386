/**
 * The strategy evaluator: a valid graph compiled to a function called once at the close of each
 * bar of the strategy's timeframe, with that closed bar. It reads closed bars only (the caller
 * never hands it a forming bar) and acts through the ExecutionEngine's public trader actions,
 * so fills, costs and risk rules are exactly a trader's. Values are numbers; a boolean is 1 or
 * 0, and NaN means "not known yet" (an indicator warming up): every comparison with NaN is false.
 *
 * Per close, in this order: node values (inputs first), then the position management of each
 * enter node (time stop, break-even, partial close), exits, expiry of unfilled entry orders,
 * and entries. An enter node acts when its condition is true, no position of its side is open
 * and none of its orders is pending; a position of the other side is closed first (a reversal).
 *
 * Why this file stays whole (~690 lines): `compileStrategy` compiles every node into closures over
 * one shared per-run state (node values, each enter node's orders and positions, the bar index),
 * and the per-close order above is the contract; split by node kind, each part would need that
 * state handed to it and the order would live in no single place.
 */
import type { ExecutionEngine } from '../execution/engine';
import type { Order, Position } from '../execution/types';
import {
  atrKernel,
  emaKernel,
  type IndicatorKernel,
  type IndicatorLines,
  type IndicatorSpec,
  indicatorKernel,
  type PriceSource,
  priceOf,
  rsiKernel,
  smaKernel,
  vwapKernel,
} from '../indicators';
import type { Candle } from '../market/candle';
import type {
  EnterNode,
  GraphIndicator,
  GraphNode,
  LevelSpec,
  NumberOrParam,
  SessionWindowName,
  StrategyGraph,
} from './graph';
import { paramValues, resolveNumber, topologicalOrder, validateGraph } from './validate';

/** UTC minutes [from, to) of the named windows (the usual FX session hours, without DST). */
export const SESSION_WINDOWS: Record<Exclude<SessionWindowName, 'custom'>, [number, number]> = {
  sydney: [21 * 60, 6 * 60],
  tokyo: [0, 9 * 60],
  london: [7 * 60, 16 * 60],
  'new-york': [12 * 60, 21 * 60],
};

/** A rejected strategy action: the engine's reason, when, and which node. */
export interface StrategyRejection {
  ts: number;
  nodeId: string;
  reason: string;
}

export interface CompiledStrategy {
  /** Evaluate at the close of `bar` (a closed bar of the strategy's timeframe, prices in units). */
  onBarClose(bar: Candle): void;
  /** Strategy bars evaluated so far. */
  readonly bars: number;
  readonly rejections: StrategyRejection[];
  /** Stop-loss (points) each position had at entry, by position id (partial parts by parent). */
  readonly initialSlPts: ReadonlyMap<string, number>;
  /** Values of the nodes at the last close, by id (for tests and the builder's preview). */
  values(): Record<string, number>;
}

export class GraphError extends Error {
  constructor(readonly issues: ReturnType<typeof validateGraph>) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'GraphError';
  }
}

interface TrackedPosition {
  position: Position;
  node: EnterNode;
  plan: EnterPlan;
  riskPts: number;
  barsHeld: number;
  breakEvenDone: boolean;
  partialDone: boolean;
}

interface EnterPlan {
  node: EnterNode;
  when: number;
  dir: 1 | -1;
  lots: number;
  riskPct: number;
  orderType: 'MARKET' | 'LIMIT' | 'STOP';
  offsetPts: number;
  validBars: number;
  sl: LevelPlan | null;
  tp: LevelPlan | null;
  trailingPts: number;
  breakEvenAtR: number;
  partialAtR: number;
  partialFraction: number;
  /** The order comment, built once: `strategy:<node id>`. */
  comment: string;
  pending: { order: Order; age: number } | null;
}

type LevelPlan =
  | { kind: 'pts'; pts: number }
  | { kind: 'price'; index: number }
  | { kind: 'atr'; mult: number; atr: number }
  | { kind: 'r'; r: number };

const MINUTES_PER_DAY = 1440;

/** Compiles `graph` for `engine`; throws GraphError when it is not valid with these parameters. */
export function compileStrategy(
  graph: StrategyGraph,
  engine: ExecutionEngine,
  overrides: Readonly<Record<string, number>> = {},
): CompiledStrategy {
  const issues = validateGraph(graph, overrides);
  if (issues.length > 0) throw new GraphError(issues);
  const params = paramValues(graph, overrides);
  const num = (n: NumberOrParam): number => resolveNumber(n, params)!;
  const order = topologicalOrder(graph.nodes);
  const index = new Map<string, number>();
  for (let i = 0; i < order.length; i++) index.set(order[i]!.id, i);
  const vals = new Float64Array(order.length).fill(Number.NaN);
  const pipPts = engine.pipPts;
  const scale = engine.scale;

  // History rings: a node another node looks back on keeps its last `size` values.
  const lookback = new Int32Array(order.length);
  const need = (id: string, bars: number) => {
    const i = index.get(id)!;
    if (bars > lookback[i]!) lookback[i] = bars;
  };
  for (const node of order) {
    if (node.type === 'crosses-above' || node.type === 'crosses-below') {
      need(node.left, 1);
      need(node.right, 1);
    } else if (node.type === 'rising' || node.type === 'falling') need(node.input, num(node.bars));
    else if (node.type === 'highest' || node.type === 'lowest') need(node.input, num(node.bars) - 1);
  }
  const rings: (Float64Array | null)[] = order.map((_, i) =>
    lookback[i]! > 0 ? new Float64Array(lookback[i]! + 1).fill(Number.NaN) : null,
  );
  let barCount = 0;
  /** The value of node `i` `k` bars ago (k <= its lookback). */
  const past = (i: number, k: number): number => {
    const ring = rings[i]!;
    return barCount - k < 1 ? Number.NaN : ring[(barCount - k) % ring.length]!;
  };

  const tracked: TrackedPosition[] = [];
  const rejections: StrategyRejection[] = [];
  const initialSlPts = new Map<string, number>();
  const atrKernels = new Map<
    number,
    { kernel: IndicatorKernel<unknown, IndicatorLines>; state: unknown; value: number }
  >();
  const atrFor = (period: number) => {
    let k = atrKernels.get(period);
    if (!k) {
      const kernel = indicatorKernel({ kind: 'atr', period });
      k = { kernel, state: kernel.init(), value: Number.NaN };
      atrKernels.set(period, k);
    }
    return k;
  };
  const levelPlan = (level: LevelSpec | undefined): LevelPlan | null => {
    if (!level) return null;
    if ('pips' in level) return { kind: 'pts', pts: num(level.pips) * pipPts };
    if ('price' in level) return { kind: 'price', index: index.get(level.price)! };
    if ('atr' in level) {
      const period = level.period === undefined ? 14 : num(level.period);
      atrFor(period);
      return { kind: 'atr', mult: num(level.atr), atr: period };
    }
    return { kind: 'r', r: num(level.r) };
  };

  // ------------------------------------------------------------ node steps
  let bar: Candle = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  // The commonest nodes are evaluated by one switch over op codes (no call per node); the rest
  // through their step closures.
  const ops = new Int32Array(order.length);
  const left = new Int32Array(order.length);
  const right = new Int32Array(order.length);
  const smas: (SmaState | null)[] = order.map(() => null);
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    ops[i] = OP_STEP;
    if (node.type === 'compare' || node.type === 'crosses-above' || node.type === 'crosses-below') {
      ops[i] =
        node.type === 'compare' ? COMPARE_OPS[node.op] : node.type === 'crosses-above' ? OP_UP : OP_DOWN;
      left[i] = index.get(node.left)!;
      right[i] = index.get(node.right)!;
    } else if (node.type === 'indicator' && node.indicator.kind === 'sma') {
      const spec = resolveIndicator(node.indicator, num);
      smas[i] = smaState(
        spec.kind === 'sma' ? spec.period : 0,
        spec.kind === 'sma' ? (spec.source ?? 'close') : 'close',
      );
      ops[i] = OP_SMA;
    } else if (node.type === 'price' && (node.offset ?? 0) === 0 && node.field === 'close') ops[i] = OP_CLOSE;
    else if (node.type === 'enter' || node.type === 'exit' || node.type === 'time-stop') ops[i] = OP_NONE;
  }
  const steps: ((() => void) | null)[] = order.map((node, slot) =>
    ops[slot] === OP_STEP ? stepFor(node, slot) : null,
  );
  const plans: EnterPlan[] = [];
  const exits: { when: number; side: 'long' | 'short' | 'both'; id: string }[] = [];
  const timeStops: number[] = [];
  for (const node of order) {
    if (node.type === 'enter') {
      plans.push({
        node,
        when: index.get(node.when)!,
        dir: node.side === 'long' ? 1 : -1,
        lots: 'lots' in node.size ? num(node.size.lots) : 0,
        riskPct: 'riskPct' in node.size ? num(node.size.riskPct) : 0,
        orderType: node.order.type === 'market' ? 'MARKET' : node.order.type === 'limit' ? 'LIMIT' : 'STOP',
        offsetPts: node.order.type === 'market' ? 0 : num(node.order.offsetPips) * pipPts,
        validBars:
          node.order.type === 'market'
            ? 1
            : node.order.validBars === undefined
              ? 1
              : num(node.order.validBars),
        sl: levelPlan(node.stopLoss),
        tp: levelPlan(node.takeProfit),
        trailingPts: node.trailingPips === undefined ? 0 : num(node.trailingPips) * pipPts,
        breakEvenAtR: node.breakEvenAtR === undefined ? 0 : num(node.breakEvenAtR),
        partialAtR: node.partialClose ? num(node.partialClose.atR) : 0,
        partialFraction: node.partialClose ? num(node.partialClose.fraction) : 0,
        comment: `strategy:${node.id}`,
        pending: null,
      });
    } else if (node.type === 'exit') {
      exits.push({ when: index.get(node.when)!, side: node.side ?? 'both', id: node.id });
    } else if (node.type === 'time-stop') timeStops.push(num(node.bars));
  }
  // An array, not the map's iterator: nothing is allocated per bar.
  const atrList = [...atrKernels.values()];
  const timeStopBars = timeStops.length > 0 ? Math.min(...timeStops) : 0;

  /**
   * Node `slot`'s step: computes the node's value at this close and stores it in `vals[slot]`.
   * Steps store rather than return: the steps are called through one megamorphic site, where a
   * returned fractional number would be boxed on the heap, twice per indicator per bar.
   */
  function stepFor(node: GraphNode, slot: number): () => void {
    switch (node.type) {
      case 'price': {
        const field = node.field;
        const offset = node.offset ?? 0;
        if (offset === 0) {
          return () => {
            vals[slot] = bar[field];
          };
        }
        const ring = new Float64Array(offset + 1).fill(Number.NaN);
        return () => {
          ring[barCount % ring.length] = bar[field];
          vals[slot] = barCount - offset < 1 ? Number.NaN : ring[(barCount - offset) % ring.length]!;
        };
      }
      case 'indicator': {
        const spec = resolveIndicator(node.indicator, num);
        const single = singleLineKernel(spec);
        if (single) {
          // Single-line kernels give a plain number: nothing allocated per bar.
          const state = single.init();
          return () => {
            const v = single.peek(state, bar);
            single.commit(state, bar);
            vals[slot] = v === null ? Number.NaN : v;
          };
        }
        const kernel = indicatorKernel(spec);
        const state = kernel.init();
        const line = node.line ?? (node.indicator.kind === 'bollinger' ? 'middle' : 'macd');
        return () => {
          const v = kernel.peek(state, bar);
          kernel.commit(state, bar);
          const x = v === null ? null : v[line];
          vals[slot] = x === null || x === undefined ? Number.NaN : x;
        };
      }
      case 'constant': {
        const v = num(node.value);
        return () => {
          vals[slot] = v;
        };
      }
      case 'time-of-day':
        return () => {
          vals[slot] = ((Math.floor(bar.ts / 60) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
        };
      case 'weekday':
        // 1970-01-01 was a Thursday (4).
        return () => {
          vals[slot] = (((Math.floor(bar.ts / 86_400) + 4) % 7) + 7) % 7;
        };
      case 'session': {
        const [from, to] =
          node.window === 'custom' ? [minutes(node.from!), minutes(node.to!)] : SESSION_WINDOWS[node.window];
        return () => {
          const m = ((Math.floor(bar.ts / 60) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
          vals[slot] = (from < to ? m >= from && m < to : m >= from || m < to) ? 1 : 0;
        };
      }
      case 'position': {
        const field = node.field;
        return () => {
          vals[slot] = positionValue(field);
        };
      }
      case 'compare': {
        const l = index.get(node.left)!;
        const r = index.get(node.right)!;
        switch (node.op) {
          case '>':
            return () => {
              vals[slot] = vals[l]! > vals[r]! ? 1 : 0;
            };
          case '>=':
            return () => {
              vals[slot] = vals[l]! >= vals[r]! ? 1 : 0;
            };
          case '<':
            return () => {
              vals[slot] = vals[l]! < vals[r]! ? 1 : 0;
            };
          case '<=':
            return () => {
              vals[slot] = vals[l]! <= vals[r]! ? 1 : 0;
            };
          case '==':
            return () => {
              vals[slot] = vals[l]! === vals[r]! ? 1 : 0;
            };
          case '!=':
            // NaN is not known: "not equal" to an unknown value is not true either.
            return () => {
              vals[slot] =
                !Number.isNaN(vals[l]!) && !Number.isNaN(vals[r]!) && vals[l]! !== vals[r]! ? 1 : 0;
            };
        }
        break;
      }
      case 'crosses-above':
      case 'crosses-below': {
        const l = index.get(node.left)!;
        const r = index.get(node.right)!;
        if (node.type === 'crosses-above')
          return () => {
            vals[slot] = vals[l]! > vals[r]! && past(l, 1) <= past(r, 1) ? 1 : 0;
          };
        return () => {
          vals[slot] = vals[l]! < vals[r]! && past(l, 1) >= past(r, 1) ? 1 : 0;
        };
      }
      case 'and': {
        const ins = node.inputs.map((id) => index.get(id)!);
        return () => {
          let all = 1;
          for (let k = 0; k < ins.length; k++) if (vals[ins[k]!]! !== 1) all = 0;
          vals[slot] = all;
        };
      }
      case 'or': {
        const ins = node.inputs.map((id) => index.get(id)!);
        return () => {
          let any = 0;
          for (let k = 0; k < ins.length; k++) if (vals[ins[k]!]! === 1) any = 1;
          vals[slot] = any;
        };
      }
      case 'not': {
        const i = index.get(node.input)!;
        return () => {
          vals[slot] = vals[i]! === 0 ? 1 : 0;
        };
      }
      case 'rising':
      case 'falling': {
        const i = index.get(node.input)!;
        const n = num(node.bars);
        const up = node.type === 'rising';
        return () => {
          let later = vals[i]!;
          let holds = 1;
          for (let k = 1; k <= n && holds === 1; k++) {
            const earlier = past(i, k);
            if (!(up ? later > earlier : later < earlier)) holds = 0;
            later = earlier;
          }
          vals[slot] = holds;
        };
      }
      case 'highest':
      case 'lowest': {
        const i = index.get(node.input)!;
        const n = num(node.bars);
        const high = node.type === 'highest';
        return () => {
          let best = vals[i]!;
          for (let k = 1; k < n; k++) {
            const v = past(i, k);
            if (Number.isNaN(v)) {
              best = Number.NaN;
              break;
            }
            if (high ? v > best : v < best) best = v;
          }
          vals[slot] = best;
        };
      }
      case 'enter':
      case 'exit':
      case 'time-stop':
        return () => {
          vals[slot] = Number.NaN;
        };
    }
  }

  // ------------------------------------------------------------ positions

  function openR(t: TrackedPosition): number {
    if (!(t.riskPts > 0)) return Number.NaN;
    const p = t.position;
    return p.side === 'BUY'
      ? (engine.bidPts - p.entryPts) / t.riskPts
      : (p.entryPts - engine.askPts) / t.riskPts;
  }

  function positionValue(field: string): number {
    let side = 0;
    let lots = 0;
    let held = 0;
    let cents = 0;
    let pips = 0;
    let r = Number.NaN;
    for (let k = 0; k < tracked.length; k++) {
      const t = tracked[k]!;
      const p = t.position;
      const long = p.side === 'BUY';
      side = long ? 1 : -1;
      lots += p.lots;
      if (t.barsHeld > held) held = t.barsHeld;
      cents += Math.round(engine.positionOpenPnl(p) * 100);
      pips += (long ? engine.bidPts - p.entryPts : p.entryPts - engine.askPts) / pipPts;
      if (Number.isNaN(r)) r = openR(t);
    }
    switch (field) {
      case 'side':
        return side;
      case 'lots':
        return lots;
      case 'bars-held':
        return held;
      case 'open-pnl-cents':
        return cents;
      case 'open-pnl-pips':
        return pips;
      default:
        return r;
    }
  }

  /** Drops positions the engine closed (SL, TP, stop-out) and adopts filled entry orders. */
  function syncPositions(): void {
    for (let k = tracked.length - 1; k >= 0; k--) {
      if (tracked[k]!.position.status !== 'OPEN') tracked.splice(k, 1);
    }
    for (const plan of plans) {
      const pending = plan.pending;
      if (!pending || pending.order.status === 'PENDING') continue;
      plan.pending = null;
      if (pending.order.status === 'FILLED') adopt(plan, pending.order, true);
    }
  }

  function adopt(plan: EnterPlan, order: Order, sinceLastClose: boolean): void {
    const id = order.positionId;
    if (id === null) return;
    let position: Position | undefined;
    for (let k = 0; k < engine.open.length; k++) if (engine.open[k]!.id === id) position = engine.open[k];
    if (order.slPts !== null) initialSlPts.set(id, order.slPts);
    if (!position) return; // already closed inside the bar it filled in
    tracked.push({
      position,
      node: plan.node,
      plan,
      riskPts: order.slPts === null ? 0 : Math.abs(position.entryPts - order.slPts),
      barsHeld: sinceLastClose ? 0 : -1,
      breakEvenDone: false,
      partialDone: false,
    });
  }

  function reject(node: GraphNode, reason: string): void {
    rejections.push({ ts: engine.cursorTs, nodeId: node.id, reason });
  }

  function manage(): void {
    for (let k = 0; k < tracked.length; k++) tracked[k]!.barsHeld++;
    for (let k = tracked.length - 1; k >= 0; k--) {
      const t = tracked[k]!;
      const p = t.position;
      const plan = t.plan;
      if (timeStopBars > 0 && t.barsHeld >= timeStopBars) {
        engine.closePosition(p.id);
        continue;
      }
      if (plan.breakEvenAtR > 0 && !t.breakEvenDone && openR(t) >= plan.breakEvenAtR) {
        t.breakEvenDone = true;
        const moved = engine.modifyPosition(p.id, { sl: engine.price(p.entryPts) });
        if (!moved.ok) reject(t.node, moved.reason);
      }
      if (plan.partialAtR > 0 && !t.partialDone && openR(t) >= plan.partialAtR) {
        t.partialDone = true;
        const lots = Math.floor((p.lots * plan.partialFraction) / 0.01 + 1e-9) * 0.01;
        const rounded = Math.round(lots * 100) / 100;
        if (rounded >= 0.01 && rounded < p.lots - 1e-9) {
          const cut = engine.closePosition(p.id, rounded);
          if (cut.ok && initialSlPts.has(p.id)) initialSlPts.set(cut.value.id, initialSlPts.get(p.id)!);
        }
      }
    }
    for (let k = tracked.length - 1; k >= 0; k--)
      if (tracked[k]!.position.status !== 'OPEN') tracked.splice(k, 1);
  }

  function closeSide(dir: 1 | -1 | 0): void {
    for (let k = tracked.length - 1; k >= 0; k--) {
      const p = tracked[k]!.position;
      if (dir === 0 || (p.side === 'BUY') === (dir === 1)) {
        engine.closePosition(p.id);
        tracked.splice(k, 1);
      }
    }
  }

  function hasSide(dir: 1 | -1): boolean {
    for (let k = 0; k < tracked.length; k++)
      if ((tracked[k]!.position.side === 'BUY') === (dir === 1)) return true;
    return false;
  }

  function levelPts(level: LevelPlan, entryPts: number, away: number, slPts: number | null): number | null {
    let pts: number;
    switch (level.kind) {
      case 'pts':
        pts = entryPts + away * level.pts;
        break;
      case 'price': {
        const v = vals[level.index]!;
        if (Number.isNaN(v)) return null;
        pts = v * scale;
        break;
      }
      case 'atr': {
        const atr = atrKernels.get(level.atr)!.value;
        if (Number.isNaN(atr)) return null;
        pts = entryPts + away * level.mult * atr * scale;
        break;
      }
      case 'r':
        if (slPts === null) return null;
        pts = entryPts + away * level.r * Math.abs(entryPts - slPts);
        break;
    }
    return Math.round(pts);
  }

  function enter(plan: EnterPlan): void {
    const dir = plan.dir;
    if (hasSide(dir) || plan.pending) return;
    if (hasSide(dir === 1 ? -1 : 1)) closeSide(dir === 1 ? -1 : 1);
    const long = dir === 1;
    const bid = engine.bidPts;
    const ask = engine.askPts;
    let entryPts: number;
    if (plan.orderType === 'MARKET') entryPts = long ? ask + engine.slippagePts : bid - engine.slippagePts;
    else {
      const better = plan.orderType === 'LIMIT' ? -1 : 1;
      entryPts = Math.round((long ? ask : bid) + dir * better * plan.offsetPts);
    }
    const slPts = plan.sl ? levelPts(plan.sl, entryPts, -dir, null) : null;
    if (plan.sl && slPts === null) return; // its ATR or price source is still warming up
    const tpPts = plan.tp ? levelPts(plan.tp, entryPts, dir, slPts) : null;
    if (plan.tp && tpPts === null) return;
    let lots = plan.lots;
    if (plan.riskPct > 0) {
      const perLot = slPts === null ? 0 : engine.riskAmount(1, entryPts, slPts);
      if (!(perLot > 0)) {
        reject(plan.node, 'The stop-loss is at the entry price: no size for that risk');
        return;
      }
      const budget = (engine.balanceCents / 100) * (plan.riskPct / 100);
      lots = Math.round(Math.floor(budget / perLot / 0.01 + 1e-9)) / 100;
      if (lots < 0.01) {
        reject(plan.node, `${plan.riskPct} % of the balance is less than the risk of 0.01 lots`);
        return;
      }
    }
    const placed = engine.placeOrder({
      side: long ? 'BUY' : 'SELL',
      type: plan.orderType,
      lots,
      price: plan.orderType === 'MARKET' ? null : engine.price(entryPts),
      sl: slPts === null ? null : engine.price(slPts),
      tp: tpPts === null ? null : engine.price(tpPts),
      trailingPts: plan.trailingPts > 0 ? Math.round(plan.trailingPts) : null,
      comment: plan.comment,
    });
    if (!placed.ok) {
      reject(plan.node, placed.reason);
      return;
    }
    if (plan.orderType === 'MARKET') adopt(plan, placed.value, true);
    else plan.pending = { order: placed.value, age: 0 };
  }

  const n = steps.length;
  return {
    onBarClose(closed: Candle): void {
      bar = closed;
      barCount++;
      for (let j = 0; j < atrList.length; j++) {
        const k = atrList[j]!;
        const v = k.kernel.peek(k.state, closed);
        k.kernel.commit(k.state, closed);
        k.value = v === null ? Number.NaN : (v.value ?? Number.NaN);
      }
      syncPositions();
      for (let i = 0; i < n; i++) {
        switch (ops[i]) {
          case OP_SMA:
            vals[i] = smaNext(smas[i]!, closed);
            break;
          case OP_CLOSE:
            vals[i] = closed.close;
            break;
          case OP_GT:
            vals[i] = vals[left[i]!]! > vals[right[i]!]! ? 1 : 0;
            break;
          case OP_GE:
            vals[i] = vals[left[i]!]! >= vals[right[i]!]! ? 1 : 0;
            break;
          case OP_LT:
            vals[i] = vals[left[i]!]! < vals[right[i]!]! ? 1 : 0;
            break;
          case OP_LE:
            vals[i] = vals[left[i]!]! <= vals[right[i]!]! ? 1 : 0;
            break;
          case OP_EQ:
            vals[i] = vals[left[i]!]! === vals[right[i]!]! ? 1 : 0;
            break;
          case OP_NE: {
            // NaN is not known: "not equal" to an unknown value is not true either.
            const l = vals[left[i]!]!;
            const r = vals[right[i]!]!;
            vals[i] = !Number.isNaN(l) && !Number.isNaN(r) && l !== r ? 1 : 0;
            break;
          }
          case OP_UP: {
            const l = left[i]!;
            const r = right[i]!;
            vals[i] = vals[l]! > vals[r]! && past(l, 1) <= past(r, 1) ? 1 : 0;
            break;
          }
          case OP_DOWN: {
            const l = left[i]!;
            const r = right[i]!;
            vals[i] = vals[l]! < vals[r]! && past(l, 1) >= past(r, 1) ? 1 : 0;
            break;
          }
          case OP_NONE:
            vals[i] = NaN;
            break;
          default:
            steps[i]!();
        }
        const ring = rings[i];
        if (ring) ring[barCount % ring.length] = vals[i]!;
      }
      if (tracked.length > 0) manage();
      for (let k = 0; k < exits.length; k++) {
        const e = exits[k]!;
        if (vals[e.when] === 1 && tracked.length > 0)
          closeSide(e.side === 'both' ? 0 : e.side === 'long' ? 1 : -1);
      }
      for (let k = 0; k < plans.length; k++) {
        const plan = plans[k]!;
        const pending = plan.pending;
        if (pending && ++pending.age >= plan.validBars) {
          engine.cancelOrder(pending.order.id);
          plan.pending = null;
        }
        if (vals[plan.when] === 1) enter(plan);
      }
    },
    get bars() {
      return barCount;
    },
    rejections,
    initialSlPts,
    values() {
      const out: Record<string, number> = {};
      order.forEach((node, i) => {
        out[node.id] = vals[i]!;
      });
      return out;
    },
  };
}

/** Op codes of the nodes evaluated inside the per-close switch; OP_STEP calls the node's step. */
const OP_STEP = 0;
const OP_NONE = 1;
const OP_CLOSE = 2;
const OP_SMA = 3;
const OP_UP = 4;
const OP_DOWN = 5;
const OP_GT = 6;
const OP_GE = 7;
const OP_LT = 8;
const OP_LE = 9;
const OP_EQ = 10;
const OP_NE = 11;
const COMPARE_OPS = { '>': OP_GT, '>=': OP_GE, '<': OP_LT, '<=': OP_LE, '==': OP_EQ, '!=': OP_NE } as const;

/**
 * An SMA node's state: the last `period - 1` prices on a doubled ring (each written at `head`
 * and `head + m`), so the window is always one contiguous run and its sum one tight loop.
 */
interface SmaState {
  period: number;
  m: number;
  ring: Float64Array;
  head: number;
  count: number;
  close: boolean;
  source: PriceSource;
}

function smaState(period: number, source: PriceSource): SmaState {
  smaKernel({ period, source }); // the same parameter checks as the charts'
  const m = period - 1;
  return {
    period,
    m,
    ring: new Float64Array(Math.max(2 * m, 1)),
    head: 0,
    count: 0,
    close: source === 'close',
    source,
  };
}

/**
 * The SMA at the close of `c`, then `c` committed: the charts' arithmetic (`next` first, then the
 * previous `period - 1` prices oldest first), so values are bit-identical to the charts', which
 * depend on the window only, not on where the data starts. A running sum would be faster but
 * would carry rounding from the first bar. `+` and `NaN` (not `Number.NaN`) keep the sum an
 * unboxed double in optimised code; otherwise every addition allocated a heap number.
 */
function smaNext(s: SmaState, c: Candle): number {
  const next = +(s.close ? c.close : priceOf(c, s.source));
  const m = s.m;
  const ring = s.ring;
  let value = NaN;
  if (s.count >= m) {
    let sum = next;
    const from = s.head;
    for (let k = 0; k < m; k++) sum += ring[from + k]!;
    value = sum / s.period;
  }
  if (m > 0) {
    ring[s.head] = next;
    ring[s.head + m] = next;
    s.head = s.head + 1 === m ? 0 : s.head + 1;
  }
  s.count++;
  return value;
}

// biome-ignore lint/suspicious/noExplicitAny: the state type is private to each kernel
type NumberKernel = IndicatorKernel<any, number>;

/** The number kernel of a single-line indicator (the same code the charts run), else null. */
function singleLineKernel(spec: IndicatorSpec): NumberKernel | null {
  switch (spec.kind) {
    case 'ema':
      return emaKernel(spec);
    case 'rsi':
      return rsiKernel(spec);
    case 'atr':
      return atrKernel(spec);
    case 'vwap':
      return vwapKernel(spec);
    default:
      return null;
  }
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The indicator spec with its numbers resolved, as src/core/indicators takes it. */
export function resolveIndicator(ind: GraphIndicator, num: (n: NumberOrParam) => number): IndicatorSpec {
  switch (ind.kind) {
    case 'sma':
    case 'ema':
    case 'rsi':
      return { kind: ind.kind, period: num(ind.period), source: ind.source ?? 'close' };
    case 'bollinger':
      return {
        kind: 'bollinger',
        period: num(ind.period),
        multiplier: num(ind.multiplier),
        source: ind.source ?? 'close',
      };
    case 'macd':
      return {
        kind: 'macd',
        fast: num(ind.fast),
        slow: num(ind.slow),
        signal: num(ind.signal),
        source: ind.source ?? 'close',
      };
    case 'atr':
      return { kind: 'atr', period: num(ind.period) };
    case 'vwap':
      return { kind: 'vwap', anchor: ind.anchor };
  }
}

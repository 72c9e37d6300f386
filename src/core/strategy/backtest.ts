/**
 * The headless backtest: base bars in, a strategy deciding at each close of its timeframe, the
 * trader's ExecutionEngine doing everything else; trades, ledger, equity curve and the session
 * metrics (src/core/statistics) out. The same function runs in the app's worker thread, the CLI
 * and the tests.
 *
 * No look-ahead: bar i is revealed to the engine, then, if it completes a bar of the strategy's
 * timeframe (by its end time), the strategy decides at its close. A timeframe bar left
 * incomplete by a gap in the data is decided when the next base bar arrives, before that bar is
 * revealed, at the last close: the next bar's prices are never read for it.
 */
import { ExecutionEngine } from '../execution/engine';
import type { InstrumentSpec } from '../execution/instrument';
import type { AccountSettings, LedgerEntry, Position, RiskRules } from '../execution/types';
import type { Candle } from '../market/candle';
import { bucketRange } from '../market/resample';
import { TIMEFRAME_SECONDS, type Timeframe } from '../market/timeframes';
import { conversionMode, quoteToAccount, toCents } from '../portfolio/money';
import { withDrawdown } from '../statistics/equity-curve';
import { type PerformanceSummary, performanceSummary } from '../statistics/performance';
import { initialRiskCents } from '../statistics/r-multiple';
import type { EquityPoint, Trade } from '../statistics/types';
import { type CompiledStrategy, compileStrategy, type StrategyRejection } from './evaluator';
import type { StrategyGraph } from './graph';

/** Base bars as columns (bid prices in price units, open times in UTC seconds), oldest first. */
export interface BarColumns {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function barColumns(candles: readonly Candle[]): BarColumns {
  const n = candles.length;
  const out: BarColumns = {
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    out.ts[i] = c.ts;
    out.open[i] = c.open;
    out.high[i] = c.high;
    out.low[i] = c.low;
    out.close[i] = c.close;
    out.volume[i] = c.volume;
  }
  return out;
}

interface CurvePoint {
  ts: number;
  balanceCents: number;
  equityCents: number;
}

export interface BacktestInput {
  graph: StrategyGraph;
  /** Parameter overrides, by name. */
  params?: Readonly<Record<string, number>>;
  /** The strategy's timeframe; default the graph's. Must be at or above the base data's. */
  timeframe?: Timeframe;
  /** Length of one base bar, seconds (60 for M1). */
  baseSeconds: number;
  bars: BarColumns;
  instrument: InstrumentSpec;
  account: AccountSettings;
  risk?: RiskRules;
  initialBalanceCents: number;
  /** Close what is still open at the last bar's close (default true), so every trade counts. */
  closeAtEnd?: boolean;
  /** Called every `progressEvery` base bars (default 65,536) and at the end. */
  onProgress?: (barsDone: number, barsTotal: number) => void;
  progressEvery?: number;
  /** Polled with each progress call; true stops the run (status `cancelled`). */
  isCancelled?: () => boolean;
  /** Called after each base bar and the decision at its close (the no-look-ahead test's probe). */
  afterBar?: (index: number, engine: ExecutionEngine) => void;
}

export interface BacktestResult {
  status: 'completed' | 'cancelled';
  /** Base bars revealed. */
  bars: number;
  /** Closes the strategy decided at. */
  strategyBars: number;
  fromTs: number | null;
  toTs: number | null;
  trades: Trade[];
  ledger: LedgerEntry[];
  /** Each base bar close with a position open and each balance change, thinned to the first, lowest, highest and last point of each hour. */
  curve: EquityPoint[];
  summary: PerformanceSummary;
  rejections: StrategyRejection[];
}

/** Runs `input.graph` over `input.bars`. Throws GraphError for a graph that does not compile. */
export function runBacktest(input: BacktestInput): BacktestResult {
  const { bars, instrument, account } = input;
  const timeframe = input.timeframe ?? input.graph.timeframe;
  const tfSeconds = TIMEFRAME_SECONDS[timeframe];
  if (tfSeconds < input.baseSeconds) {
    throw new RangeError(
      `The strategy's timeframe ${timeframe} is finer than the data (${input.baseSeconds} s bars)`,
    );
  }
  let n = 0;
  const engine = new ExecutionEngine({
    instrument,
    account,
    risk: input.risk,
    newId: () => `bt${++n}`,
  });
  const ledger: LedgerEntry[] = [];
  const closed: Position[] = [];
  engine.onClose = (p) => closed.push({ ...p });
  if (input.initialBalanceCents > 0) engine.cashEntry('DEPOSIT', input.initialBalanceCents);
  const strategy = compileStrategy(input.graph, engine, input.params);
  const drain = () => {
    const changes = engine.drainChanges();
    for (const entry of changes.ledger) ledger.push(entry);
  };
  drain();

  // The curve keeps, of each hour, the first, lowest, highest and last of its points (one per
  // base bar close with a position open or a balance change): years of M1 bars stay small, and
  // the troughs and peaks the drawdown is measured on survive.
  const raw: CurvePoint[] = [];
  let hour = Number.NaN;
  let first: CurvePoint | null = null;
  let low: CurvePoint | null = null;
  let high: CurvePoint | null = null;
  let last: CurvePoint | null = null;
  const flush = () => {
    if (!first) return;
    const kept = [first, low!, high!, last!].filter((p, i, all) => all.indexOf(p) === i);
    kept.sort((x, y) => x.ts - y.ts);
    for (const p of kept) raw.push(p);
    first = low = high = last = null;
  };
  const point = (ts: number) => {
    const equity = engine.balanceCents + (engine.open.length > 0 ? toCents(engine.openPnl()) : 0);
    if (last && last.ts === ts) {
      last.balanceCents = engine.balanceCents;
      last.equityCents = equity;
      if (equity < low!.equityCents) low = last;
      if (equity > high!.equityCents) high = last;
      return;
    }
    const h = Math.floor(ts / 3600);
    if (h !== hour) {
      flush();
      hour = h;
    }
    // The previous last point, when it is not also the hour's first, lowest or highest, is
    // dropped by this one: its object is reused, so a bar costs no allocation.
    const reuse = last !== null && last !== first && last !== low && last !== high;
    const p: CurvePoint = reuse ? last! : { ts, balanceCents: 0, equityCents: 0 };
    p.ts = ts;
    p.balanceCents = engine.balanceCents;
    p.equityCents = equity;
    if (!first) first = low = high = p;
    if (equity < low!.equityCents) low = p;
    if (equity > high!.equityCents) high = p;
    last = p;
  };
  const total = bars.ts.length;
  if (total > 0) point(bars.ts[0]!);

  const scale = engine.scale;
  const every = input.progressEvery ?? 65_536;
  const tfBar: Candle = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  let bucketEnd = Number.NEGATIVE_INFINITY;
  let open = false;
  const sameFrame = tfSeconds === input.baseSeconds && tfSeconds < 86_400;
  let status: BacktestResult['status'] = 'completed';
  let done = 0;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % every === 0) {
      input.onProgress?.(i, total);
      if (input.isCancelled?.()) {
        status = 'cancelled';
        break;
      }
    }
    const ts = bars.ts[i]!;
    const o = bars.open[i]!;
    const h = bars.high[i]!;
    const l = bars.low[i]!;
    const c = bars.close[i]!;
    if (!sameFrame && open && ts >= bucketEnd) {
      // The previous timeframe bar ended in a gap: decide on it before revealing this bar.
      open = false;
      strategy.onBarClose(tfBar);
    }
    const seq = engine.seq;
    engine.processBarPts(
      ts,
      Math.round(o * scale),
      Math.round(h * scale),
      Math.round(l * scale),
      Math.round(c * scale),
    );
    if (sameFrame) {
      tfBar.ts = ts;
      tfBar.open = o;
      tfBar.high = h;
      tfBar.low = l;
      tfBar.close = c;
      tfBar.volume = bars.volume[i]!;
      strategy.onBarClose(tfBar);
    } else {
      if (!open) {
        const [start, end] = bucketRange(ts, timeframe);
        bucketEnd = end;
        open = true;
        tfBar.ts = start;
        tfBar.open = o;
        tfBar.high = h;
        tfBar.low = l;
        tfBar.close = c;
        tfBar.volume = bars.volume[i]!;
      } else {
        if (h > tfBar.high) tfBar.high = h;
        if (l < tfBar.low) tfBar.low = l;
        tfBar.close = c;
        tfBar.volume += bars.volume[i]!;
      }
      if (ts + input.baseSeconds >= bucketEnd) {
        open = false;
        strategy.onBarClose(tfBar);
      }
    }
    if (engine.pendingFills.length > 0) drain();
    if (engine.open.length > 0 || engine.seq !== seq) point(ts);
    input.afterBar?.(i, engine);
    done = i + 1;
  }
  if (status === 'completed' && input.closeAtEnd !== false && engine.open.length > 0) {
    engine.closeAll();
    point(engine.cursorTs);
  }
  drain();
  flush();
  input.onProgress?.(done, total);

  const mode = conversionMode(
    instrument.baseCurrency,
    instrument.quoteCurrency,
    account.currency,
    account.quoteRate,
  ) ?? { kind: 'quote' as const };
  const trades: Trade[] = closed.map((p) => {
    const slPts =
      strategy.initialSlPts.get(p.id) ?? (p.parentId ? strategy.initialSlPts.get(p.parentId) : undefined);
    const sl = slPts === undefined ? null : engine.price(slPts);
    const entryPrice = engine.price(p.entryPts);
    return {
      id: p.id,
      side: p.side,
      lots: p.lots,
      openedTs: p.openedTs,
      closedTs: p.closedTs!,
      entryPrice,
      exitPrice: p.exitPts === null ? null : engine.price(p.exitPts),
      initialSlPrice: sl,
      riskCents: initialRiskCents(entryPrice, sl, p.lots * instrument.contractSize, (q) =>
        quoteToAccount(q, mode, sl ?? 1),
      ),
      realizedCents: p.realizedCents,
      pnlCents: p.pnlCents,
      spreadCents: p.spreadCents,
      slippageCents: p.slippageCents,
      commissionCents: p.commissionCents,
      swapCents: p.swapCents,
      status: p.status === 'LIQUIDATED' ? 'LIQUIDATED' : 'CLOSED',
      tags: [],
    };
  });
  trades.sort((a, b) => a.openedTs - b.openedTs || a.closedTs - b.closedTs);
  const curve = withDrawdown(raw);
  const end = curve[curve.length - 1];
  const summary = performanceSummary({
    trades,
    ledger,
    curve,
    initialBalanceCents: input.initialBalanceCents,
    finalBalanceCents: engine.balanceCents,
    finalEquityCents: end ? end.equityCents : engine.balanceCents,
  });
  return {
    status,
    bars: done,
    strategyBars: strategy.bars,
    fromTs: total > 0 ? bars.ts[0]! : null,
    toTs: done > 0 ? bars.ts[done - 1]! : null,
    trades,
    ledger,
    curve,
    summary,
    rejections: strategy.rejections,
  };
}

export type { CompiledStrategy };

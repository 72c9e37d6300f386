import type { ExecutionEngine } from '../execution/engine';
import type { SpreadPlan } from '../execution/spread';
import type { Timeframe } from '../market/timeframes';
import type { Bar } from './forming-bar';
import { chartBarLastBaseTs } from './replay-clock';

/** Where base bars come from, strictly after a time: the engine never asks for more than it reveals. */
export interface BaseBarSource {
  /** Up to `limit` base bars with `ts > afterTs` (and `ts <= untilTs` when given), oldest first. */
  barsAfter(afterTs: number, limit: number, untilTs?: number): readonly Bar[];
}

export interface StepResult {
  /** Base bars revealed by this step. */
  revealed: number;
  /** The session has ended: its end date is reached, or a step found no next base bar. */
  ended: boolean;
  /** The revealed bars, oldest first (the caller updates the forming chart bar from them). */
  bars: Bar[];
}

/**
 * Steps an engine through base bars from a source: n base bars, one chart bar, or up to a time.
 * Pure: the source is a parameter, so tests use arrays and main uses SQLite.
 */
export class ReplayRunner {
  /** Set where the spread varies (data spreads or a schedule); null keeps the engine's fixed one. */
  spread: SpreadPlan | null = null;

  constructor(
    readonly engine: ExecutionEngine,
    private readonly source: BaseBarSource,
    readonly baseTimeframe: Timeframe,
    /** Last base bar the session may reveal (its end date), or null. */
    readonly endTs: number | null,
    private readonly chunk = 5_000,
    /** Asked after every bar: true ends the session there (a challenge that has ended). */
    private readonly stopAfterBar: () => boolean = () => false,
  ) {}

  /** Reveals up to `n` base bars. */
  stepBars(n: number, keepBars = true): StepResult {
    return this.reveal(n, this.endTs ?? undefined, keepBars, false);
  }

  /** Reveals base bars up to and including `ts` (jump to a date: orders are evaluated on the way). */
  stepUntil(ts: number, keepBars = true): StepResult {
    const pastEnd = this.endTs !== null && ts >= this.endTs;
    const until = pastEnd ? this.endTs! : ts;
    return this.reveal(Number.POSITIVE_INFINITY, until, keepBars, pastEnd);
  }

  /**
   * Reveals every base bar before `ts` and then the first one at or after it (the next day's or
   * session's first bar), evaluating orders on each exactly as single steps would.
   */
  stepToFirstBarFrom(ts: number, keepBars = true): StepResult {
    const before = this.stepUntil(ts - 1, keepBars);
    if (before.ended) return before;
    const first = this.reveal(1, this.endTs ?? undefined, keepBars, false);
    return {
      revealed: before.revealed + first.revealed,
      ended: first.ended,
      bars: [...before.bars, ...first.bars],
    };
  }

  /** Reveals the next base bar and the rest of the chart bar it belongs to. */
  stepChartBar(chart: Timeframe): StepResult {
    const first = this.reveal(1, this.endTs ?? undefined, true, false);
    if (first.revealed === 0) return first;
    const last = chartBarLastBaseTs(this.engine.cursorTs, chart, this.baseTimeframe);
    const rest = this.stepUntil(last);
    return { revealed: 1 + rest.revealed, ended: rest.ended, bars: [...first.bars, ...rest.bars] };
  }

  /**
   * The session ends only where that needs no knowledge of later data (no look-ahead): the clock
   * reaches or is sent past the end date, or a step asks for the next base bar and there is none.
   * Revealing the last bar does not end it, so nothing at the cursor depends on whether more
   * data follows (a jump that finds no bar in its range, a weekend, does not end it either).
   */
  private reveal(n: number, untilTs: number | undefined, keepBars: boolean, pastEnd: boolean): StepResult {
    const engine = this.engine;
    const bars: Bar[] = [];
    const spread = this.spread;
    let revealed = 0;
    while (revealed < n) {
      const want = Math.min(this.chunk, n - revealed);
      const batch = this.source.barsAfter(engine.cursorTs, want, untilTs);
      for (let i = 0; i < batch.length; i++) {
        const b = batch[i]!;
        if (spread !== null) engine.setSpreadPts(spread.at(b));
        engine.processBar(b.ts, b.open, b.high, b.low, b.close);
        if (keepBars) bars.push(b);
        if (this.stopAfterBar()) return { revealed: revealed + i + 1, ended: true, bars };
      }
      revealed += batch.length;
      if (batch.length < want) break;
    }
    const ended =
      pastEnd ||
      (this.endTs !== null && engine.cursorTs >= this.endTs) ||
      (revealed === 0 && n > 0 && Number.isFinite(n));
    return { revealed, ended, bars };
  }
}

/** A source over an in-memory array sorted by ts (tests, the bench). */
export function arraySource(bars: readonly Bar[]): BaseBarSource {
  return {
    barsAfter(afterTs, limit, untilTs) {
      let lo = 0;
      let hi = bars.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (bars[mid]!.ts <= afterTs) lo = mid + 1;
        else hi = mid;
      }
      const out: Bar[] = [];
      for (let i = lo; i < bars.length && out.length < limit; i++) {
        const b = bars[i]!;
        if (untilTs !== undefined && b.ts > untilTs) break;
        out.push(b);
      }
      return out;
    },
  };
}

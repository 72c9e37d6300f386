import type { ExecutionEngine } from '../execution/engine';
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
  /** The data (or the session's end) is exhausted. */
  ended: boolean;
  /** The revealed bars, oldest first (the caller updates the forming chart bar from them). */
  bars: Bar[];
}

/**
 * Steps an engine through base bars from a source: n base bars, one chart bar, or up to a time.
 * Pure: the source is a parameter, so tests use arrays and main uses SQLite.
 */
export class ReplayRunner {
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
    return this.reveal(n, this.endTs ?? undefined, keepBars);
  }

  /** Reveals base bars up to and including `ts` (jump to a date: orders are evaluated on the way). */
  stepUntil(ts: number, keepBars = true): StepResult {
    const until = this.endTs === null ? ts : Math.min(ts, this.endTs);
    return this.reveal(Number.POSITIVE_INFINITY, until, keepBars);
  }

  /**
   * Reveals every base bar before `ts` and then the first one at or after it (the next day's or
   * session's first bar), evaluating orders on each exactly as single steps would.
   */
  stepToFirstBarFrom(ts: number, keepBars = true): StepResult {
    const before = this.stepUntil(ts - 1, keepBars);
    if (before.ended) return before;
    const first = this.reveal(1, this.endTs ?? undefined, keepBars);
    return {
      revealed: before.revealed + first.revealed,
      ended: first.ended,
      bars: [...before.bars, ...first.bars],
    };
  }

  /** Reveals the next base bar and the rest of the chart bar it belongs to. */
  stepChartBar(chart: Timeframe): StepResult {
    const first = this.reveal(1, this.endTs ?? undefined, true);
    if (first.revealed === 0) return first;
    const last = chartBarLastBaseTs(this.engine.cursorTs, chart, this.baseTimeframe);
    const rest = this.stepUntil(last);
    return { revealed: 1 + rest.revealed, ended: rest.ended, bars: [...first.bars, ...rest.bars] };
  }

  private reveal(n: number, untilTs: number | undefined, keepBars: boolean): StepResult {
    const engine = this.engine;
    const bars: Bar[] = [];
    let revealed = 0;
    let ended = false;
    while (revealed < n) {
      const want = Math.min(this.chunk, n - revealed);
      // One bar more than wanted tells whether more data follows; it never reaches the engine.
      const batch = this.source.barsAfter(engine.cursorTs, want + 1, untilTs);
      const take = Math.min(batch.length, want);
      let stopped = false;
      for (let i = 0; i < take; i++) {
        const b = batch[i]!;
        engine.processBar(b.ts, b.open, b.high, b.low, b.close);
        if (keepBars) bars.push(b);
        if (this.stopAfterBar()) {
          revealed += i + 1;
          stopped = true;
          break;
        }
      }
      if (stopped) return { revealed, ended: true, bars };
      revealed += take;
      if (batch.length <= want) {
        // The data ran out or we reached `untilTs`; only the former (or the end date) ends the session.
        const next = this.source.barsAfter(engine.cursorTs, 1);
        const nextTs = next[0]?.ts;
        ended = nextTs === undefined || (this.endTs !== null && nextTs > this.endTs);
        break;
      }
    }
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

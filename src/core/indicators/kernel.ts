import type { Candle } from '../market/candle';

/** One output of an indicator, aligned with the candle of the same `ts`; `null` while warming up. */
export interface IndicatorPoint<V> {
  ts: number;
  value: V | null;
}

/**
 * The shape every indicator is built from. `peek` gives the value the indicator would have if
 * `candle` were the next bar, without changing the state; `commit` appends the bar for good.
 * The forming bar is only ever peeked, so a tick costs one `peek` (O(1) or O(period)).
 */
export interface IndicatorKernel<S, V> {
  init(): S;
  peek(state: S, candle: Candle): V | null;
  commit(state: S, candle: Candle): void;
}

/** Runs `kernel` over `candles` (oldest first): one point per candle, in the same order. */
export function computeSeries<S, V>(
  kernel: IndicatorKernel<S, V>,
  candles: readonly Candle[],
): IndicatorPoint<V>[] {
  const state = kernel.init();
  const out: IndicatorPoint<V>[] = new Array(candles.length);
  for (let i = 0; i < candles.length; i++) {
    const candle = candles[i]!;
    out[i] = { ts: candle.ts, value: kernel.peek(state, candle) };
    kernel.commit(state, candle);
  }
  return out;
}

/** What an incremental update did: revised the last point or appended a new one. */
export interface IncrementalResult<V> {
  point: IndicatorPoint<V>;
  appended: boolean;
}

/**
 * An indicator kept up to date bar by bar. Every bar but the last is committed; the last one
 * (the forming bar) is re-evaluated on each `update` with the same `ts`, and committed when a bar
 * with a later `ts` arrives. An older `ts` means the history changed: call `reset`.
 */
export class IncrementalIndicator<S, V> {
  private state: S;
  private last: Candle | null = null;

  constructor(private readonly kernel: IndicatorKernel<S, V>) {
    this.state = kernel.init();
  }

  /** Rebuilds from a full list of bars and returns every point (the batch path). */
  reset(candles: readonly Candle[]): IndicatorPoint<V>[] {
    this.state = this.kernel.init();
    this.last = null;
    const out: IndicatorPoint<V>[] = new Array(candles.length);
    for (let i = 0; i < candles.length; i++) {
      const candle = candles[i]!;
      out[i] = { ts: candle.ts, value: this.kernel.peek(this.state, candle) };
      if (i < candles.length - 1) this.kernel.commit(this.state, candle);
      else this.last = candle;
    }
    return out;
  }

  /** Updates the forming bar (same `ts` as the last bar) or appends a new bar (later `ts`). */
  update(candle: Candle): IncrementalResult<V> {
    const last = this.last;
    if (last !== null && candle.ts < last.ts) {
      throw new RangeError(`Bar ${candle.ts} is older than the last bar ${last.ts}; reset the indicator`);
    }
    const appended = last === null || candle.ts > last.ts;
    if (appended && last !== null) this.kernel.commit(this.state, last);
    this.last = candle;
    return { point: { ts: candle.ts, value: this.kernel.peek(this.state, candle) }, appended };
  }

  /** Open time of the last bar seen, or null before any. */
  lastTs(): number | null {
    return this.last?.ts ?? null;
  }
}

import { bucketRange, type ResampleOptions } from './resample';
import type { Timeframe } from './timeframes';

/** One bar as six numbers, the packed layout of the candle cache. */
export type Bar = [ts: number, open: number, high: number, low: number, close: number, volume: number];

/**
 * Streaming resampler: feed finer bars in ascending time order, receive each completed bar of
 * `timeframe` through `emit`. Same rules as `resampleCandles`, without holding the input.
 */
export class BarAggregator {
  private start = 0;
  private end = Number.NEGATIVE_INFINITY;
  private bar: Bar | undefined;

  constructor(
    readonly timeframe: Timeframe,
    private readonly emit: (bar: Bar) => void,
    private readonly options: ResampleOptions = {},
  ) {}

  push(ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    const bar = this.bar;
    if (bar && ts < this.end && ts >= this.start) {
      if (high > bar[2]) bar[2] = high;
      if (low < bar[3]) bar[3] = low;
      bar[4] = close;
      bar[5] += volume;
      return;
    }
    if (bar) this.emit(bar);
    const [start, end] = bucketRange(ts, this.timeframe, this.options);
    this.start = start;
    this.end = end;
    this.bar = [start, open, high, low, close, volume];
  }

  /** Emits the last, possibly partial, bar. */
  flush(): void {
    if (this.bar) this.emit(this.bar);
    this.bar = undefined;
    this.end = Number.NEGATIVE_INFINITY;
  }
}

import { type Bar, BarAggregator } from '../../../../core/market/bar-aggregator';
import { encodeBars } from '../../../../core/market/bar-codec';
import { CHUNK_BARS, chunkStart, derivedSeriesFor } from '../../../../core/market/derived-series';
import type { Timeframe } from '../../../../shared/timeframes';

/** One row of `candle_cache`: `bars` bars packed by `encodeBars`. */
export interface CacheChunk {
  key: string;
  chunkTs: number;
  bars: number;
  data: Uint8Array;
}

/**
 * Resamples base candles fed in ascending order into every cached higher timeframe and hands
 * out each time-aligned chunk as it completes. Pure, so it runs in the parse worker and leaves
 * the database thread only the chunk inserts.
 */
export class CacheChunker {
  private readonly aggregators: BarAggregator[];
  private readonly flushes: (() => void)[] = [];

  constructor(base: Timeframe, onChunk: (chunk: CacheChunk) => void) {
    this.aggregators = derivedSeriesFor(base).map((series) => {
      let chunk = Number.NaN;
      const buffer = new Float64Array(CHUNK_BARS * 6);
      let n = 0;
      const flush = () => {
        if (n === 0) return;
        onChunk({ key: series.key, chunkTs: chunk, bars: n, data: encodeBars(buffer, n) });
        n = 0;
      };
      const aggregator = new BarAggregator(
        series.timeframe,
        (bar: Bar) => {
          const c = chunkStart(bar[0], series.timeframe);
          if (c !== chunk || n === CHUNK_BARS) {
            flush();
            chunk = c;
          }
          buffer.set(bar, n * 6);
          n++;
        },
        series.options,
      );
      this.flushes.push(() => {
        aggregator.flush();
        flush();
      });
      return aggregator;
    });
  }

  push(ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    for (const a of this.aggregators) a.push(ts, open, high, low, close, volume);
  }

  end(): void {
    for (const flush of this.flushes) flush();
  }
}

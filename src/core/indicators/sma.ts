import type { Candle } from '../market/candle';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { assertPeriod, type PriceSource, priceOf, Window } from './source';

export interface SmaParams {
  period: number;
  source?: PriceSource;
}

/** Simple moving average: the mean of the last `period` prices; first value on bar `period`. */
export function smaKernel({ period, source = 'close' }: SmaParams): IndicatorKernel<Window, number> {
  assertPeriod('SMA period', period);
  return {
    init: () => new Window(period),
    peek: (w, c) => w.meanWith(priceOf(c, source)),
    commit: (w, c) => w.push(priceOf(c, source)),
  };
}

export function sma(candles: readonly Candle[], params: SmaParams): IndicatorPoint<number>[] {
  return computeSeries(smaKernel(params), candles);
}

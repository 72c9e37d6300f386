import type { Candle } from '../market/candle';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { assertPeriod, type PriceSource, priceOf, Window } from './source';

export interface BollingerParams {
  period: number;
  /** Width of the bands in standard deviations. */
  multiplier: number;
  source?: PriceSource;
}

export interface BollingerValue {
  middle: number;
  upper: number;
  lower: number;
}

/**
 * Bollinger Bands: middle = SMA(period); upper/lower = middle ± multiplier × the population
 * standard deviation of the same `period` prices (as TradingView and Bollinger himself).
 */
export function bollingerKernel({
  period,
  multiplier,
  source = 'close',
}: BollingerParams): IndicatorKernel<Window, BollingerValue> {
  assertPeriod('Bollinger period', period);
  if (!Number.isFinite(multiplier) || multiplier < 0)
    throw new RangeError('Bollinger multiplier must be >= 0');
  return {
    init: () => new Window(period),
    peek: (w, c) => {
      const price = priceOf(c, source);
      const middle = w.meanWith(price);
      if (middle === null) return null;
      const values = w.values;
      let squares = (price - middle) ** 2;
      for (let i = values.length - period + 1; i < values.length; i++) squares += (values[i]! - middle) ** 2;
      const deviation = Math.sqrt(Math.max(0, squares / period));
      return { middle, upper: middle + multiplier * deviation, lower: middle - multiplier * deviation };
    },
    commit: (w, c) => w.push(priceOf(c, source)),
  };
}

export function bollinger(
  candles: readonly Candle[],
  params: BollingerParams,
): IndicatorPoint<BollingerValue>[] {
  return computeSeries(bollingerKernel(params), candles);
}

import type { IndicatorKind, IndicatorSpec } from '../../../../../core/indicators';

export const INDICATOR_NAMES: Record<IndicatorKind, string> = {
  sma: 'Simple moving average',
  ema: 'Exponential moving average',
  bollinger: 'Bollinger Bands',
  rsi: 'Relative strength index',
  macd: 'MACD',
  atr: 'Average true range',
  vwap: 'Volume-weighted average price',
};

const SHORT: Record<IndicatorKind, string> = {
  sma: 'SMA',
  ema: 'EMA',
  bollinger: 'BB',
  rsi: 'RSI',
  macd: 'MACD',
  atr: 'ATR',
  vwap: 'VWAP',
};

/** A short title such as "EMA 20" or "MACD 12 26 9", for legends and group names. */
export function indicatorTitle(spec: IndicatorSpec): string {
  switch (spec.kind) {
    case 'bollinger':
      return `BB ${spec.period} ${spec.multiplier}`;
    case 'macd':
      return `MACD ${spec.fast} ${spec.slow} ${spec.signal}`;
    case 'vwap':
      return spec.anchor === 'day' ? 'VWAP' : `VWAP ${spec.anchor}`;
    default:
      return `${SHORT[spec.kind]} ${spec.period}`;
  }
}

/** A fresh spec of `kind` with the usual parameters. */
export function defaultSpec(kind: IndicatorKind): IndicatorSpec {
  switch (kind) {
    case 'sma':
    case 'ema':
      return { kind, period: 20, source: 'close' };
    case 'bollinger':
      return { kind, period: 20, multiplier: 2, source: 'close' };
    case 'rsi':
      return { kind, period: 14, source: 'close' };
    case 'macd':
      return { kind, fast: 12, slow: 26, signal: 9, source: 'close' };
    case 'atr':
      return { kind, period: 14 };
    case 'vwap':
      return { kind, anchor: 'day' };
  }
}

/** A colour per new indicator, cycling. */
export const INDICATOR_COLOURS = [
  '#f5c542',
  '#42a5f5',
  '#ab47bc',
  '#ff7043',
  '#26c6da',
  '#9ccc65',
  '#ec407a',
];

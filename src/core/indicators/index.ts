import type { Candle } from '../market/candle';
import { atrKernel } from './atr';
import { bollingerKernel } from './bollinger';
import { emaKernel } from './ema';
import { IncrementalIndicator, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { macdKernel } from './macd';
import { rsiKernel } from './rsi';
import { smaKernel } from './sma';
import type { PriceSource } from './source';
import { type VwapAnchor, vwapKernel } from './vwap';

export * from './atr';
export * from './bollinger';
export * from './ema';
export * from './kernel';
export * from './macd';
export * from './rsi';
export * from './sma';
export * from './source';
export * from './vwap';

/** An indicator and its parameters, as the desk stores it. */
export type IndicatorSpec =
  | { kind: 'sma'; period: number; source: PriceSource }
  | { kind: 'ema'; period: number; source: PriceSource }
  | { kind: 'bollinger'; period: number; multiplier: number; source: PriceSource }
  | { kind: 'rsi'; period: number; source: PriceSource }
  | { kind: 'macd'; fast: number; slow: number; signal: number; source: PriceSource }
  | { kind: 'atr'; period: number }
  | { kind: 'vwap'; anchor: VwapAnchor };

export type IndicatorKind = IndicatorSpec['kind'];
export const INDICATOR_KINDS: readonly IndicatorKind[] = [
  'sma',
  'ema',
  'bollinger',
  'rsi',
  'macd',
  'atr',
  'vwap',
];

/** Every indicator's output as named lines, so one renderer draws them all. */
export type IndicatorLines = Record<string, number | null>;

/** The named lines each indicator draws, in drawing order. */
export function indicatorLineNames(kind: IndicatorKind): readonly string[] {
  switch (kind) {
    case 'bollinger':
      return ['upper', 'middle', 'lower'];
    case 'macd':
      return ['histogram', 'macd', 'signal'];
    default:
      return ['value'];
  }
}

/** Where an indicator goes unless the trader says otherwise. */
export function defaultPane(kind: IndicatorKind): 'price' | 'own' {
  return kind === 'rsi' || kind === 'macd' || kind === 'atr' ? 'own' : 'price';
}

function mapKernel<S, A, B>(k: IndicatorKernel<S, A>, f: (a: A) => B): IndicatorKernel<S, B> {
  return {
    init: k.init,
    peek: (s, c) => {
      const v = k.peek(s, c);
      return v === null ? null : f(v);
    },
    commit: k.commit,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the state type is private to each kernel
type AnyKernel = IndicatorKernel<any, IndicatorLines>;

/** The kernel of `spec`, with its output as named lines. Throws RangeError on bad parameters. */
export function indicatorKernel(spec: IndicatorSpec): AnyKernel {
  const single = (v: number): IndicatorLines => ({ value: v });
  switch (spec.kind) {
    case 'sma':
      return mapKernel(smaKernel(spec), single);
    case 'ema':
      return mapKernel(emaKernel(spec), single);
    case 'bollinger':
      return mapKernel(bollingerKernel(spec), (v) => ({ ...v }));
    case 'rsi':
      return mapKernel(rsiKernel(spec), single);
    case 'macd':
      return mapKernel(macdKernel(spec), (v) => ({ ...v }));
    case 'atr':
      return mapKernel(atrKernel(spec), single);
    case 'vwap':
      return mapKernel(vwapKernel(spec), single);
  }
}

/** An incremental indicator for `spec`: `reset(bars)` once, then `update(bar)` on every tick. */
export function createIndicator(spec: IndicatorSpec): IncrementalIndicator<unknown, IndicatorLines> {
  return new IncrementalIndicator(indicatorKernel(spec));
}

/** Batch computation of `spec` over `candles`. */
export function computeIndicator(
  spec: IndicatorSpec,
  candles: readonly Candle[],
): IndicatorPoint<IndicatorLines>[] {
  return createIndicator(spec).reset(candles);
}

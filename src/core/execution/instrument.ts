import type { SwapSpec } from './swap';

/** What the engine needs to know about a traded symbol. Prices are bid candles in price units. */
export interface InstrumentSpec {
  symbol: string;
  /** Decimal places of a quote; `point = 10^-digits`. */
  digits: number;
  /** Size of one pip in price units (0.0001 for EURUSD, 0.01 for USDJPY). */
  pipSize: number;
  /** Units of the base currency in one lot (100,000 for FX). */
  contractSize: number;
  baseCurrency: string;
  quoteCurrency: string;
  /** Smallest order, lots (0.01 when not given). */
  minLot?: number;
  /** Lots come in multiples of this (0.01 when not given). */
  lotStep?: number;
  /** Swap charged at each rollover a position is held through; null or absent: none. */
  swap?: SwapSpec | null;
}

/** The default minimum lot and lot step: a micro lot. */
export const DEFAULT_LOT_STEP = 0.01;

/** `10^digits`: multiply a price by it to get points. */
export function pointScale(spec: InstrumentSpec): number {
  return 10 ** spec.digits;
}

/** Points in one pip (10 for a 5-digit FX pair). */
export function pointsPerPip(spec: InstrumentSpec): number {
  return Math.round(spec.pipSize * pointScale(spec) * 1e6) / 1e6;
}

/** A price in whole points (rounded to the instrument's digits). */
export function toPoints(price: number, scale: number): number {
  return Math.round(price * scale);
}

/** A point count back to a price, as exact as a double allows. */
export function fromPoints(points: number, scale: number): number {
  return Math.round(points * 1e6) / 1e6 / scale;
}

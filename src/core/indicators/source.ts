import type { Candle } from '../market/candle';

/** Which price of a bar an indicator reads. */
export type PriceSource = 'close' | 'open' | 'high' | 'low' | 'hl2' | 'hlc3' | 'ohlc4';

export const PRICE_SOURCES: readonly PriceSource[] = ['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4'];

export function priceOf(candle: Candle, source: PriceSource): number {
  switch (source) {
    case 'close':
      return candle.close;
    case 'open':
      return candle.open;
    case 'high':
      return candle.high;
    case 'low':
      return candle.low;
    case 'hl2':
      return (candle.high + candle.low) / 2;
    case 'hlc3':
      return (candle.high + candle.low + candle.close) / 3;
    case 'ohlc4':
      return (candle.open + candle.high + candle.low + candle.close) / 4;
  }
}

/** The last `size` values seen, oldest first. */
export class Window {
  readonly values: number[] = [];
  constructor(readonly size: number) {}

  push(value: number): void {
    this.values.push(value);
    if (this.values.length > this.size) this.values.shift();
  }

  /** Mean of the window with `next` appended (dropping the oldest), or null if too short. */
  meanWith(next: number): number | null {
    const n = this.values.length;
    if (n + 1 < this.size) return null;
    let sum = next;
    for (let i = n - this.size + 1; i < n; i++) sum += this.values[i]!;
    return sum / this.size;
  }
}

export function assertPeriod(name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`${name} must be a whole number >= 1`);
}

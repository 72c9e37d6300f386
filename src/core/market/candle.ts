/**
 * A candle as the core reads it: bid prices in price units, labelled by its open time (UTC
 * seconds). The contract's `CandleDto` is this very shape, so a bar crosses the boundary as is.
 */
export interface Candle {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

import type { Candle } from '../market/candle';

/** A base bar as the replay reveals it: the candle shape, labelled by its open time. */
export type Bar = Candle;

import type { Candle } from '../market/candle';

/**
 * A base bar as the replay reveals it: the candle shape, labelled by its open time, with the
 * data's own spread in points where the file had one (MT5's `<SPREAD>`).
 */
export type Bar = Candle & { spreadPts?: number };

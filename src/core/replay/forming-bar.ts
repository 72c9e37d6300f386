import type { CandleDto } from '../../shared/dto';

/** A base bar as the replay reveals it: the candle shape, labelled by its open time. */
export type Bar = CandleDto;

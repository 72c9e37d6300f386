import type { MethodParsedInput } from '../../../shared/contract';
import type { CandleDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { readCandles } from './candle-store';
import { requireInstrument } from './instruments';

/** `candles:list`: candles of one instrument and timeframe, oldest first. */
export function listCandles(store: Store, input: MethodParsedInput<'candles:list'>): CandleDto[] {
  const { symbol, timeframe, fromTs, toTs, limit, order, dailyClose, weekStart } = input;
  const instrument = requireInstrument(store, symbol);
  if (fromTs !== undefined && toTs !== undefined && fromTs > toTs) {
    throw new AppError(ErrorCode.INVALID_INPUT, 'fromTs is after toTs');
  }
  const candles = readCandles(store, {
    instrumentId: instrument.id,
    timeframe,
    fromTs,
    toTs,
    limit,
    order: order ?? 'asc',
    dailyClose,
    weekStart,
  });
  // The contract always returns oldest first; 'desc' only chose which end the limit keeps.
  return order === 'desc' ? candles.reverse() : candles;
}

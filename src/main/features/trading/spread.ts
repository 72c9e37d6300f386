import { hasSpreadSchedule, SpreadPlan } from '../../../core/execution/spread';
import type { Store } from '../../db/open-database';
import { hasDataSpreads } from '../market';
import { NEW_YORK_ROLLOVER } from './rollover';
import type { InstrumentRow, SessionRow } from './store';

/**
 * A session's spread plan (README "Spread"): null where the spread never varies (no data spread,
 * no schedule), so such a replay does no per-bar spread work at all.
 */
export function sessionSpreadPlan(
  store: Store,
  row: Pick<SessionRow, 'spreadPts' | 'instrumentId'>,
  instrument: InstrumentRow,
): SpreadPlan | null {
  const schedule = hasSpreadSchedule(instrument.spreadSchedule) ? instrument.spreadSchedule : null;
  if (schedule === null && !hasDataSpreads(store, row.instrumentId)) return null;
  return new SpreadPlan(row.spreadPts, schedule, NEW_YORK_ROLLOVER);
}

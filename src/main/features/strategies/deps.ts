import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { NewId } from '../../platform/ids';
import type { QuotaGate } from '../plan';

/** Everything the strategies feature needs, all required. */
export interface StrategiesDeps {
  store: Store;
  events: EventHub;
  clock: Clock;
  newId: NewId;
  /** The local profile that owns strategies and authors versions. */
  userId: string;
  /** Plan limits on backtest runs. */
  quotas: QuotaGate;
}

import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { NewId } from '../../platform/ids';
import type { QuotaGate } from '../plan';
import type { BlindRegistry } from './registry';

/** Everything blind practice needs, all required. */
export interface BlindDeps {
  store: Store;
  clock: Clock;
  newId: NewId;
  /** A blind session is a session: starting one counts against the plan's active sessions. */
  quotas: QuotaGate;
  blind: BlindRegistry;
}

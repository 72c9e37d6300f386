import type { ZoneOffset } from '../../../core/challenges/rulebook';
import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { NewId } from '../../platform/ids';
import type { PaidAttemptSource, QuotaGate } from '../plan';

/** Everything the challenges feature needs, all required. */
export interface ChallengesDeps {
  store: Store;
  clock: Clock;
  newId: NewId;
  /** Where a committed breach is announced (`challenges:breached`). */
  events: EventHub;
  userId: string;
  /** The trading store's data directory: the trader's closed trades are read for the chance of passing. */
  dataDir: string;
  /** The presets are read from `<appRoot>/resources/challenges`. */
  appRoot: string;
  /** Offsets of the rulebooks' reset zones (Intl in the app). */
  zoneOffset: ZoneOffset;
  /** A challenge is a session: starting one counts against the plan's active sessions. */
  quotas: QuotaGate;
  /** The paid attempts the licence carries: a paid-only template needs an unused one to start. */
  licence: PaidAttemptSource;
}

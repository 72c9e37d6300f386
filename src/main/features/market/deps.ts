import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { FileGrants } from '../../platform/file-grants';
import type { NewId } from '../../platform/ids';
import type { QuotaGate } from '../plan';

/** Everything the market feature needs, all required: a capability that is absent here is a null object. */
export interface MarketDeps {
  store: Store;
  events: EventHub;
  clock: Clock;
  newId: NewId;
  /** The local profile that owns sessions, datasets and ledger entries. */
  userId: string;
  dataDir: string;
  /** Turns a source's handle or data-folder path into a path; refuses any other. */
  files: FileGrants;
  /** Plan limits on what imports create. */
  quotas: QuotaGate;
}

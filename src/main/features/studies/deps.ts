import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { NewId } from '../../platform/ids';

/** Everything the studies feature needs, all required: a capability that is absent here is a null object. */
export interface StudiesDeps {
  store: Store;
  clock: Clock;
  newId: NewId;
  userId: string;
}

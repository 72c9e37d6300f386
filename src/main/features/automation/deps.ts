import type { Dispatch } from '../../contract/dispatch';
import type { Store } from '../../db/open-database';
import type { EventHub } from '../../platform/events';
import type { Gated } from '../plan';

/** What the automation feature needs from the app; every field is required. */
export interface AutomationDeps {
  store: Store;
  events: EventHub;
  clock: { nowSeconds(): number };
  newId: () => string;
  /** The app's dispatcher (a thunk: it is made after the handlers, this feature's among them). */
  dispatch: Dispatch;
  log: (message: string, error?: unknown) => void;
  /** Plan limits (`createGated(quotas)`): how many clients may exist. */
  gated: Gated;
  /** Wall-clock milliseconds, for rate limits and webhook retry timing. */
  nowMs: () => number;
  /** How webhooks are sent (tests pass a fake). */
  fetch: typeof fetch;
}

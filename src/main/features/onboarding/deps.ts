import type { Dispatch } from '../../contract/dispatch';
import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { FileGrants } from '../../platform/file-grants';

/** Everything the onboarding feature needs, all required. */
export interface OnboardingDeps {
  store: Store;
  events: EventHub;
  clock: Clock;
  userId: string;
  /** Where `resources/sample/` is. */
  appRoot: string;
  /** The app's dispatcher (a thunk: it is made after the handlers): the sample goes through `import:run`. */
  dispatch: Dispatch;
  log: (message: string, error?: unknown) => void;
  /** The sample is the app's own file: it grants itself a read handle, as a dialog would. */
  files: FileGrants;
}

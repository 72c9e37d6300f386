import type { Updater } from './updater';

/** Everything the updates feature needs, all required: a capability that is absent here is a null object. */
export interface UpdatesDeps {
  /** electron-updater in the desktop app; elsewhere one that says updates are not available here. */
  updater: Updater;
}

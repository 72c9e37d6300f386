import type { Handlers } from '../../../shared/contract';
import type { updatesMethods } from '../../../shared/contract/updates';
import type { UpdatesDeps } from './deps';

export type UpdatesHandlers = Pick<Handlers, keyof typeof updatesMethods>;

/** `updates:*`, on whichever updater the app was given. */
export function createUpdatesHandlers({ updater }: UpdatesDeps): UpdatesHandlers {
  return {
    'updates:get-state': () => updater.getState(),
    'updates:check': () => updater.check(),
    'updates:download': () => updater.download(),
    'updates:install': () => updater.install(),
  };
}

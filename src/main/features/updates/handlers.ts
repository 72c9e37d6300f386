import type { Handlers } from '../../../shared/contract';
import type { updatesMethods } from '../../../shared/contract/updates';
import type { ServiceContext } from '../../app/context';
import { createUnsupportedUpdater } from './service';

export type UpdatesHandlers = Pick<Handlers, keyof typeof updatesMethods>;

/** `updates:*`: the context's updater (electron-updater in the desktop app), else one that says updates are not available here. */
export function createUpdatesHandlers(ctx: ServiceContext, currentVersion: string): UpdatesHandlers {
  const updater = ctx.updater ?? createUnsupportedUpdater(currentVersion);
  return {
    'updates:get-state': () => updater.getState(),
    'updates:check': () => updater.check(),
    'updates:download': () => updater.download(),
    'updates:install': () => updater.install(),
  };
}

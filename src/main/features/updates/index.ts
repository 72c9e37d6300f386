export type { UpdatesDeps } from './deps';
export { createUpdatesHandlers, type UpdatesHandlers } from './handlers';
export { createUnsupportedUpdater, createUpdater } from './service';
export type { UpdateDriver, UpdateDriverEvent, UpdateRelease, Updater } from './updater';

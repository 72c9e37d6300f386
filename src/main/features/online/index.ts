export { AccountService } from './account';
export type { OnlineDeps } from './deps';
export { createOnlineHandlers, type OnlineHandlers } from './handlers';
export { type FetchFn, ServerClient } from './server-client';
export { defaultServerUrl, normaliseUrl, SettingsStore } from './settings';
export { SupportService } from './support/service';

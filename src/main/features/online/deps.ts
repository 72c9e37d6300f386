import type { AccountService } from './account';
import type { SettingsStore } from './settings';
import type { SupportService } from './support/service';

/** Everything the online feature needs, all required: a capability that is absent here is a null object. */
export interface OnlineDeps {
  settings: SettingsStore;
  account: AccountService;
  support: SupportService;
}

import { randomUUID } from 'node:crypto';
import type { Store } from '../db/open-database';
import type { AccountService } from '../features/online/account';
import type { SettingsStore } from '../features/online/settings';
import type { SupportService } from '../features/online/support/service';
import type { LicenceManager } from '../features/plan/licence';
import type { Quotas } from '../features/plan/quotas';
import type { Updater } from '../features/updates/updater';
import type { EventHub } from '../platform/events';

/** Wall time for records (created_at and the like); never used for replay time. */
export interface Clock {
  nowSeconds(): number;
}

export const systemClock: Clock = { nowSeconds: () => Math.floor(Date.now() / 1000) };

/** What every service is built from. Tests build one on a temp data dir. */
export interface ServiceContext {
  store: Store;
  events: EventHub;
  clock: Clock;
  newId: () => string;
  dataDir: string;
  /** The local profile that owns sessions, datasets and transactions. */
  userId: string;
  /** Where long jobs may find their worker entry points and the repo's resources. */
  appRoot: string;
  /** Plan gating: `assertCanCreate(kind)` before creating, `record(kind)` after. Set by openApp. */
  quotas?: Quotas;
  /** The licence on this device (verified offline). Set by openApp. */
  licence?: LicenceManager;
  /** HTML to PDF: Electron's printToPDF in the desktop app; absent, Chromium through playwright-core. */
  printPdf?: (html: string) => Promise<Buffer>;
  /** App updates; absent in browser mode and the CLI. */
  updater?: Updater;
  /** Settings, the account on the hosted server and the support outbox. Set by openApp. */
  online?: { settings: SettingsStore; account: AccountService; support: SupportService };
}

export const defaultNewId = (): string => randomUUID();

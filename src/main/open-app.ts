import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../shared/contract';
import type { AppInfoDto } from '../shared/dto';
import { createDispatch, type Dispatch } from './contract/dispatch';
import { ensureLocalUser } from './db/local-user';
import { openDatabase, runMigrations } from './db/open-database';
import { EventHub } from './events';
import { type Clock, defaultNewId, type ServiceContext, systemClock } from './services/context';
import { createHandlers } from './services/handlers';
import { seedInstruments } from './services/instrument-catalogue';

export interface OpenAppOptions {
  dataDir: string;
  appRoot: string;
  mode: AppInfoDto['mode'];
  version?: string;
  clock?: Clock;
  newId?: () => string;
  log?: (message: string, error?: unknown) => void;
}

/** The whole local back end, as Electron, browser mode, the CLI and the tests all use it. */
export interface TickstepApp {
  ctx: ServiceContext;
  handlers: Handlers;
  dispatch: Dispatch;
  events: EventHub;
  close(): void;
}

export function openApp(options: OpenAppOptions): TickstepApp {
  mkdirSync(options.dataDir, { recursive: true });
  const store = openDatabase(join(options.dataDir, 'tickstep.db'));
  try {
    runMigrations(store, join(options.appRoot, 'drizzle', 'desktop'));
    const clock = options.clock ?? systemClock;
    const newId = options.newId ?? defaultNewId;
    const userId = ensureLocalUser(store, clock.nowSeconds());
    seedInstruments(store, clock.nowSeconds(), newId);
    const events = new EventHub();
    const ctx: ServiceContext = {
      store,
      events,
      clock,
      newId,
      dataDir: options.dataDir,
      userId,
      appRoot: options.appRoot,
    };
    const info: AppInfoDto = {
      version: options.version ?? '0.1.0',
      mode: options.mode,
      dataDir: options.dataDir,
    };
    const { handlers, dispose } = createHandlers(ctx, info);
    const log = options.log ?? ((message, error) => console.error(message, error));
    const dispatch = createDispatch(handlers, (name, error) => log(`Unexpected error in ${name}`, error));
    return {
      ctx,
      handlers,
      dispatch,
      events,
      close: () => {
        dispose();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

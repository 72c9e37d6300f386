import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { AppInfoDto } from '../../shared/dto';
import { createDispatch, type Dispatch } from '../contract/dispatch';
import { ensureLocalUser } from '../db/local-user';
import { openDatabase, runMigrations } from '../db/open-database';
import { Automation } from '../features/automation';
import { BlindRegistry, maskBlindEvent } from '../features/blind';
import { seedInstruments } from '../features/market';
import { createOnboardingHandlers, Onboarding } from '../features/onboarding';
import {
  AccountService,
  defaultServerUrl,
  type FetchFn,
  normaliseUrl,
  ServerClient,
  SettingsStore,
  SupportService,
} from '../features/online';
import { createGated, LicenceManager, loadLicencePublicKey, Quotas } from '../features/plan';
import { accountReminderEmail, type ReminderEmailSender } from '../features/practice';
import { createUnsupportedUpdater, type Updater } from '../features/updates';
import { type Clock, systemClock, systemNowMs } from '../platform/clock';
import { isDevelopmentRun } from '../platform/development-run';
import { EventHub } from '../platform/events';
import { FileGrants } from '../platform/file-grants';
import { hardwareId as machineHardwareId } from '../platform/hardware-id';
import { type NewId, randomId } from '../platform/ids';
import { type Notify, noNotifier } from '../platform/notifier';
import { htmlToPdf, type PrintPdf } from '../platform/pdf';
import { fileSecretStores, type SecretStoreFactory } from '../platform/secret-store';
import { systemTimers, type Timers } from '../platform/timers';
import { intlZoneOffset } from '../platform/zone-offset';
import { createHandlers } from './combine';
import type { AppContext } from './context';

export interface OpenAppOptions {
  dataDir: string;
  appRoot: string;
  mode: AppInfoDto['mode'];
  version?: string;
  clock?: Clock;
  newId?: NewId;
  log?: (message: string, error?: unknown) => void;
  /** The desktop app's updater (electron-updater); browser mode and the CLI leave it out. */
  updater?: Updater;
  /** The desktop app's PDF printer (printToPDF); browser mode and the CLI print with Chromium. */
  printPdf?: PrintPdf;
  /** Where secrets live: Electron safeStorage in the desktop app; by default 0600 files in the data dir. */
  secretStores?: SecretStoreFactory;
  /** The licence public key (SPKI PEM); by default resources/licence-public-key.pem (TICKSTEP_LICENCE_PUBLIC_KEY in development runs). */
  licencePublicKeyPem?: string | null;
  /** This machine's hashed id; computed from the operating system by default. */
  hardwareId?: string;
  /** The hosted server when the trader saved none; default TICKSTEP_SERVER_URL, else the built-in one. */
  defaultServerUrl?: string;
  /** For the hosted server's requests (tests wrap it to cut the connection mid-sync). */
  fetch?: FetchFn;
  /** Timers of the online loops (licence refresh, support sync); tests drive them by hand. */
  timers?: Timers;
  /** Milliseconds for those timers (default Date.now). */
  nowMs?: () => number;
  /** False: do not start the background refresh and sync loops (they still run on demand). */
  startOnline?: boolean;
  /**
   * True: a store with no dataset that was never seeded gets the sample dataset (a background
   * import). The desktop app and browser mode pass it; tests and the CLI start with an empty store.
   */
  seedSample?: boolean;
  /** The desktop notification for practice reminders (Electron's Notification); none by default. */
  notify?: Notify;
  /** Timers of the reminder check (every minute); real ones by default. Tests call checkReminders. */
  reminderTimers?: Timers;
  /** The practice reminder email; by default the hosted service through the signed-in account. */
  reminderEmail?: ReminderEmailSender;
}

/** The whole local back end, as Electron, browser mode, the CLI and the tests all use it. */
export interface TickstepApp {
  ctx: AppContext;
  handlers: Handlers;
  dispatch: Dispatch;
  events: EventHub;
  automation: Automation;
  /**
   * Hands out file handles: for the trusted callers only (the native dialogs, the CLI, tests),
   * never through the contract. Contract inputs name files by handle, not by path.
   */
  files: FileGrants;
  close(): void;
}

export function openApp(options: OpenAppOptions): TickstepApp {
  mkdirSync(options.dataDir, { recursive: true });
  const store = openDatabase(join(options.dataDir, 'tickstep.db'));
  try {
    runMigrations(store, join(options.appRoot, 'drizzle', 'desktop'));
    const clock = options.clock ?? systemClock;
    const newId = options.newId ?? randomId;
    const userId = ensureLocalUser(store, clock.nowSeconds());
    seedInstruments(store, clock.nowSeconds(), newId);
    const events = new EventHub();
    const secretStores = options.secretStores ?? fileSecretStores(options.dataDir);
    const licence = new LicenceManager({
      store: secretStores('licence'),
      publicKeyPem:
        options.licencePublicKeyPem !== undefined
          ? options.licencePublicKeyPem
          : loadLicencePublicKey(options.appRoot, process.env, isDevelopmentRun(process.env)),
      hardwareId: options.hardwareId ?? machineHardwareId(options.dataDir),
      clock,
    });
    // Verify the stored licence now; quota checks and account:get-plan await it.
    licence.ready().catch((error: unknown) => (options.log ?? console.error)('Licence check failed', error));
    const quotas = new Quotas({ store, userId, clock, newId, licence });
    const version = options.version ?? '0.1.0';
    const updater = options.updater ?? createUnsupportedUpdater(version);
    const stopUpdateEvents = updater.subscribe((state) => events.emit('updates:state', state));
    const log = options.log ?? ((message, error) => console.error(message, error));
    const timers = options.timers ?? systemTimers;
    const settings = new SettingsStore(
      options.dataDir,
      options.defaultServerUrl ? normaliseUrl(options.defaultServerUrl) : defaultServerUrl(),
    );
    const account = new AccountService({
      client: new ServerClient({ baseUrl: () => settings.serverUrl, fetch: options.fetch }),
      settings,
      store: secretStores('account'),
      licence,
      clock,
      events,
      timers,
      appVersion: version,
      log,
    });
    const files = new FileGrants(options.dataDir);
    const blind = new BlindRegistry(store);
    events.setOutgoing((name, payload) => maskBlindEvent(blind, name, payload));
    const support = new SupportService({
      store,
      clock,
      newId,
      dataDir: options.dataDir,
      files,
      events,
      account,
      timers,
      nowMs: options.nowMs,
      log,
    });
    if (options.startOnline !== false) {
      account.start();
      support.start();
    }
    const ctx: AppContext = {
      store,
      events,
      clock,
      newId,
      dataDir: options.dataDir,
      files,
      userId,
      appRoot: options.appRoot,
      quotas,
      licence,
      updater,
      printPdf: options.printPdf ?? htmlToPdf,
      zoneOffset: intlZoneOffset(),
      online: { settings, account, support },
      blind,
      notify: options.notify ?? noNotifier,
      reminderEmail: options.reminderEmail ?? accountReminderEmail(account),
    };
    const info: AppInfoDto = {
      version,
      mode: options.mode,
      dataDir: options.dataDir,
    };
    const automation = new Automation({
      store,
      events,
      clock,
      newId,
      log,
      gated: createGated(quotas),
      dispatch: (n, i) => dispatch(n, i),
      nowMs: options.nowMs ?? systemNowMs,
      fetch: globalThis.fetch,
    });
    const onboarding = new Onboarding({
      store,
      events,
      clock,
      userId,
      appRoot: options.appRoot,
      log,
      dispatch: (n, i) => dispatch(n, i),
      files,
    });
    const { handlers, dispose, practice } = createHandlers(
      ctx,
      info,
      automation.handlers,
      createOnboardingHandlers(onboarding),
    );
    const dispatch: Dispatch = onboarding.observe(
      automation.observe(
        createDispatch(handlers, (name, error) => log(`Unexpected error in ${name}`, error)),
      ),
    );
    if (options.mode === 'electron') automation.startIfEnabled();
    const reminderTimers = options.reminderTimers ?? systemTimers;
    let reminderHandle: unknown = null;
    const checkReminders = () => {
      try {
        practice.checkReminders();
      } catch (error) {
        log('Practice reminder check failed', error);
      }
      practice.checkEmailReminders().catch((error: unknown) => log('Practice reminder email failed', error));
      reminderHandle = reminderTimers.setTimeout(checkReminders, 60_000);
    };
    reminderHandle = reminderTimers.setTimeout(checkReminders, 5_000);
    if (options.seedSample) onboarding.seedOnFirstStart();
    return {
      ctx,
      handlers,
      dispatch,
      events,
      automation,
      files,
      close: () => {
        reminderTimers.clearTimeout(reminderHandle);
        onboarding.close();
        automation.close();
        stopUpdateEvents();
        account.stop();
        support.stop();
        updater.dispose();
        dispose();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

import type { BlindDeps, BlindRegistry } from '../features/blind';
import type { ChallengesDeps } from '../features/challenges';
import type { MarketDeps } from '../features/market';
import type { OnlineDeps } from '../features/online';
import type { LicenceManager, Quotas } from '../features/plan';
import type { PracticeDeps } from '../features/practice';
import type { ReportsDeps } from '../features/reports';
import type { StrategiesDeps } from '../features/strategies';
import type { StudiesDeps } from '../features/studies';
import type { TradingDeps } from '../features/trading';
import type { Updater } from '../features/updates';

/**
 * Everything openApp built, every field present: each feature takes its own slice of it. Tests
 * build one on a temp data dir and pass it to a single feature.
 */
export interface AppContext
  extends MarketDeps,
    TradingDeps,
    StudiesDeps,
    ReportsDeps,
    ChallengesDeps,
    StrategiesDeps,
    BlindDeps,
    PracticeDeps {
  /** Which sessions are blind and their masks (reports' exports use it too). */
  blind: BlindRegistry;
  /** Where long jobs may find their worker entry points and the repo's resources. */
  appRoot: string;
  quotas: Quotas;
  /** The licence on this device (verified offline). */
  licence: LicenceManager;
  updater: Updater;
  /** Settings, the account on the hosted server and the support outbox. */
  online: OnlineDeps;
}

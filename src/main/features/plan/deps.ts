import type { PaidAttemptClaim } from '../../../shared/paid-attempts';
import type { Quotas } from './quotas';

/** Everything the plan feature needs, all required: a capability that is absent here is a null object. */
export interface PlanDeps {
  quotas: Quotas;
}

/** What other features read of the licence's paid challenge attempts (LicenceManager implements it). */
export interface PaidAttemptSource {
  /** Resolves once the stored licence has been verified. */
  ready(): Promise<void>;
  paidAttempts(): PaidAttemptClaim[];
}

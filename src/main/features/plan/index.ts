export type { PaidAttemptSource, PlanDeps } from './deps';
export { createGated, type Gated, type QuotaGate } from './gate';
export { createPlanHandlers, type PlanHandlers } from './handlers';
export { LicenceManager, loadLicencePublicKey } from './licence';
export { monthPeriod, Quotas, type QuotaTarget } from './quotas';

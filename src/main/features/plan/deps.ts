import type { Quotas } from './quotas';

/** Everything the plan feature needs, all required: a capability that is absent here is a null object. */
export interface PlanDeps {
  quotas: Quotas;
}

import type { Handlers } from '../../../shared/contract';
import type { accountMethods } from '../../../shared/contract/account';
import type { PlanDeps } from './deps';

export type PlanHandlers = Pick<Handlers, keyof typeof accountMethods>;

/** `account:*`: the plan in force, the licence state and usage against the plan's limits. */
export function createPlanHandlers(deps: PlanDeps): PlanHandlers {
  return {
    'account:get-plan': () => deps.quotas.plan(),
  };
}

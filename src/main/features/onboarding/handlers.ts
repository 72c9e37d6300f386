import type { Handlers } from '../../../shared/contract';
import type { onboardingMethods } from '../../../shared/contract/onboarding';
import type { Onboarding } from './onboarding';

export type OnboardingHandlers = Pick<Handlers, keyof typeof onboardingMethods>;

/** Binds the first-run methods to the onboarding service. */
export function createOnboardingHandlers(onboarding: Onboarding): OnboardingHandlers {
  return {
    'onboarding:get': () => onboarding.get(),
    'onboarding:import-sample': () => onboarding.importSample(),
    'onboarding:dismiss': ({ dismissed }) => onboarding.dismiss(dismissed),
  };
}

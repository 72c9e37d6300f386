export type { OnboardingDeps } from './deps';
export { createOnboardingHandlers, type OnboardingHandlers } from './handlers';
export { Onboarding } from './onboarding';
export { SAMPLE_SYMBOLS, sampleFiles } from './sample-files';

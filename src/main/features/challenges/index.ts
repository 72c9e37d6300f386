export type { ChallengesDeps } from './deps';
export { type ChallengesHandlers, createChallengesHandlers } from './handlers';
export { ChallengeWatchers } from './service';

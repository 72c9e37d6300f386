export type { ChallengesDeps } from './deps';
export { type ChallengesHandlers, createChallengesHandlers } from './handlers';
export { challengeReport } from './report';
export { ChallengeWatchers } from './service';

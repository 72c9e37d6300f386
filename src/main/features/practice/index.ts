export type { PracticeDeps } from './deps';
export { createPracticeHandlers, type PracticeHandlers } from './handlers';
export type { PracticeService } from './service';

export type { StudiesDeps } from './deps';
export { createStudiesHandlers, type StudiesHandlers } from './handlers';

export type { BlindDeps } from './deps';
export { type BlindHandlers, createBlindHandlers } from './handlers';
export { BlindRegistry } from './registry';
export { maskBlindEvent, maskBlindSessions } from './wrap';

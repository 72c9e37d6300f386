export type { TradingDeps } from './deps';
export { createTradingHandlers, type TradingHandlers, type TradingServices } from './handlers';
export { closedPositionTags, sessionPerformance } from './performance';
export type { Scheduler, SessionRuntime } from './replay';
export { NO_WATCH, type SessionWatch, type SessionWatchers } from './session-watch';
export type { CreateSessionInput } from './sessions';
export { isoToTs, tsToIso } from './sessions';
export { getInstrumentRow, getPositionSessionId, getSessionRow } from './store';

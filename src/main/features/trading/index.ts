export type { TradingDeps } from './deps';
export { createTradingHandlers, type TradingHandlers } from './handlers';
export { closedPositionTags, sessionPerformance } from './performance';
export type { Scheduler } from './replay';
export { isoToTs, tsToIso } from './sessions';
export { getInstrumentRow, getPositionSessionId, getSessionRow } from './store';

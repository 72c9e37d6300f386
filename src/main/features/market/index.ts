export {
  basePeriodsBetween,
  basePlan,
  baseTimeframeAt,
  type PlanBarSource,
  planBarSource,
  readPlanBars,
} from './base-plan';
export { activeDatasets, findBaseDataset, readCandles } from './candle-store';
export { seedInstruments } from './catalogue';
export type { MarketDeps } from './deps';
export { createMarketHandlers, type MarketHandlers } from './handlers';
export { attachSpreads, hasDataSpreads, withDataSpreads } from './spreads';

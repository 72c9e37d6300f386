export {
  basePeriodsBetween,
  basePlan,
  baseTimeframeAt,
  planBarSource,
  readPlanBars,
} from './base-plan';
export { activeDatasets, findBaseDataset, readCandles } from './candle-store';
export { seedInstruments } from './catalogue';
export type { MarketDeps } from './deps';
export { createMarketHandlers, type MarketHandlers } from './handlers';

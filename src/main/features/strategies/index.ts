export type { BacktestService } from './backtests';
export type { StrategiesDeps } from './deps';
export { createStrategiesHandlers, type StrategiesHandlers } from './handlers';
export type { OptimisationService } from './optimisations';

/**
 * Timeframes and speeds belong to the core (the simulator defines them); the contract re-exports
 * them so main, the preload and the renderer keep one import path.
 */
export {
  isTimeframe,
  SPEEDS,
  type Speed,
  TIMEFRAME_SECONDS,
  TIMEFRAMES,
  type Timeframe,
} from '../core/market/timeframes';

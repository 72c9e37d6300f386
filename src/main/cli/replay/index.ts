export { replayCommand } from './command';
export {
  metricsOut,
  type ReplayOutput,
  stringifyReplayOutput,
  stringifyWithMoney,
  textReport,
} from './output';
export { runReplayScript } from './run';
export { parseReplayScript, type ReplayScript, replayScriptSchema } from './script';

export type { PerformanceInput, PerformanceSummary as ReplaySummary } from './performance';
/** The end-of-replay summary is the full performance summary (one computation for the CLI, the app and reports). */
export { performanceSummary as replaySummary } from './performance';

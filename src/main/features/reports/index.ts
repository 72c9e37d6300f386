export type { ReportsDeps } from './deps';
export { createReportHandlers, type ReportHandlers } from './handlers';

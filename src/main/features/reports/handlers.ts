import type { Handlers } from '../../../shared/contract';
import type { reportsMethods } from '../../../shared/contract/reports';
import { createGated } from '../plan';
import type { ReportsDeps } from './deps';
import { exportReport } from './export/export';
import { JournalService } from './journal';
import { reportOnCompletion } from './on-completion';
import { ReportService } from './reports';
import { JournalScreenshotService } from './screenshots';

export type ReportHandlers = Pick<Handlers, keyof typeof reportsMethods>;

/** Binds the reports and journal methods, and stores a report whenever a session completes. */
export function createReportHandlers(
  deps: ReportsDeps,
  log: (message: string) => void = () => {},
): { handlers: ReportHandlers; dispose(): void; reports: ReportService } {
  const reports = new ReportService(deps);
  const journal = new JournalService(deps);
  const screenshots = new JournalScreenshotService(deps);
  const gated = createGated(deps.quotas);
  return {
    reports,
    handlers: {
      'reports:create': ({ sessionId }) => reports.create(sessionId),
      'reports:get': ({ reportId }) => reports.get(reportId),
      'reports:list': ({ sessionId }) => reports.list(sessionId),
      'reports:summary': ({ sessionId }) => reports.summary(sessionId),
      // The report is looked up before the plan check, so an unknown id is NOT_FOUND whatever the plan.
      'reports:export': gated(
        'report-exports',
        (input) => exportReport(deps, reports, input),
        ({ reportId }) => {
          reports.get(reportId);
          return {};
        },
      ),
      'journal:list': ({ sessionId }) => journal.list(sessionId),
      'journal:save': (input) => journal.save(input),
      'journal:add-screenshot': (input) => screenshots.add(input),
      'journal:screenshots': ({ sessionId, positionId }) => screenshots.list(sessionId, positionId),
      'journal:read-screenshot': ({ screenshotId }) => screenshots.read(screenshotId),
      'journal:delete-screenshot': ({ screenshotId }) => screenshots.delete(screenshotId),
    },
    dispose: reportOnCompletion(deps.events, reports, log),
  };
}

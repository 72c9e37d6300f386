import type { Handlers } from '../../../shared/contract';
import type { reportsMethods } from '../../../shared/contract/reports';
import type { ServiceContext } from '../../app/context';
import { exportReport } from './export/export';
import { JournalService } from './journal';
import { ReportService } from './reports';
import { JournalScreenshotService } from './screenshots';

export type ReportHandlers = Pick<Handlers, keyof typeof reportsMethods>;

/**
 * Binds the reports and journal methods, and stores a report whenever a session completes (the
 * one `replay:tick` with status COMPLETED that the step reaching the end of the data pushes).
 */
export function createReportHandlers(
  ctx: ServiceContext,
  log: (message: string) => void = () => {},
): { handlers: ReportHandlers; dispose(): void; reports: ReportService } {
  const reports = new ReportService(ctx);
  const journal = new JournalService(ctx);
  const screenshots = new JournalScreenshotService(ctx);
  const unsubscribe = ctx.events.subscribe((name, payload) => {
    if (name !== 'replay:tick') return;
    const tick = payload as { sessionId: string; status: string };
    if (tick.status !== 'COMPLETED') return;
    try {
      reports.create(tick.sessionId);
    } catch (error) {
      log(`Could not store the report of session ${tick.sessionId}: ${(error as Error).message}`);
    }
  });
  return {
    reports,
    handlers: {
      'reports:create': ({ sessionId }) => reports.create(sessionId),
      'reports:get': ({ reportId }) => reports.get(reportId),
      'reports:list': ({ sessionId }) => reports.list(sessionId),
      'reports:summary': ({ sessionId }) => reports.summary(sessionId),
      'reports:export': (input) => exportReport(ctx, reports, input),
      'journal:list': ({ sessionId }) => journal.list(sessionId),
      'journal:save': (input) => journal.save(input),
      'journal:add-screenshot': (input) => screenshots.add(input),
      'journal:screenshots': ({ sessionId, positionId }) => screenshots.list(sessionId, positionId),
      'journal:read-screenshot': ({ screenshotId }) => screenshots.read(screenshotId),
      'journal:delete-screenshot': ({ screenshotId }) => screenshots.delete(screenshotId),
    },
    dispose: unsubscribe,
  };
}

import type { EventHub } from '../../platform/events';
import type { ReportService } from './reports';

/**
 * Stores a report whenever a session completes: the one `replay:tick` with status COMPLETED that
 * the step reaching the end of the data pushes. Returns the unsubscribe.
 */
export function reportOnCompletion(
  events: EventHub,
  reports: ReportService,
  log: (message: string) => void,
): () => void {
  return events.subscribe((name, payload) => {
    if (name !== 'replay:tick') return;
    const tick = payload as { sessionId: string; status: string };
    if (tick.status !== 'COMPLETED') return;
    try {
      reports.create(tick.sessionId);
    } catch (error) {
      log(`Could not store the report of session ${tick.sessionId}: ${(error as Error).message}`);
    }
  });
}

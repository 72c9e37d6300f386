import type { EventHub } from '../../platform/events';
import type { ReportService } from './reports';

/**
 * Stores a report whenever a session completes: the one `replay:tick` with status COMPLETED that
 * the step reaching the end of the data (or ending a challenge) pushes, or a challenge ended by a
 * trader action (`challenges:ended` by 'action': an order that broke a rule, the close that
 * passed, the trader's own end), which has no tick. Returns the unsubscribe.
 */
export function reportOnCompletion(
  events: EventHub,
  reports: ReportService,
  log: (message: string) => void,
): () => void {
  return events.subscribe((name, payload) => {
    let sessionId: string;
    if (name === 'replay:tick') {
      const tick = payload as { sessionId: string; status: string };
      if (tick.status !== 'COMPLETED') return;
      sessionId = tick.sessionId;
    } else if (name === 'challenges:ended') {
      const ended = payload as { sessionId: string; by: string };
      if (ended.by !== 'action') return;
      sessionId = ended.sessionId;
    } else return;
    try {
      reports.create(sessionId);
    } catch (error) {
      log(`Could not store the report of session ${sessionId}: ${(error as Error).message}`);
    }
  });
}

import type { ChallengeTemplate } from '../../../core/challenges/rulebook';
import type { ChallengeReportDto } from '../../../shared/contract/challenges';
import type { Store } from '../../db/open-database';
import { eventDto } from './dto';
import { challengeRowForSession, listEventRows } from './store';

/**
 * The challenge part of a session's report, read when the report is made (so the report keeps
 * the outcome as it stood): null for a session that is not a challenge.
 */
export function challengeReport(store: Store, sessionId: string): ChallengeReportDto | null {
  const row = challengeRowForSession(store, sessionId);
  if (!row) return null;
  const template = row.rulebookJson as ChallengeTemplate;
  const events = listEventRows(store, row.id).map(eventDto);
  const last = [...events]
    .reverse()
    .find((e) => e.kind === 'passed' || e.kind === 'failed' || e.kind === 'ended');
  const message = typeof last?.detail.message === 'string' ? last.detail.message : null;
  const outcome =
    row.status === 'ACTIVE'
      ? 'still active when this report was made'
      : row.status === 'PASSED'
        ? `passed at ${last?.at ?? 'its last step'}: every objective met`
        : (message ?? row.status.toLowerCase());
  return {
    challengeId: row.id,
    templateName: template.name,
    phaseName: template.phases[row.phaseIndex]?.name ?? '',
    status: row.status,
    outcome,
    events,
  };
}

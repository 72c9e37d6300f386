import type { SupportSyncDto } from '../../../../shared/contract/online';
import { formatTs } from '../../shared/format';

/** Request statuses in the trader's words. */
export const STATUS_WORDS: Record<string, string> = {
  OPEN: 'Open',
  'PENDING APPROVAL': 'Waiting for you',
  CLOSED: 'Closed',
};

/** Where the outbox stands, in one line. */
export function syncText(s: SupportSyncDto | null): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.pending > 0) parts.push(`${s.pending} waiting to send`);
  if (s.failed > 0) parts.push(`${s.failed} refused by the server`);
  if (s.syncedAt) parts.push(`last synced ${formatTs(s.syncedAt)} UTC`);
  return parts.join(' · ') || 'Nothing synced yet';
}

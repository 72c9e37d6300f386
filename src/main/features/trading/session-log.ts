// The session log's rows: appended in the transaction of the change they record, read in order.
import type { LoggedEvent, SessionEvent } from '../../../core/replay/session-log';
import type { Store } from '../../db/open-database';
import { prepared } from './store';

export interface AppendedEvent {
  event: SessionEvent;
  ids: readonly string[];
  cursorTs: number;
  status: string;
  ledgerSeq: number;
}

/** Appends after the session's last entry; call inside the transaction of the change. */
export function appendEvent(store: Store, sessionId: string, entry: AppendedEvent, now: number): void {
  const { kind, ...payload } = entry.event;
  prepared(
    store,
    `INSERT INTO session_events (session_id, seq, kind, payload_json, ids_json, cursor_ts, status, ledger_seq, created_at)
     SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM session_events WHERE session_id = ?`,
  ).run(
    sessionId,
    kind,
    JSON.stringify(payload),
    JSON.stringify(entry.ids),
    entry.cursorTs,
    entry.status,
    entry.ledgerSeq,
    now,
    sessionId,
  );
}

export function hasLog(store: Store, sessionId: string): boolean {
  return (
    prepared(store, 'SELECT 1 FROM session_events WHERE session_id = ? LIMIT 1').get(sessionId) !== undefined
  );
}

/** The whole log, oldest first. */
export function readLog(store: Store, sessionId: string): LoggedEvent[] {
  const rows = prepared(
    store,
    'SELECT seq, kind, payload_json AS payload, ids_json AS ids, cursor_ts AS cursorTs FROM session_events WHERE session_id = ? ORDER BY seq',
  ).all(sessionId) as { seq: number; kind: string; payload: string; ids: string; cursorTs: number }[];
  return rows.map((r) => ({
    seq: r.seq,
    event: { kind: r.kind, ...JSON.parse(r.payload) } as SessionEvent,
    ids: JSON.parse(r.ids) as string[],
    cursorTs: r.cursorTs,
  }));
}

/**
 * Why a session's past may not be replayed or rewritten, or null: a challenge is judged on one
 * pass through the data, and a blind session on not knowing where it is.
 */
export function rewindLock(store: Store, sessionId: string): string | null {
  if (prepared(store, 'SELECT 1 FROM challenges WHERE session_id = ? LIMIT 1').get(sessionId)) {
    return 'This session is a challenge: its past is locked (no step back, no branch)';
  }
  if (prepared(store, 'SELECT 1 FROM blind_sessions WHERE session_id = ? LIMIT 1').get(sessionId)) {
    return 'This session is blind: its past is locked (no step back, no branch)';
  }
  return null;
}

import type Database from 'better-sqlite3';
import type { Store } from '../../db/open-database';

// Every replay step runs both: compiled once per database, not per step.
const statementsByDb = new WeakMap<
  Database.Database,
  { cursor: Database.Statement; bars: Database.Statement }
>();

function statements(store: Store): { cursor: Database.Statement; bars: Database.Statement } {
  let found = statementsByDb.get(store.sqlite);
  if (!found) {
    found = {
      cursor: store.sqlite.prepare(
        'SELECT cursor_ts AS cursorTs, instrument_id AS instrumentId, base_timeframe AS baseTimeframe FROM sessions WHERE id = ?',
      ),
      bars: store.sqlite.prepare(
        'SELECT count(*) AS n FROM candles WHERE series_id = (SELECT id FROM series WHERE instrument_id = ? AND timeframe = ?) AND ts > ? AND ts <= ?',
      ),
    };
    statementsByDb.set(store.sqlite, found);
  }
  return found;
}

export interface SessionCursor {
  cursorTs: number;
  instrumentId: string;
  baseTimeframe: string;
}

/** The session's stored cursor (real time, whatever a blind session shows). */
export function sessionCursor(store: Store, sessionId: string): SessionCursor | null {
  const row = statements(store).cursor.get(sessionId) as SessionCursor | undefined;
  return row ?? null;
}

/** Base bars in (fromTs, toTs]: a weekend gap counts as the one bar it is. */
export function barsBetween(store: Store, at: SessionCursor, fromTs: number, toTs: number): number {
  const row = statements(store).bars.get(at.instrumentId, at.baseTimeframe, fromTs, toTs) as { n: number };
  return row.n;
}

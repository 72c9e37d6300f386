import type { Statement } from 'better-sqlite3';
import type { Store } from '../../db/open-database';
import { BlindMask } from './mask';

export interface BlindRow {
  sessionId: string;
  seed: number;
  timeShiftSeconds: number;
  priceOffset: number;
  status: string;
  symbol: string;
  digits: number;
  startTs: number;
  cursorTs: number;
}

/** A session's blind state is over once it ends: then everything shows as stored. */
export function isEnded(status: string): boolean {
  return status === 'COMPLETED' || status === 'ARCHIVED';
}

/**
 * Which sessions are blind and how they are masked, read from the store on every call: the
 * session's status is the one truth about whether it has ended, so nothing here can go stale.
 */
export class BlindRegistry {
  // Prepared once: every contract call asks, and compiling the SQL cost more than running it.
  private statements: { row: Statement; anyRunning: Statement } | null = null;

  constructor(private readonly store: Store) {}

  private get prepared(): { row: Statement; anyRunning: Statement } {
    this.statements ??= {
      row: this.store.sqlite.prepare(
        `SELECT b.session_id AS sessionId, b.seed, b.time_shift_seconds AS timeShiftSeconds,
                b.price_offset AS priceOffset, s.status, s.start_ts AS startTs, s.cursor_ts AS cursorTs,
                i.symbol, i.digits
           FROM blind_sessions b JOIN sessions s ON s.id = b.session_id JOIN instruments i ON i.id = s.instrument_id
          WHERE b.session_id = ?`,
      ),
      anyRunning: this.store.sqlite.prepare(
        `SELECT 1 FROM blind_sessions b JOIN sessions s ON s.id = b.session_id
          WHERE s.status NOT IN ('COMPLETED', 'ARCHIVED') LIMIT 1`,
      ),
    };
    return this.statements;
  }

  row(sessionId: string): BlindRow | null {
    const row = this.prepared.row.get(sessionId) as BlindRow | undefined;
    return row ?? null;
  }

  /** True while at least one blind session has not ended. */
  anyRunning(): boolean {
    return this.prepared.anyRunning.get() !== undefined;
  }

  /** The mask of a blind session that has not ended yet; null for any other session. */
  maskFor(sessionId: string): BlindMask | null {
    const row = this.row(sessionId);
    if (!row || isEnded(row.status)) return null;
    return new BlindMask({
      timeShiftSeconds: row.timeShiftSeconds,
      priceOffset: row.priceOffset,
      digits: row.digits,
    });
  }

  /** `value` as the trader may see it: unchanged unless `sessionId` is a running blind session. */
  out<T>(sessionId: string, value: T): T {
    const mask = this.maskFor(sessionId);
    return mask ? mask.out(value) : value;
  }
}

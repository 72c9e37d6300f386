import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { instruments } from './market';
import { sessions } from './trading';
import { users } from './users';

/**
 * The chart setup of one session: its indicators (kind, parameters, pane, colour) and chart
 * settings, as JSON validated by the contract (src/shared/contract/studies.ts) on the way in.
 */
export const chartSetups = sqliteTable('chart_setups', {
  sessionId: text()
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  indicatorsJson: text({ mode: 'json' }).notNull(),
  settingsJson: text({ mode: 'json' }).notNull(),
  ...timestamps,
});

/**
 * Chart drawings, anchored by points `{ ts, price }`. Every drawing belongs to an instrument.
 * `sessionId` null = an instrument drawing, shown in every session of the instrument once that
 * session's replay cursor has reached `revealTs` (the replay time it was drawn at), so a level
 * drawn with hindsight never leaks into an earlier replay. A session drawing (`sessionId` set)
 * shows only in its session and is deleted with it.
 */
export const drawings = sqliteTable(
  'drawings',
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    sessionId: text().references(() => sessions.id, { onDelete: 'cascade' }),
    kind: text({
      enum: ['horizontal-line', 'trend-line', 'ray', 'rectangle', 'fibonacci', 'text'],
    }).notNull(),
    pointsJson: text({ mode: 'json' }).notNull(),
    styleJson: text({ mode: 'json' }).notNull(),
    /** Replay time (UTC seconds) of the session cursor when the drawing was last saved. */
    revealTs: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    index('drawings_instrument_idx').on(t.instrumentId, t.revealTs),
    index('drawings_session_idx').on(t.sessionId),
  ],
);

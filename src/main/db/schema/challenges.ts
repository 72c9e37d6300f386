import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { sessions } from './trading';
import { users } from './users';

/**
 * The trader's own challenge rulebooks (seed 003 templates): copies of the presets in
 * resources/challenges, edited. The rulebook is a ChallengeTemplate as JSON, validated by the
 * core's validateTemplate before every write. Presets themselves stay files, never rows.
 */
export const challengeTemplates = sqliteTable(
  'challenge_templates',
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id),
    /** The preset (or template) it was copied from, for the trader's reference. */
    copiedFrom: text(),
    rulebookJson: text({ mode: 'json' }).notNull(),
    ...timestamps,
  },
  (t) => [index('challenge_templates_user_idx').on(t.userId)],
);

/**
 * A challenge: one replay session bound to one phase of a rulebook. The rulebook is copied in at
 * the start, so editing the template later never changes a running challenge. The evaluator's
 * state is written in the same transaction as the session's step (crash-safe like the session).
 */
export const challenges = sqliteTable(
  'challenges',
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id),
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** The preset id or the trader's template id it started from. */
    templateId: text().notNull(),
    rulebookJson: text({ mode: 'json' }).notNull(),
    phaseIndex: integer().notNull(),
    /** ENDED: the trader ended it before a pass or a breach (`challenges:end`). */
    status: text({ enum: ['ACTIVE', 'PASSED', 'FAILED', 'ENDED'] }).notNull(),
    /** UTC seconds the phase started at (its day is challenge day 1). */
    startTs: integer().notNull(),
    /** The breach: rule, tick time and index, the limit and the measured value. */
    breachRule: text(),
    breachTs: integer(),
    breachTick: integer(),
    breachLimit: real(),
    breachValue: real(),
    passedTs: integer(),
    /** The core evaluator's EvaluatorState as JSON. */
    evaluatorJson: text({ mode: 'json' }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('challenges_session_idx').on(t.sessionId), index('challenges_user_idx').on(t.userId)],
);

/** What happened to a challenge, in order: start, daily resets, deadline warnings, the outcome. */
export const challengeEvents = sqliteTable(
  'challenge_events',
  {
    id: id(),
    challengeId: text()
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['started', 'day-reset', 'deadline', 'passed', 'failed', 'ended'] }).notNull(),
    /** Replay time (UTC seconds) of the event. */
    ts: integer().notNull(),
    /** Amounts and numbers of the event (balance, floor, rule, limit, value), as JSON. */
    detailJson: text({ mode: 'json' }).notNull(),
    ...timestamps,
  },
  (t) => [index('challenge_events_challenge_idx').on(t.challengeId, t.ts)],
);

/**
 * Paid challenge attempts and resets used on this computer, one row each (issue 18). The licence
 * carries what was bought (signed, checked offline); a row here means it was consumed by starting
 * a challenge. No foreign key to the challenge: deleting its session never gives the attempt back.
 */
export const challengeAttemptUses = sqliteTable(
  'challenge_attempt_uses',
  {
    /** The hosted server's payment intent id (the licence claim's `id`). */
    attemptId: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: ['attempt', 'reset'] }).notNull(),
    /** The paid-only template it unlocked. */
    templateId: text().notNull(),
    challengeId: text().notNull(),
    /** UTC seconds. */
    usedAt: integer().notNull(),
  },
  (t) => [index('challenge_attempt_uses_user_idx').on(t.userId, t.templateId)],
);

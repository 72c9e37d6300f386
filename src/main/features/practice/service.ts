import { eq, sql } from 'drizzle-orm';
import {
  dueReminders,
  NO_STREAK,
  type PracticeActivity,
  recordPractice,
  type StreakRules,
  type StreakState,
  streakAt,
} from '../../../core/challenges';
import type { PracticeDto } from '../../../shared/contract/practice';
import { practiceReminders, practiceStreaks } from '../../db/schema';
import type { PracticeDeps } from './deps';
import { barsBetween, sessionCursor } from './store';

type Row = typeof practiceStreaks.$inferSelect;
const DAY = 86_400;
/** How long the reminder's window stays open after its time: a late start of the app still sends it. */
const WINDOW_MINUTES = 120;
export const REMINDER_CHANNEL = 'desktop';

/**
 * Streak and reminders of the local profile. Replay steps feed it (`onTick`); the app's timer
 * calls `checkReminders` every minute; the clock and zone offsets are injected.
 */
export class PracticeService {
  /** Last cursor seen per session in this run, to count the bars each step revealed. */
  private readonly cursors = new Map<string, number>();
  // Every replay step reads and writes the streak: statements compiled once, not per step.
  private statements: ReturnType<typeof prepareStreak> | null = null;

  constructor(private readonly deps: PracticeDeps) {}

  private get prepared(): ReturnType<typeof prepareStreak> {
    this.statements ??= prepareStreak(this.deps.store);
    return this.statements;
  }

  private row(): Row {
    const found = this.prepared.row.get({ userId: this.deps.userId });
    if (found) return found;
    const fresh: Row = {
      userId: this.deps.userId,
      ...NO_STREAK,
      barsPerDay: 200,
      reminderTime: null,
      zone: 'UTC',
      updatedAt: this.deps.clock.nowSeconds(),
    };
    this.deps.store.db.insert(practiceStreaks).values(fresh).onConflictDoNothing().run();
    return fresh;
  }

  private rules(row: Row): StreakRules {
    return { barsPerDay: row.barsPerDay, offsetMinutesAt: (ts) => this.deps.zoneOffset(row.zone, ts) };
  }

  get(): PracticeDto {
    const row = this.row();
    const view = streakAt(row, this.deps.clock.nowSeconds(), this.rules(row));
    return {
      currentStreakDays: view.current,
      bestStreakDays: view.best,
      lastStreakDate: view.lastDate,
      todayCounts: view.todayCounts,
      barsLeftToday: view.barsLeftToday,
      barsPerDay: row.barsPerDay,
      reminderTime: row.reminderTime,
      zone: row.zone,
    };
  }

  saveSettings(input: { barsPerDay?: number; reminderTime?: string | null; zone?: string }): PracticeDto {
    this.row();
    const patch: Partial<Row> = { updatedAt: this.deps.clock.nowSeconds() };
    if (input.barsPerDay !== undefined) patch.barsPerDay = input.barsPerDay;
    if (input.reminderTime !== undefined) patch.reminderTime = input.reminderTime;
    if (input.zone !== undefined) patch.zone = input.zone;
    this.deps.store.db
      .update(practiceStreaks)
      .set(patch)
      .where(eq(practiceStreaks.userId, this.deps.userId))
      .run();
    return this.get();
  }

  record(activity: PracticeActivity): void {
    const row = this.row();
    const state: StreakState = row;
    const next = recordPractice(state, activity, this.deps.clock.nowSeconds(), this.rules(row));
    if (next === state) return;
    this.prepared.saveStreak.run({
      currentStreakDays: next.currentStreakDays,
      bestStreakDays: next.bestStreakDays,
      lastStreakDate: next.lastStreakDate,
      pendingDate: next.pendingDate,
      pendingBars: next.pendingBars,
      updatedAt: this.deps.clock.nowSeconds(),
      userId: this.deps.userId,
    });
  }

  /**
   * A replay step of `sessionId`: the base bars it revealed count, and crossing a midnight of the
   * market's days completes a replay day. Read from the stored cursor (real time, blind or not);
   * the first step seen of a session in this run counts as one bar, since the cursor before it is
   * not known here.
   */
  onStep(sessionId: string): void {
    const at = sessionCursor(this.deps.store, sessionId);
    if (!at) return;
    const previous = this.cursors.get(sessionId);
    this.cursors.set(sessionId, at.cursorTs);
    if (previous !== undefined && at.cursorTs <= previous) return;
    const bars = previous === undefined ? 1 : barsBetween(this.deps.store, at, previous, at.cursorTs);
    if (bars > 0) this.record({ kind: 'bars', count: bars });
    if (previous !== undefined && Math.floor(at.cursorTs / DAY) > Math.floor(previous / DAY)) {
      this.record({ kind: 'replay-day-completed' });
    }
  }

  /** Sends what is due now: at most one per window and channel, none once today counts. */
  checkReminders(): number {
    const row = this.row();
    if (row.reminderTime === null) return 0;
    const sent = this.deps.store.db
      .select({ dueWindowKey: practiceReminders.dueWindowKey, channel: practiceReminders.channel })
      .from(practiceReminders)
      .where(eq(practiceReminders.userId, this.deps.userId))
      .all();
    const due = dueReminders({
      nowTs: this.deps.clock.nowSeconds(),
      offsetMinutesAt: (ts) => this.deps.zoneOffset(row.zone, ts),
      windows: [{ time: row.reminderTime, lengthMinutes: WINDOW_MINUTES, channels: [REMINDER_CHANNEL] }],
      sent,
      streak: row,
    });
    const view = this.get();
    for (const reminder of due) {
      // Recorded before it is shown: a crash in between loses one reminder rather than doubling it.
      const inserted = this.deps.store.db
        .insert(practiceReminders)
        .values({ userId: this.deps.userId, ...reminder, sentAt: this.deps.clock.nowSeconds() })
        .onConflictDoNothing()
        .run();
      if (inserted.changes === 0) continue;
      const title = 'Time to practise';
      const body =
        view.currentStreakDays > 0
          ? `Replay ${view.barsLeftToday} more bars today to keep your ${view.currentStreakDays}-day streak.`
          : `Replay ${view.barsLeftToday} bars today to start a streak.`;
      this.deps.events.emit('practice:reminder', { dueWindowKey: reminder.dueWindowKey, title, body });
      this.deps.notify({ title, body });
    }
    return due.length;
  }
}

function prepareStreak(store: PracticeDeps['store']) {
  return {
    row: store.db
      .select()
      .from(practiceStreaks)
      .where(eq(practiceStreaks.userId, sql.placeholder('userId')))
      .prepare(),
    saveStreak: store.sqlite.prepare(
      `UPDATE practice_streaks SET current_streak_days = @currentStreakDays, best_streak_days = @bestStreakDays,
         last_streak_date = @lastStreakDate, pending_date = @pendingDate, pending_bars = @pendingBars,
         updated_at = @updatedAt
       WHERE user_id = @userId`,
    ),
  };
}

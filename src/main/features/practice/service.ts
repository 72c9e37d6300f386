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
export const EMAIL_CHANNEL = 'email';

/**
 * Streak and reminders of the local profile. Replay steps feed it (`onTick`); the app's timer
 * calls `checkReminders` every minute; the clock and zone offsets are injected.
 */
export class PracticeService {
  /** Last cursor seen per session in this run, to count the bars each step revealed. */
  private readonly cursors = new Map<string, number>();
  // Every replay step reads and writes the streak: statements compiled once, not per step.
  private statements: ReturnType<typeof prepareStreak> | null = null;
  /** The email check in flight: a second check waits for it instead of asking for the same window. */
  private emailing: Promise<number> | null = null;

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
      emailReminders: false,
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
      emailReminders: row.emailReminders,
    };
  }

  saveSettings(input: {
    barsPerDay?: number;
    reminderTime?: string | null;
    zone?: string;
    emailReminders?: boolean;
  }): PracticeDto {
    this.row();
    const patch: Partial<Row> = { updatedAt: this.deps.clock.nowSeconds() };
    if (input.barsPerDay !== undefined) patch.barsPerDay = input.barsPerDay;
    if (input.reminderTime !== undefined) patch.reminderTime = input.reminderTime;
    if (input.zone !== undefined) patch.zone = input.zone;
    if (input.emailReminders !== undefined) patch.emailReminders = input.emailReminders;
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

  /** The reminders of `channel` due now: inside today's window, not sent yet, the day not counting. */
  private due(row: Row, channel: string) {
    if (row.reminderTime === null) return [];
    const sent = this.deps.store.db
      .select({ dueWindowKey: practiceReminders.dueWindowKey, channel: practiceReminders.channel })
      .from(practiceReminders)
      .where(eq(practiceReminders.userId, this.deps.userId))
      .all();
    return dueReminders({
      nowTs: this.deps.clock.nowSeconds(),
      offsetMinutesAt: (ts) => this.deps.zoneOffset(row.zone, ts),
      windows: [{ time: row.reminderTime, lengthMinutes: WINDOW_MINUTES, channels: [channel] }],
      sent,
      streak: row,
    });
  }

  /** Sends what is due now: at most one per window and channel, none once today counts. */
  checkReminders(): number {
    const row = this.row();
    const due = this.due(row, REMINDER_CHANNEL);
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

  /**
   * Asks the hosted service for the reminder email when the trader turned it on: same window as
   * the desktop reminder, none once today counts. Recorded (channel `email`) only once the server
   * answers sent or already sent; signed out or offline it stays unrecorded, so the next check
   * retries while the window is open. The server keeps one per window, so a crash between its
   * answer and the record cannot make a second email. Resolves to the windows settled.
   */
  checkEmailReminders(): Promise<number> {
    this.emailing ??= this.sendEmailReminders().finally(() => {
      this.emailing = null;
    });
    return this.emailing;
  }

  private async sendEmailReminders(): Promise<number> {
    const row = this.row();
    if (!row.emailReminders || row.reminderTime === null) return 0;
    let settled = 0;
    for (const reminder of this.due(row, EMAIL_CHANNEL)) {
      const view = this.get();
      const outcome = await this.deps.reminderEmail.send({
        windowKey: reminder.dueWindowKey,
        localTime: row.reminderTime,
        currentStreakDays: view.currentStreakDays,
        barsLeftToday: view.barsLeftToday,
      });
      if (outcome === 'unavailable') continue;
      this.deps.store.db
        .insert(practiceReminders)
        .values({ userId: this.deps.userId, ...reminder, sentAt: this.deps.clock.nowSeconds() })
        .onConflictDoNothing()
        .run();
      settled++;
    }
    return settled;
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

/**
 * Practice reminders (seed 003: ChallengeReminder with dueWindowKey, channel, sentAt). Each
 * schedule window is a local time and a length; a reminder is due for a window and channel while
 * the local clock is inside the window, unless that day already counts for the streak or one was
 * already sent for that window and channel. Pure: the clock and the zone offset come in.
 */
import { clockSeconds, DAY_SECONDS, isoDate } from './challenge-day';
import { localDate, type StreakState } from './streaks';

export interface ReminderWindow {
  /** Local 'HH:MM' the window opens. */
  time: string;
  /** How long it stays open; a window may run past midnight. */
  lengthMinutes: number;
  channels: readonly string[];
}

export interface Reminder {
  /** The window's local date and time: '2026-12-03T18:00'; stable, so a sent one is never repeated. */
  dueWindowKey: string;
  channel: string;
}

export interface DueRemindersInput {
  nowTs: number;
  offsetMinutesAt: (ts: number) => number;
  windows: readonly ReminderWindow[];
  /** Reminders already sent (any age): matched on window key and channel. */
  sent: readonly Reminder[];
  streak: StreakState;
}

/** The reminders to send now, in schedule then channel order. */
export function dueReminders(input: DueRemindersInput): Reminder[] {
  const wall = input.nowTs + input.offsetMinutesAt(input.nowTs) * 60;
  const today = localDate(input.nowTs, input.offsetMinutesAt);
  const sent = new Set(input.sent.map((r) => `${r.dueWindowKey}|${r.channel}`));
  const due: Reminder[] = [];
  for (const window of input.windows) {
    // The window of today, or of yesterday when it runs past midnight.
    for (const date of [today - 1, today]) {
      const start = date * DAY_SECONDS + clockSeconds(window.time);
      if (wall < start || wall >= start + window.lengthMinutes * 60) continue;
      const dateIso = isoDate(date);
      if (input.streak.lastStreakDate === dateIso) continue;
      const dueWindowKey = `${dateIso}T${window.time}`;
      for (const channel of window.channels) {
        if (!sent.has(`${dueWindowKey}|${channel}`)) {
          sent.add(`${dueWindowKey}|${channel}`);
          due.push({ dueWindowKey, channel });
        }
      }
    }
  }
  return due;
}

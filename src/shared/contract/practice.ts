import { z } from 'zod';
import { method } from './method';

/**
 * Practice habits (issue 18): the streak (a local day counts when a replay day completes or the
 * chosen number of bars is replayed in it) and a daily reminder at a local time, sent at most
 * once per day and channel and not at all once the day counts.
 */
export interface PracticeDto {
  currentStreakDays: number;
  bestStreakDays: number;
  /** Local date 'YYYY-MM-DD' of the last day that counted; null before the first. */
  lastStreakDate: string | null;
  todayCounts: boolean;
  barsLeftToday: number;
  barsPerDay: number;
  reminderTime: string | null;
  zone: string;
  /** Also email the reminder through the hosted service when signed in and online (off by default). */
  emailReminders: boolean;
}

/** Pushed when a reminder is due: the desktop app also shows it as a system notification. */
export interface PracticeReminderDto {
  dueWindowKey: string;
  title: string;
  body: string;
}

export const practiceMethods = {
  'practice:get': method<PracticeDto>()(z.object({}).strict()),
  'practice:save-settings': method<PracticeDto>()(
    z
      .object({
        barsPerDay: z.number().int().min(1).max(100_000).optional(),
        /** Local 'HH:MM', or null for no reminder. */
        reminderTime: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 00:00 to 23:59')
          .nullable()
          .optional(),
        emailReminders: z.boolean().optional(),
        zone: z
          .string()
          .min(1)
          .max(64)
          .refine((zone) => {
            try {
              new Intl.DateTimeFormat('en-US', { timeZone: zone });
              return true;
            } catch {
              return false;
            }
          }, 'is not an IANA time zone')
          .optional(),
      })
      .strict(),
  ),
};

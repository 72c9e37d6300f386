import { z } from 'zod';

/**
 * The practice reminder email (issue 18): the desktop asks the hosted service to send it at the
 * same due window as its desktop reminder. The server sends at most one per account and window.
 */

/** Local 'HH:MM', 00:00 to 23:59. */
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 00:00 to 23:59');

export const practiceReminderEmailRequest = z
  .object({
    /** The due window's local date and time, as the desktop keys its reminders: '2026-12-03T18:00'. */
    windowKey: z
      .string()
      .regex(
        /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
        'must be YYYY-MM-DDTHH:MM',
      ),
    localTime,
    currentStreakDays: z.number().int().min(0).max(100_000),
    barsLeftToday: z.number().int().min(0).max(100_000),
  })
  .strict()
  .refine((r) => r.windowKey.endsWith(`T${r.localTime}`), {
    path: ['localTime'],
    message: "must be the windowKey's time",
  });

export type PracticeReminderEmailRequest = z.infer<typeof practiceReminderEmailRequest>;

/** `sent`: this call sent it; `already-sent`: an earlier call for the window did, nothing was sent now. */
export interface PracticeReminderEmailReply {
  status: 'sent' | 'already-sent';
  windowKey: string;
}

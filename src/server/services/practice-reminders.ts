import { and, eq } from 'drizzle-orm';
import type {
  PracticeReminderEmailReply,
  PracticeReminderEmailRequest,
} from '../../shared/practice-reminder-email.js';
import type { AppContext } from '../context.js';
import { practiceReminderEmails, type users } from '../db/schema.js';
import { newId } from './crypto.js';

type User = typeof users.$inferSelect;

/**
 * Sends the practice reminder email for one due window, once per account and window. The row is
 * claimed first (the unique index settles concurrent calls from two devices or instances); when the
 * transport fails the claim is released, so the desktop's retry within the window can still send it.
 */
export async function sendPracticeReminderEmail(
  ctx: AppContext,
  user: Pick<User, 'id' | 'email'>,
  input: PracticeReminderEmailRequest,
): Promise<PracticeReminderEmailReply> {
  const id = newId();
  const claimed = await ctx.db
    .insert(practiceReminderEmails)
    .values({ id, userId: user.id, windowKey: input.windowKey, sentAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning({ id: practiceReminderEmails.id });
  if (claimed.length === 0) return { status: 'already-sent', windowKey: input.windowKey };
  try {
    await ctx.email.send({
      from: ctx.config.emailFrom,
      to: user.email,
      kind: 'practice-reminder',
      ...reminderText(input),
    });
  } catch (error) {
    await ctx.db
      .delete(practiceReminderEmails)
      .where(and(eq(practiceReminderEmails.id, id), eq(practiceReminderEmails.userId, user.id)));
    throw error;
  }
  return { status: 'sent', windowKey: input.windowKey };
}

function reminderText(input: PracticeReminderEmailRequest): { subject: string; text: string } {
  const date = input.windowKey.slice(0, 10);
  const goal =
    input.currentStreakDays > 0
      ? `Replay ${input.barsLeftToday} more bars today to keep your ${input.currentStreakDays}-day streak.`
      : `Replay ${input.barsLeftToday} bars today to start a streak.`;
  return {
    subject: 'Time to practise',
    text:
      `Your Tickstep practice reminder for ${date} at ${input.localTime} (your local time).\n\n${goal}\n\n` +
      'You get at most one of these per reminder window, and none once the day counts. Turn them off ' +
      'in Tickstep under Settings → Practice ("Email reminders too").',
  };
}

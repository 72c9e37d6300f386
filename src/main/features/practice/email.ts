import type {
  PracticeReminderEmailReply,
  PracticeReminderEmailRequest,
} from '../../../shared/practice-reminder-email';

/**
 * What asking the hosted service for a reminder email came to. `sent` and `already-sent` both
 * settle the window (the server keeps one per account and window); `unavailable` (signed out,
 * offline, or refused) leaves it open for a retry while the window lasts.
 */
export type ReminderEmailOutcome = 'sent' | 'already-sent' | 'unavailable';

/** Sends the reminder email through the hosted service; never throws. */
export interface ReminderEmailSender {
  send(request: PracticeReminderEmailRequest): Promise<ReminderEmailOutcome>;
}

/** The slice of the signed-in account the sender needs (the online feature's AccountService). */
export interface ReminderEmailAccount {
  readonly signedIn: boolean;
  authed<T>(
    method: string,
    path: string,
    opts: { body?: unknown },
  ): Promise<{ ok: true; body: T } | { ok: false; offline: boolean; status: number; code: string }>;
}

/** The hosted service's `POST /reminders/practice`, through the signed-in account (its token renewal). */
export function accountReminderEmail(account: ReminderEmailAccount): ReminderEmailSender {
  return {
    async send(request) {
      // Signed out: nothing to ask, and no request to fail; the window stays open.
      if (!account.signedIn) return 'unavailable';
      try {
        const reply = await account.authed<PracticeReminderEmailReply>('POST', '/reminders/practice', {
          body: request,
        });
        if (!reply.ok) return 'unavailable';
        return reply.body?.status === 'already-sent' ? 'already-sent' : 'sent';
      } catch {
        return 'unavailable';
      }
    },
  };
}

/** No hosted service (a null object): every window stays unsent. */
export const noReminderEmail: ReminderEmailSender = { send: async () => 'unavailable' };

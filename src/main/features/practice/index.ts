export type { PracticeDeps } from './deps';
export {
  accountReminderEmail,
  noReminderEmail,
  type ReminderEmailAccount,
  type ReminderEmailOutcome,
  type ReminderEmailSender,
} from './email';
export { createPracticeHandlers, type PracticeHandlers } from './handlers';
export type { PracticeService } from './service';

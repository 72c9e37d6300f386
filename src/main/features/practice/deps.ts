import type { ZoneOffset } from '../../../core/challenges/rulebook';
import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { Notify } from '../../platform/notifier';
import type { ReminderEmailSender } from './email';

/** Everything practice streaks and reminders need, all required. */
export interface PracticeDeps {
  store: Store;
  clock: Clock;
  userId: string;
  events: EventHub;
  /** Offsets of the trader's zone (Intl in the app). */
  zoneOffset: ZoneOffset;
  /** The desktop notification; a no-op outside Electron (the pushed event reaches the renderer). */
  notify: Notify;
  /** The reminder email through the hosted service (the signed-in account in the app). */
  reminderEmail: ReminderEmailSender;
}

import { Notification } from 'electron';
import type { Notify } from '../platform/notifier';

/** Practice reminders as system notifications, where the desktop supports them. */
export const electronNotify: Notify = ({ title, body }) => {
  if (Notification.isSupported()) new Notification({ title, body }).show();
};

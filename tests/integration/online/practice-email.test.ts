/**
 * The practice reminder email end to end: the desktop app (injected clock and timers, the real
 * account and server client) against the hosted server. Signed out nothing is asked; signed in,
 * a reply lost on the way back leaves the window unrecorded, and the retry within the window is
 * answered already-sent: one email, recorded once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountReminderEmail, type ReminderEmailSender } from '../../../src/main/features/practice';
import { Harness, PASSWORD } from '../../server/helpers/harness.js';
import { call, FlakyFetch, ManualClock, ManualTimers, openDesktop } from './helpers';

const h = new Harness();
let publicKeyPem = '';
beforeAll(async () => {
  await h.start();
  publicKeyPem = (await h.call('GET', '/licenses/public-key')).body;
});
afterAll(() => h.stop());

describe('email reminders from the desktop through the hosted server', () => {
  it('sends one email for the window, also when the first reply is lost', async () => {
    const clock = new ManualClock();
    const reminderTimers = new ManualTimers();
    const net = new FlakyFetch();
    // The app's own sender (the signed-in account), watched so the test can await its requests.
    let real: ReminderEmailSender | null = null;
    const inFlight: Promise<unknown>[] = [];
    const reminderEmail: ReminderEmailSender = {
      send: (request) => {
        const reply = real!.send(request);
        inFlight.push(reply);
        return reply;
      },
    };
    const app = openDesktop(h, publicKeyPem, {
      clock,
      timers: new ManualTimers(),
      reminderTimers,
      fetch: net.fetch,
      reminderEmail,
    });
    try {
      real = accountReminderEmail(app.ctx.online.account);
      /** The app's minute timer, then every request it made and the records after them. */
      const minute = async () => {
        reminderTimers.runAll();
        await Promise.all(inFlight.splice(0));
        await new Promise((resolve) => setImmediate(resolve));
      };
      const user = await h.register('practice');
      // The reminder at the current UTC minute, so the window is open now on the server's real clock.
      const now = new Date(clock.t * 1000).toISOString();
      const reminderTime = now.slice(11, 16);
      const windowKey = `${now.slice(0, 10)}T${reminderTime}`;
      await call(app, 'practice:save-settings', { reminderTime, zone: 'UTC', emailReminders: true });
      const emails = () => h.email.sent.filter((m) => m.to === user.email && m.kind === 'practice-reminder');
      const emailRows = () =>
        app.ctx.store.sqlite
          .prepare("SELECT due_window_key AS k FROM practice_reminders WHERE channel = 'email'")
          .all();

      await minute();
      expect(net.count('POST', '/reminders/practice')).toBe(0); // signed out: nothing asked
      expect(emailRows()).toEqual([]);

      expect((await call(app, 'account:sign-in', { email: user.email, password: PASSWORD })).status).toBe(
        'signed-in',
      );
      net.loseAnswer = (method, url) => method === 'POST' && new URL(url).pathname === '/reminders/practice';
      clock.advance(60);
      await minute();
      expect(emails()).toHaveLength(1); // the server sent it, the desktop never heard
      expect(emailRows()).toEqual([]);

      clock.advance(60);
      await minute();
      clock.advance(60);
      await minute();
      expect(net.count('POST', '/reminders/practice')).toBe(2);
      expect(emails()).toHaveLength(1);
      expect(emails()[0]!.text).toContain(`${windowKey.slice(0, 10)} at ${reminderTime}`);
      expect(emailRows()).toEqual([{ k: windowKey }]);
    } finally {
      app.dispose();
    }
  });
});

/**
 * Practice reminder emails (issue 18): the signed-in desktop asks at its reminder window and the
 * server sends one email to the account's address, at most once per account and window.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { practiceReminderEmails } from '../../src/server/db/schema.js';
import { Harness } from './helpers/harness.js';

const h = new Harness();
beforeAll(() => h.start());
afterAll(() => h.stop());

const request = (over: Record<string, unknown> = {}) => ({
  windowKey: '2026-12-03T18:00',
  localTime: '18:00',
  currentStreakDays: 4,
  barsLeftToday: 120,
  ...over,
});

const remindersTo = (email: string) =>
  h.email.sent.filter((m) => m.to === email && m.kind === 'practice-reminder');

describe('POST /reminders/practice', () => {
  it('sends one email to the signed-in account saying the window, the streak and the bars left', async () => {
    const u = await h.register('remind');
    const r = await h.call('POST', '/reminders/practice', { token: u.accessToken, body: request() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'sent', windowKey: '2026-12-03T18:00' });
    const mails = remindersTo(u.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Time to practise');
    expect(mails[0]!.from).toContain('Tickstep');
    expect(mails[0]!.text).toContain('2026-12-03 at 18:00');
    expect(mails[0]!.text).toContain('Replay 120 more bars today to keep your 4-day streak.');
  });

  it('a second call for the same window sends nothing and answers already-sent; the next window sends again', async () => {
    const u = await h.register('remind');
    await h.call('POST', '/reminders/practice', { token: u.accessToken, body: request() });
    const again = await h.call('POST', '/reminders/practice', {
      token: u.accessToken,
      body: request({ currentStreakDays: 0 }),
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'already-sent', windowKey: '2026-12-03T18:00' });
    expect(remindersTo(u.email)).toHaveLength(1);

    const next = await h.call('POST', '/reminders/practice', {
      token: u.accessToken,
      body: request({ windowKey: '2026-12-04T18:00', currentStreakDays: 0 }),
    });
    expect(next.body.status).toBe('sent');
    expect(remindersTo(u.email).map((m) => m.text.includes('to start a streak'))).toEqual([false, true]);
  });

  it('concurrent calls for one window send exactly one email', async () => {
    const u = await h.register('remind');
    const replies = await Promise.all(
      [1, 2, 3].map(() => h.call('POST', '/reminders/practice', { token: u.accessToken, body: request() })),
    );
    expect(replies.map((r) => r.body.status).sort()).toEqual(['already-sent', 'already-sent', 'sent']);
    expect(remindersTo(u.email)).toHaveLength(1);
  });

  it('is per account: another account gets its own email for the same window', async () => {
    const a = await h.register('remind');
    const b = await h.register('remind');
    await h.call('POST', '/reminders/practice', { token: a.accessToken, body: request() });
    const r = await h.call('POST', '/reminders/practice', { token: b.accessToken, body: request() });
    expect(r.body.status).toBe('sent');
    expect(remindersTo(b.email)).toHaveLength(1);
  });

  it('refuses a caller who is not signed in, and sends nothing', async () => {
    const before = h.email.sent.length;
    const none = await h.call('POST', '/reminders/practice', { body: request() });
    expect(none.status).toBe(401);
    const forged = await h.call('POST', '/reminders/practice', { token: 'not-a-token', body: request() });
    expect(forged.status).toBe(401);
    expect(h.email.sent.length).toBe(before);
  });

  it('answers bad input with 400 naming the field, and sends nothing', async () => {
    const u = await h.register('remind');
    const cases: [Record<string, unknown>, string][] = [
      [request({ windowKey: '2026-12-03 18:00' }), 'windowKey'],
      [request({ windowKey: '2026-13-03T18:00' }), 'windowKey'],
      [request({ localTime: '25:00' }), 'localTime'],
      [request({ localTime: '19:00' }), 'localTime'],
      [request({ currentStreakDays: -1 }), 'currentStreakDays'],
      [request({ barsLeftToday: 1.5 }), 'barsLeftToday'],
      [request({ extra: true }), 'extra'],
      [{ localTime: '18:00', currentStreakDays: 1, barsLeftToday: 1 }, 'windowKey'],
    ];
    for (const [body, field] of cases) {
      const r = await h.call('POST', '/reminders/practice', { token: u.accessToken, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe('INVALID_INPUT');
      expect(r.body.message).toContain(field);
    }
    const garbage = await h.call('POST', '/reminders/practice', {
      token: u.accessToken,
      body: '{"windowKey":',
    });
    expect(garbage.status).toBe(400);
    expect(remindersTo(u.email)).toHaveLength(0);
  });

  it('a transport failure records nothing, so the retry within the window sends it', async () => {
    const u = await h.register('remind');
    const spy = vi.spyOn(h.email, 'send').mockRejectedValueOnce(new Error('smtp down'));
    try {
      const failed = await h.call('POST', '/reminders/practice', { token: u.accessToken, body: request() });
      expect(failed.status).toBe(500);
      const rows = await h.db.db
        .select()
        .from(practiceReminderEmails)
        .where(and(eq(practiceReminderEmails.userId, u.id)));
      expect(rows).toHaveLength(0);
      const retry = await h.call('POST', '/reminders/practice', { token: u.accessToken, body: request() });
      expect(retry.body.status).toBe('sent');
      expect(remindersTo(u.email)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});

import { eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { auditLogs, authTokens, users } from '../../src/server/db/schema.js';
import { Harness, nowS, PASSWORD } from './helpers/harness.js';

const h = new Harness();
beforeAll(() => h.start());
afterAll(() => h.stop());

const auditActions = async (userId: string) =>
  (await h.db.db.select().from(auditLogs).where(eq(auditLogs.userId, userId))).map((r) => r.action);

describe('basics', () => {
  it('GET /health answers 200 with the database up', async () => {
    const r = await h.call('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', database: 'up' });
    expect(r.body.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('sends security headers, JSON 404s and CORS only for the app origins', async () => {
    const r = await h.call('GET', '/nope', { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 'NOT_FOUND', message: 'No such route' });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toBeTruthy();
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await h.call('OPTIONS', '/auth/sign-in', {
      headers: { origin: 'app://tickstep', 'access-control-request-method': 'POST' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('app://tickstep');
  });

  it('lists the configured plans with entitlements', async () => {
    const r = await h.call('GET', '/plans');
    expect(r.status).toBe(200);
    expect(r.body.plans.map((p: { code: string }) => p.code)).toEqual(['pro', 'team']);
    expect(r.body.plans[0].entitlements.maxDevices).toBe(2);
  });

  it('rejects malformed JSON, unknown fields and oversized bodies with {code, message}', async () => {
    const bad = await h.call('POST', '/auth/sign-in', { body: '{"email":' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_INPUT');
    const extra = await h.call('POST', '/auth/sign-in', {
      body: { email: 'a@b.co', password: 'x', admin: true },
    });
    expect(extra.status).toBe(400);
    const big = await h.call('POST', '/auth/sign-in', {
      body: { email: 'a@b.co', password: 'x'.repeat(200_000) },
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('register and sign in', () => {
  it('registers, refuses a duplicate and weak passwords, and never returns hashes', async () => {
    const u = await h.register();
    const me = await h.call('GET', '/me', { token: u.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(u.email);
    expect(JSON.stringify(me.body)).not.toMatch(/scrypt|passwordHash|mfaSecret/);
    const dup = await h.call('POST', '/auth/register', {
      body: { email: u.email.toUpperCase(), password: PASSWORD },
    });
    expect(dup.status).toBe(409);
    const weak = await h.call('POST', '/auth/register', { body: { email: h.newEmail(), password: 'short' } });
    expect(weak.status).toBe(400);
    const row = (await h.db.db.select().from(users).where(eq(users.id, u.id)))[0]!;
    expect(row.passwordHash).toMatch(/^scrypt\$/);
  });

  it('signs in with the right password only, and audits success and failure with ip and user agent', async () => {
    const u = await h.register();
    const wrong = await h.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: 'wrong password!' },
      headers: { 'user-agent': 'vitest-agent' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    const unknown = await h.call('POST', '/auth/sign-in', {
      body: { email: h.newEmail(), password: PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const ok = await h.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: PASSWORD },
      headers: { 'user-agent': 'vitest-agent' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toBeTruthy();
    const rows = await h.db.db.select().from(auditLogs).where(eq(auditLogs.userId, u.id));
    const failed = rows.find((r) => r.action === 'LOGIN_FAILED')!;
    expect(failed.ipAddress).toBe('127.0.0.1');
    expect(failed.userAgent).toBe('vitest-agent');
    expect(rows.some((r) => r.action === 'LOGIN' && r.userAgent === 'vitest-agent')).toBe(true);
  });

  it('refuses missing, forged and garbage access tokens', async () => {
    expect((await h.call('GET', '/me')).status).toBe(401);
    expect((await h.call('GET', '/me', { token: 'abc.def.ghi' })).status).toBe(401);
    const u = await h.register();
    const [hd, pl] = u.accessToken.split('.');
    const forged = `${hd}.${pl}.${'A'.repeat(86)}`;
    expect((await h.call('GET', '/me', { token: forged })).status).toBe(401);
  });
});

describe('sessions and refresh tokens', () => {
  it('rotates refresh tokens; reusing an old one revokes the whole session', async () => {
    const u = await h.register();
    const r1 = await h.call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(u.refreshToken);
    expect(r1.body.sessionId).toBe(u.sessionId);
    const reuse = await h.call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The new token and the access token of that session are dead too.
    expect(
      (await h.call('POST', '/auth/refresh', { body: { refreshToken: r1.body.refreshToken } })).status,
    ).toBe(401);
    expect((await h.call('GET', '/me', { token: r1.body.accessToken })).status).toBe(401);
    expect(await auditActions(u.id)).toContain('REFRESH_REUSE');
  });

  it('refuses an unknown refresh token', async () => {
    const r = await h.call('POST', '/auth/refresh', { body: { refreshToken: 'not-a-real-token-at-all' } });
    expect(r.status).toBe(401);
  });

  it('lists sessions with device info, revokes one, signs out, signs out everywhere; never another user’s', async () => {
    const a = await h.register('a');
    const b = await h.register('b');
    const second = await h.call('POST', '/auth/sign-in', {
      body: { email: a.email, password: PASSWORD, deviceInfo: 'laptop' },
      headers: { 'user-agent': 'desk/1.0' },
    });
    const list = await h.call('GET', '/auth/sessions', { token: a.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    const laptop = list.body.sessions.find((s: { deviceInfo: string }) => s.deviceInfo === 'laptop');
    expect(laptop).toMatchObject({ userAgent: 'desk/1.0', ipAddress: '127.0.0.1', current: false });
    expect(JSON.stringify(list.body)).not.toMatch(/hash/i);
    // B cannot revoke A's session.
    expect((await h.call('DELETE', `/auth/sessions/${laptop.id}`, { token: b.accessToken })).status).toBe(
      404,
    );
    expect((await h.call('DELETE', '/auth/sessions/not-a-uuid', { token: a.accessToken })).status).toBe(400);
    expect((await h.call('DELETE', `/auth/sessions/${laptop.id}`, { token: a.accessToken })).status).toBe(
      204,
    );
    expect((await h.call('GET', '/me', { token: second.body.accessToken })).status).toBe(401);
    // sign out
    const third = await h.call('POST', '/auth/sign-in', { body: { email: a.email, password: PASSWORD } });
    expect((await h.call('POST', '/auth/sign-out', { token: third.body.accessToken })).status).toBe(204);
    expect((await h.call('GET', '/me', { token: third.body.accessToken })).status).toBe(401);
    expect(
      (await h.call('POST', '/auth/refresh', { body: { refreshToken: third.body.refreshToken } })).status,
    ).toBe(401);
    // everywhere
    expect((await h.call('POST', '/auth/sign-out-everywhere', { token: a.accessToken })).status).toBe(204);
    expect((await h.call('GET', '/me', { token: a.accessToken })).status).toBe(401);
    expect((await h.call('GET', '/me', { token: b.accessToken })).status).toBe(200);
  });

  it('changes the password with the current one, ending the other sessions', async () => {
    const u = await h.register();
    const other = await h.call('POST', '/auth/sign-in', { body: { email: u.email, password: PASSWORD } });
    const bad = await h.call('POST', '/auth/password', {
      token: u.accessToken,
      body: { currentPassword: 'nope nope nope', newPassword: 'another long password' },
    });
    expect(bad.status).toBe(401);
    const ok = await h.call('POST', '/auth/password', {
      token: u.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'another long password' },
    });
    expect(ok.status).toBe(204);
    expect((await h.call('GET', '/me', { token: other.body.accessToken })).status).toBe(401);
    expect((await h.call('GET', '/me', { token: u.accessToken })).status).toBe(200);
    const signIn = await h.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: 'another long password' },
    });
    expect(signIn.status).toBe(200);
    expect(await auditActions(u.id)).toContain('PASSWORD_CHANGE');
  });
});

describe('password reset by code', () => {
  it('answers the same for known and unknown emails and emails a code only to real accounts', async () => {
    const u = await h.register();
    const unknown = h.newEmail();
    const r1 = await h.call('POST', '/auth/password-reset', { body: { email: u.email } });
    const r2 = await h.call('POST', '/auth/password-reset', { body: { email: unknown } });
    expect(r1.status).toBe(202);
    expect(r2.status).toBe(202);
    expect(r1.body).toEqual(r2.body);
    expect(h.email.last(unknown)).toBeUndefined();
    const mail = h.email.last(u.email, 'password-reset')!;
    const code = /(\d{8})/.exec(mail.text)![1]!;
    const row = (await h.db.db.select().from(authTokens).where(eq(authTokens.userId, u.id)))[0]!;
    expect(row.tokenHash).not.toContain(code);
    const wrong = await h.call('POST', '/auth/password-reset/confirm', {
      body: {
        email: u.email,
        code: code === '00000000' ? '00000001' : '00000000',
        newPassword: 'brand new password',
      },
    });
    expect(wrong.status).toBe(400);
    const ok = await h.call('POST', '/auth/password-reset/confirm', {
      body: { email: u.email, code, newPassword: 'brand new password' },
    });
    expect(ok.status).toBe(204);
    // single use; old sessions gone; new password works
    const again = await h.call('POST', '/auth/password-reset/confirm', {
      body: { email: u.email, code, newPassword: 'yet another password' },
    });
    expect(again.status).toBe(400);
    expect((await h.call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect(
      (await h.call('POST', '/auth/sign-in', { body: { email: u.email, password: 'brand new password' } }))
        .status,
    ).toBe(200);
    const unknownConfirm = await h.call('POST', '/auth/password-reset/confirm', {
      body: { email: unknown, code, newPassword: 'brand new password' },
    });
    expect(unknownConfirm.body).toEqual(again.body);
  });

  it('refuses an expired code', async () => {
    const u = await h.register();
    await h.call('POST', '/auth/password-reset', { body: { email: u.email } });
    const code = /(\d{8})/.exec(h.email.last(u.email, 'password-reset')!.text)![1]!;
    await h.db.db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.userId, u.id));
    const r = await h.call('POST', '/auth/password-reset/confirm', {
      body: { email: u.email, code, newPassword: 'brand new password' },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_RESET_CODE');
  });
});

describe('magic link', () => {
  it('signs in once with the emailed token and returns the allowed returnTo', async () => {
    const u = await h.register();
    const r = await h.call('POST', '/auth/magic-link', {
      body: { email: u.email, returnTo: 'tickstep://auth/magic-link' },
    });
    expect(r.status).toBe(202);
    const link = h.email.last(u.email, 'magic-link')!.text.match(/tickstep:\/\/\S+/)![0];
    const token = new URL(link).searchParams.get('token')!;
    const v = await h.call('POST', '/auth/magic-link/verify', { body: { token } });
    expect(v.status).toBe(200);
    expect(v.body.returnTo).toBe('tickstep://auth/magic-link');
    expect((await h.call('GET', '/me', { token: v.body.accessToken })).status).toBe(200);
    const reuse = await h.call('POST', '/auth/magic-link/verify', { body: { token } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('INVALID_MAGIC_LINK');
  });

  it('refuses a returnTo outside the allow-list, an expired token, and says nothing about unknown emails', async () => {
    const u = await h.register();
    const evil = await h.call('POST', '/auth/magic-link', {
      body: { email: u.email, returnTo: 'https://evil.example/steal' },
    });
    expect(evil.status).toBe(400);
    expect(evil.body.code).toBe('INVALID_RETURN_TO');
    const unknown = h.newEmail();
    const r = await h.call('POST', '/auth/magic-link', { body: { email: unknown } });
    expect(r.status).toBe(202);
    expect(h.email.last(unknown)).toBeUndefined();
    await h.call('POST', '/auth/magic-link', { body: { email: u.email } });
    const token = new URL(
      h.email.last(u.email, 'magic-link')!.text.match(/tickstep:\/\/\S+/)![0],
    ).searchParams.get('token')!;
    await h.db.db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.userId, u.id));
    expect((await h.call('POST', '/auth/magic-link/verify', { body: { token } })).status).toBe(401);
  });
});

describe('TOTP', () => {
  it('once enabled, sign-in needs a valid code; a wrong code is audited', async () => {
    const u = await h.register();
    const secret = await h.enableMfa(u);
    const need = await h.call('POST', '/auth/sign-in', { body: { email: u.email, password: PASSWORD } });
    expect(need.status).toBe(401);
    expect(need.body.code).toBe('MFA_REQUIRED');
    const code = generateSync({ secret });
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await h.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: PASSWORD, totp: wrongCode },
    });
    expect(wrong.status).toBe(401);
    const ok = await h.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: PASSWORD, totp: code },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mfaEnabled).toBe(true);
    expect(await auditActions(u.id)).toEqual(expect.arrayContaining(['MFA_ENABLE', 'LOGIN_FAILED', 'LOGIN']));
    // the enable step refuses a wrong code
    const v = await h.register();
    await h.call('POST', '/auth/mfa/setup', { token: v.accessToken });
    expect(
      (await h.call('POST', '/auth/mfa/enable', { token: v.accessToken, body: { totp: '123456' } })).status,
    ).toBe(400);
    // disabling needs a code
    expect(
      (await h.call('POST', '/auth/mfa/disable', { token: ok.body.accessToken, body: { totp: wrongCode } }))
        .status,
    ).toBe(400);
    expect(
      (
        await h.call('POST', '/auth/mfa/disable', {
          token: ok.body.accessToken,
          body: { totp: generateSync({ secret, epoch: nowS() + 30 }) },
        })
      ).status,
    ).toBe(204);
  });
});

describe('administration', () => {
  it('admin routes need the ADMIN role and TOTP', async () => {
    const user = await h.register();
    expect((await h.call('GET', '/admin/users', { token: user.accessToken })).status).toBe(403);
    // promoted but without MFA: still refused
    const noMfa = await h.register('admin-nomfa');
    const { promoteByEmail } = await import('../../src/server/services/admin.js');
    await promoteByEmail(h.server.ctx, noMfa.email);
    const r = await h.call('GET', '/admin/users', { token: noMfa.accessToken });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('MFA_SETUP_REQUIRED');
    const admin = await h.admin();
    expect((await h.call('GET', '/admin/users', { token: admin.accessToken })).status).toBe(200);
    // an admin cannot turn MFA off
    const off = await h.call('POST', '/auth/mfa/disable', {
      token: admin.accessToken,
      body: { totp: generateSync({ secret: admin.mfaSecret! }) },
    });
    expect(off.status).toBe(403);
  });

  it('bans (sessions stop at once, sign-in refused), unbans, changes roles; all audited', async () => {
    const admin = await h.admin();
    const u = await h.register();
    const ban = await h.call('POST', `/admin/users/${u.id}/ban`, {
      token: admin.accessToken,
      body: { reason: 'fraud' },
    });
    expect(ban.status).toBe(200);
    expect((await h.call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect((await h.call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(
      401,
    );
    const signIn = await h.call('POST', '/auth/sign-in', { body: { email: u.email, password: PASSWORD } });
    expect(signIn.status).toBe(403);
    expect(signIn.body.code).toBe('ACCOUNT_BANNED');
    expect(
      (await h.call('POST', `/admin/users/${u.id}/unban`, { token: admin.accessToken, body: {} })).status,
    ).toBe(200);
    expect(
      (await h.call('POST', '/auth/sign-in', { body: { email: u.email, password: PASSWORD } })).status,
    ).toBe(200);
    const role = await h.call('POST', `/admin/users/${u.id}/role`, {
      token: admin.accessToken,
      body: { role: 'ADMIN' },
    });
    expect(role.status).toBe(200);
    expect(role.body.user.role).toBe('ADMIN');
    const badRole = await h.call('POST', `/admin/users/${u.id}/role`, {
      token: admin.accessToken,
      body: { role: 'ROOT' },
    });
    expect(badRole.status).toBe(400);
    expect(
      (await h.call('POST', `/admin/users/${admin.id}/ban`, { token: admin.accessToken, body: {} })).status,
    ).toBe(400);
    const trail = await h.call('GET', `/admin/audit?userId=${u.id}`, { token: admin.accessToken });
    expect(trail.status).toBe(200);
    const actions = trail.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['BAN', 'UNBAN', 'ROLE_CHANGE', 'LOGIN', 'LOGIN_FAILED']));
    const banRow = trail.body.entries.find((e: { action: string }) => e.action === 'BAN');
    expect(banRow).toMatchObject({ actorId: admin.id, ipAddress: '127.0.0.1' });
    // a plain user cannot ban anyone
    const other = await h.register();
    expect(
      (await h.call('POST', `/admin/users/${admin.id}/ban`, { token: other.accessToken, body: {} })).status,
    ).toBe(403);
    // audit entries never hold secrets
    expect(JSON.stringify(trail.body)).not.toMatch(/scrypt|hash|secret/i);
  });
});

describe('rate limits (stored in the database, shared by instances)', () => {
  it('limits sign-in per email across two server instances, with Retry-After', async () => {
    const tight = await h.startServer({ TRUST_PROXY: 'true' }, (c) => {
      c.rateLimits.signInPerEmail = { limit: 3, windowSeconds: 600 };
    });
    const second = await h.startServer({ TRUST_PROXY: 'true' }, (c) => {
      c.rateLimits.signInPerEmail = { limit: 3, windowSeconds: 600 };
    });
    const urlA = await tight.app.listen({ host: '127.0.0.1', port: 0 });
    const urlB = await second.app.listen({ host: '127.0.0.1', port: 0 });
    const u = await h.register();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.call('POST', '/auth/sign-in', {
        base: i % 2 ? urlB : urlA,
        body: { email: u.email, password: 'wrong password!!' },
        headers: { 'x-forwarded-for': `10.1.${i}.7` },
      });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.body.code).toBe('RATE_LIMITED');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('limits password reset and magic link requests per email', async () => {
    const s = await h.startServer({}, (c) => {
      c.rateLimits.resetPerEmail = { limit: 2, windowSeconds: 600 };
      c.rateLimits.magicLinkPerEmail = { limit: 2, windowSeconds: 600 };
    });
    const base = await s.app.listen({ host: '127.0.0.1', port: 0 });
    const email = h.newEmail();
    const resets = [];
    const links = [];
    for (let i = 0; i < 3; i++) {
      resets.push((await h.call('POST', '/auth/password-reset', { base, body: { email } })).status);
      links.push((await h.call('POST', '/auth/magic-link', { base, body: { email } })).status);
    }
    expect(resets).toEqual([202, 202, 429]);
    expect(links).toEqual([202, 202, 429]);
  });
});

describe('the injected clock', () => {
  it('drives access-token, magic-link and rate-limit time, with no wall clock in between', async () => {
    const clock = new ManualClock(Date.now());
    const s = await h.startServer(
      {},
      (c) => {
        c.rateLimits.magicLinkPerEmail = { limit: 1, windowSeconds: 600 };
      },
      clock,
    );
    const base = await s.listen();
    const email = h.newEmail('clock');
    const reg = await h.call('POST', '/auth/register', { base, body: { email, password: PASSWORD } });
    expect(reg.status).toBe(201);
    expect((await h.call('GET', '/me', { base, token: reg.body.accessToken })).status).toBe(200);

    expect((await h.call('POST', '/auth/magic-link', { base, body: { email } })).status).toBe(202);
    const token = new URL(
      h.email.last(email, 'magic-link')!.text.match(/tickstep:\/\/\S+/)![0],
    ).searchParams.get('token')!;
    // One link per 10 minutes of *server* time.
    expect((await h.call('POST', '/auth/magic-link', { base, body: { email } })).status).toBe(429);

    clock.advance(16 * 60_000);
    const me = await h.call('GET', '/me', { base, token: reg.body.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('INVALID_TOKEN');
    const v = await h.call('POST', '/auth/magic-link/verify', { base, body: { token } });
    expect(v.body.code).toBe('INVALID_MAGIC_LINK');
    expect((await h.call('POST', '/auth/magic-link', { base, body: { email } })).status).toBe(202);
  });
});

describe('control characters and half-written changes', () => {
  it('a NUL byte or control character in any text field is a 400 naming the field, before anything is written', async () => {
    const email = h.newEmail('nul');
    const r = await h.call('POST', '/auth/register', {
      body: { email, password: PASSWORD, deviceInfo: 'laptop\u0000' },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/deviceInfo/);
    expect(await h.db.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    const bell = await h.call('POST', '/auth/sign-in', {
      body: { email, password: `x\u0007${PASSWORD}` },
    });
    expect(bell.status).toBe(400);
    expect(bell.body.message).toMatch(/password/);
  });

  it('an admin ban with a NUL byte in the reason changes nothing', async () => {
    const admin = await h.admin();
    const u = await h.register();
    const r = await h.call('POST', `/admin/users/${u.id}/ban`, {
      token: admin.accessToken,
      body: { reason: 'spam\u0000' },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/reason/);
    const [row] = await h.db.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.isBanned).toBe(false);
    expect((await h.call('GET', '/me', { token: u.accessToken })).status).toBe(200);
    expect(await auditActions(u.id)).not.toContain('BAN');
  });
});

describe('second factor: limits, sessions, admin', () => {
  const linkToken = (email: string) =>
    new URL(h.email.last(email, 'magic-link')!.text.match(/tickstep:\/\/\S+/)![0]).searchParams.get('token')!;
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  it('a sign-in link dies after five wrong authenticator codes', async () => {
    const u = await h.register();
    const secret = await h.enableMfa(u);
    await h.call('POST', '/auth/magic-link', { body: { email: u.email } });
    const token = linkToken(u.email);
    const right = generateSync({ secret });
    for (let i = 0; i < 5; i++) {
      const r = await h.call('POST', '/auth/magic-link/verify', { body: { token, totp: wrongFor(right) } });
      expect(r.body.code).toBe('INVALID_TOTP');
    }
    const late = await h.call('POST', '/auth/magic-link/verify', { body: { token, totp: right } });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('INVALID_MAGIC_LINK');
  });

  it('limits codes per account across sign-in, magic link and MFA routes', async () => {
    const s = await h.startServer({}, (c) => {
      // enabling MFA used one
      c.rateLimits.secondFactorPerUser = { limit: 4, windowSeconds: 900 };
    });
    const base = await s.listen();
    const u = await h.register();
    const secret = await h.enableMfa(u);
    const right = generateSync({ secret });
    const wrong = wrongFor(right);
    for (let i = 0; i < 2; i++) {
      const r = await h.call('POST', '/auth/sign-in', {
        base,
        body: { email: u.email, password: PASSWORD, totp: wrong },
      });
      expect(r.body.code).toBe('INVALID_TOTP');
    }
    await h.call('POST', '/auth/magic-link', { base, body: { email: u.email } });
    const token = linkToken(u.email);
    expect(
      (await h.call('POST', '/auth/magic-link/verify', { base, body: { token, totp: wrong } })).body.code,
    ).toBe('INVALID_TOTP');
    const blocked = await h.call('POST', '/auth/sign-in', {
      base,
      body: { email: u.email, password: PASSWORD, totp: right },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });

  it('enabling MFA ends the other sessions; admin routes need a session signed in with the code', async () => {
    const u = await h.register('admin-mfa');
    const other = await h.call('POST', '/auth/sign-in', { body: { email: u.email, password: PASSWORD } });
    expect(other.status).toBe(200);
    const { promoteByEmail } = await import('../../src/server/services/admin.js');
    await promoteByEmail(h.server.ctx, u.email);
    const secret = await h.enableMfa(u);
    const gone = await h.call('GET', '/me', { token: other.body.accessToken });
    expect(gone.status).toBe(401);
    expect(gone.body.code).toBe('SESSION_REVOKED');
    // The enabling session survives, but it signed in with a password alone.
    expect((await h.call('GET', '/me', { token: u.accessToken })).status).toBe(200);
    const noCode = await h.call('GET', '/admin/users', { token: u.accessToken });
    expect(noCode.status).toBe(403);
    expect(noCode.body.code).toBe('MFA_SESSION_REQUIRED');
    const withCode = await h.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: PASSWORD, totp: generateSync({ secret }) },
    });
    expect((await h.call('GET', '/admin/users', { token: withCode.body.accessToken })).status).toBe(200);
    // and a refresh keeps what the session proved
    const refreshed = await h.call('POST', '/auth/refresh', {
      body: { refreshToken: withCode.body.refreshToken },
    });
    expect((await h.call('GET', '/admin/users', { token: refreshed.body.accessToken })).status).toBe(200);
  });

  it('limits password changes (wrong current password) per account', async () => {
    const s = await h.startServer({}, (c) => {
      c.rateLimits.passwordChangePerUser = { limit: 2, windowSeconds: 900 };
    });
    const base = await s.listen();
    const u = await h.register();
    const body = { currentPassword: 'not the password at all', newPassword: 'another long password' };
    for (let i = 0; i < 2; i++) {
      expect((await h.call('POST', '/auth/password', { base, token: u.accessToken, body })).status).toBe(401);
    }
    const r = await h.call('POST', '/auth/password', { base, token: u.accessToken, body });
    expect(r.status).toBe(429);
  });
});

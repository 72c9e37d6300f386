import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/main/app/open-app';
import { createServer, type TickstepServer } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { supportMessages, supportRequests } from '../../../src/server/db/schema.js';
import type { SupportNoticeDto } from '../../../src/shared/contract/online';
import { verifyLicenceToken } from '../../../src/shared/licence';
import { REPO_ROOT } from '../../helpers/temp-app';
import { DAY, Harness, PASSWORD, type TestUser } from '../../server/helpers/harness.js';
import { call, completeCheckout, FlakyFetch, ManualClock, ManualTimers, openDesktop } from './helpers';

/**
 * The desktop services against the real hosted server on loopback (one PGlite for the file):
 * sign-in, checkout by signed webhook, licence activation, the server going away and coming back,
 * the support outbox draining exactly once, licence expiry with an injected clock, tampering.
 */
const h = new Harness();
let publicKeyPem = '';
/** The server the desktop talks to: stopped and started again on the same port. */
let server: TickstepServer;
let serverUrl = '';
let port = '';

let serverUp = false;
async function stopServer() {
  await server.close();
  serverUp = false;
}
/** Another instance on the harness's database, managed here (the harness closes only its own). */
async function startServer() {
  server = await createServer(loadConfig({ ...h.baseEnv(), PORT: port }), {
    email: h.email,
    database: h.db,
  });
  const url = await server.listen();
  serverUp = true;
  return url;
}

beforeAll(async () => {
  await h.start();
  publicKeyPem = (await h.call('GET', '/licenses/public-key')).body;
  port = '0';
  serverUrl = await startServer();
  port = new URL(serverUrl).port;
});
afterAll(async () => {
  if (serverUp) await server.close();
  await h.stop();
});

const serverRequests = (userId: string) =>
  h.db.db.select().from(supportRequests).where(eq(supportRequests.requesterId, userId));
const serverMessages = (requestId: string) =>
  h.db.db.select().from(supportMessages).where(eq(supportMessages.supportRequestId, requestId));

describe('the desktop app against the hosted server', () => {
  const clock = new ManualClock();
  const timers = new ManualTimers();
  const net = new FlakyFetch();
  let user: TestUser;
  let app: ReturnType<typeof openDesktop>;
  let hardwareId = '';
  const notices: SupportNoticeDto[] = [];

  beforeAll(async () => {
    user = await h.register('desktop');
    app = openDesktop(h, publicKeyPem, { clock, timers, fetch: net.fetch, defaultServerUrl: serverUrl });
    hardwareId = app.ctx.licence!.hardwareId;
    app.events.subscribe((name, payload) => {
      if (name === 'support:changed') notices.push(payload as SupportNoticeDto);
    });
  });
  afterAll(async () => {
    await app?.ctx.online?.support.idle();
    app?.dispose();
  });

  it('signs in with the password; free plan until subscribed', async () => {
    const status = await call(app, 'account:status', {});
    expect(status).toMatchObject({ signedIn: false, serverUrl, licence: { state: 'none' } });
    const wrong = await app.dispatch('account:sign-in', { email: user.email, password: 'not the password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const r = await call(app, 'account:sign-in', { email: user.email, password: PASSWORD });
    expect(r.status).toBe('signed-in');
    if (r.status !== 'signed-in') return;
    expect(r.account).toMatchObject({ signedIn: true, email: user.email, online: true, entitled: false });
    expect(r.account.licence.state).toBe('none');
    expect((await call(app, 'account:get-plan', {})).isFree).toBe(true);
    // The tokens are in a file only the user can read.
    const file = join(app.dataDir, 'account.token');
    expect(readFileSync(file, 'utf8')).toContain('refreshToken');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('upgrades: checkout, the signed webhook, then refresh activates and installs the licence', async () => {
    const { url } = await call(app, 'account:checkout', { planCode: 'pro' });
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    await completeCheckout(h, user.id);
    const status = await call(app, 'account:refresh', {});
    expect(status).toMatchObject({ entitled: true, subscription: { planCode: 'pro', status: 'active' } });
    expect(status.licence).toMatchObject({ state: 'active', plan: 'pro', email: user.email });
    const plan = await call(app, 'account:get-plan', {});
    expect(plan).toMatchObject({ plan: 'pro', isFree: false });
    expect(plan.usage.find((u) => u.kind === 'instruments')?.limit).toBe(50);
    // The stored token verifies offline with the server's key, bound to this machine.
    const token = readFileSync(join(app.dataDir, 'licence.token'), 'utf8').trim();
    const v = await verifyLicenceToken(token, publicKeyPem, hardwareId, clock.nowSeconds());
    expect(v).toMatchObject({ ok: true, state: 'valid', claims: { plan: 'pro', hwid: hardwareId } });
    const devices = await call(app, 'account:devices', {});
    expect(devices.maxDevices).toBe(2);
    expect(devices.activations).toEqual([expect.objectContaining({ current: true })]);
    expect(devices.sessions.some((s) => s.current && s.deviceInfo?.startsWith('Tickstep'))).toBe(true);
  });

  it('renews the access token with refresh-token rotation', async () => {
    const before = JSON.parse(readFileSync(join(app.dataDir, 'account.token'), 'utf8'));
    clock.advance(3600); // past the access token's 15 minutes
    const status = await call(app, 'account:refresh', {});
    expect(status.signedIn).toBe(true);
    const after = JSON.parse(readFileSync(join(app.dataDir, 'account.token'), 'utf8'));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessExpiresAt).toBeGreaterThan(before.accessExpiresAt);
  });

  it('keeps working offline: support writes queue, with backoff; the queue drains exactly once', async () => {
    await stopServer();
    const offline = await call(app, 'account:refresh', {});
    expect(offline).toMatchObject({ signedIn: true, online: false, licence: { state: 'active' } });
    expect(offline.message).toMatch(/Offline/);
    expect((await call(app, 'account:get-plan', {})).plan).toBe('pro');
    expect((await call(app, 'instruments:list', {})).length).toBeGreaterThan(0);

    const created = await call(app, 'support:create', {
      subject: 'Chart freezes',
      message: 'The chart stops after an hour of replay.',
      attachments: [{ fileName: 'replay.log', content: 'line 1\nline 2\n' }],
    });
    expect(created.messages[0]).toMatchObject({ delivery: 'queued', from: 'me' });
    const requestId = created.request.id;
    await call(app, 'support:reply', { requestId, message: 'It happens on EURUSD M1 too.' });

    let state = await call(app, 'support:sync-now', {});
    expect(state).toMatchObject({ pending: 2, failed: 0 });
    expect(state.error).toMatch(/Cannot reach/);
    expect(state.nextAttemptAt).toBe(clock.nowSeconds() + 5);
    state = await call(app, 'support:sync-now', {});
    expect(state.nextAttemptAt).toBe(clock.nowSeconds() + 10);
    // The background loop waits for the backoff: nothing is sent before it is due.
    const supportCalls = () => net.calls.filter((c) => new URL(c.url).pathname.startsWith('/support')).length;
    const tries = supportCalls();
    timers.runAll();
    await new Promise((r) => setTimeout(r, 50));
    expect(supportCalls()).toBe(tries);

    // The app restarts while offline: the outbox is still there.
    const dataDir = app.dataDir;
    app.close();
    const reopened = openApp({
      dataDir,
      appRoot: REPO_ROOT,
      mode: 'browser',
      log: () => {},
      clock,
      timers,
      fetch: net.fetch,
      hardwareId,
      licencePublicKeyPem: publicKeyPem,
      defaultServerUrl: serverUrl,
      startOnline: false,
    });
    app = {
      ...reopened,
      dataDir,
      dispose: () => {
        reopened.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    app.events.subscribe((name, payload) => {
      if (name === 'support:changed') notices.push(payload as SupportNoticeDto);
    });
    expect((await call(app, 'support:list', {}))[0]).toMatchObject({ id: requestId, queued: 2 });
    expect((await call(app, 'account:status', {})).licence.state).toBe('active');

    await startServer();
    clock.advance(11);
    state = await call(app, 'support:sync-now', {});
    expect(state).toMatchObject({ pending: 0, failed: 0, error: null });
    const thread = await call(app, 'support:get', { requestId });
    expect(thread.messages.map((m) => m.delivery)).toEqual(['sent', 'sent']);
    expect(thread.messages[0]!.attachments).toEqual([
      expect.objectContaining({ name: 'replay.log', contentType: 'text/plain', size: 14 }),
    ]);
    await call(app, 'support:sync-now', {});
    expect(await serverRequests(user.id)).toHaveLength(1);
    expect(await serverMessages(requestId)).toHaveLength(2);
    expect(notices).toEqual([]);
  });

  it('a server failing mid-sync (the answer lost) duplicates nothing', async () => {
    net.loseAnswer = (method, url) => method === 'POST' && new URL(url).pathname === '/support/requests';
    const created = await call(app, 'support:create', { subject: 'Lost answer', message: 'Hello?' });
    let state = await call(app, 'support:sync-now', {});
    expect(state.pending).toBe(1);
    expect(state.error).toMatch(/broke|reach/);
    const onServer = await serverRequests(user.id);
    expect(onServer.map((r) => r.id)).toContain(created.request.id);
    state = await call(app, 'support:sync-now', {});
    expect(state).toMatchObject({ pending: 0, error: null });
    expect((await serverRequests(user.id)).filter((r) => r.id === created.request.id)).toHaveLength(1);
    expect(await serverMessages(created.request.id)).toHaveLength(1);
    expect(net.count('POST', '/support/requests')).toBeGreaterThanOrEqual(2);
  });

  it('pulls replies and status changes and raises a notification', async () => {
    const admin = await h.admin();
    const [request] = await h.db.db
      .select()
      .from(supportRequests)
      .where(and(eq(supportRequests.requesterId, user.id), eq(supportRequests.subject, 'Chart freezes')));
    const reply = await h.call('POST', `/support/requests/${request!.id}/messages`, {
      token: admin.accessToken,
      body: { id: crypto.randomUUID(), content: 'Thanks, we can reproduce it.' },
    });
    expect(reply.status).toBe(201);
    await call(app, 'support:sync-now', {});
    expect(notices).toEqual([
      expect.objectContaining({ requestId: request!.id, kind: 'reply', status: 'PENDING APPROVAL' }),
    ]);
    const listed = (await call(app, 'support:list', {})).find((r) => r.id === request!.id);
    expect(listed).toMatchObject({ unread: 1, status: 'PENDING APPROVAL' });
    const thread = await call(app, 'support:get', { requestId: request!.id });
    expect(thread.messages.map((m) => m.from)).toEqual(['me', 'me', 'support']);
    expect(thread.request.unread).toBe(0);
    // A status change alone.
    await h.call('POST', `/support/requests/${request!.id}/status`, {
      token: admin.accessToken,
      body: { status: 'CLOSED' },
    });
    await call(app, 'support:sync-now', {});
    expect(notices.at(-1)).toMatchObject({ kind: 'status', status: 'CLOSED' });
    // Pulled again from scratch it is the same thread: nothing duplicated.
    await call(app, 'support:sync-now', {});
    expect((await call(app, 'support:get', { requestId: request!.id })).messages).toHaveLength(3);
  });

  it('past expiry: grace with days left, then the free plan; nothing deleted', async () => {
    const before = await call(app, 'support:list', {});
    const status = await call(app, 'account:status', {});
    const exp = status.licence.expiresAt!;
    clock.t = exp + 2 * DAY + 60;
    let plan = await call(app, 'account:get-plan', {});
    expect(plan.licence).toMatchObject({ state: 'grace', graceDaysLeft: 5 });
    expect(plan.plan).toBe('pro');
    clock.t = status.licence.graceEndsAt! + 1;
    plan = await call(app, 'account:get-plan', {});
    expect(plan.licence.state).toBe('expired');
    expect(plan).toMatchObject({ plan: 'free', isFree: true });
    expect(plan.usage.find((u) => u.kind === 'instruments')?.limit).toBe(3);
    expect(await call(app, 'support:list', {})).toEqual(before);
    // Online again with the subscription still active: refresh brings a new licence.
    clock.t = Math.floor(Date.now() / 1000);
    const back = await call(app, 'account:refresh', {});
    expect(back.licence.state).toBe('active');
  });

  it('rejects a tampered licence token', async () => {
    const file = join(app.dataDir, 'licence.token');
    const token = readFileSync(file, 'utf8').trim();
    const [head, payload, sig] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, plan: 'team' })).toString('base64url')}.${sig}`;
    const r = await app.ctx.licence!.install(forged);
    expect(r).toMatchObject({ accepted: false, reason: 'bad_signature' });
    expect((await call(app, 'account:get-plan', {})).plan).toBe('pro');
    // Written behind the app's back, it is rejected at the next start: free plan, nothing lost.
    writeFileSync(file, forged);
    const other = openApp({
      dataDir: app.dataDir,
      appRoot: REPO_ROOT,
      mode: 'browser',
      log: () => {},
      clock,
      hardwareId,
      licencePublicKeyPem: publicKeyPem,
      defaultServerUrl: serverUrl,
      startOnline: false,
    });
    try {
      const plan = await call(other, 'account:get-plan', {});
      expect(plan.licence).toMatchObject({ state: 'invalid', reason: 'bad_signature' });
      expect(plan.isFree).toBe(true);
      expect((await call(other, 'support:list', {})).length).toBeGreaterThan(0);
    } finally {
      other.close();
    }
  });

  it('signs out: frees the seat, forgets the tokens and the licence', async () => {
    const out = await call(app, 'account:sign-out', {});
    expect(out).toMatchObject({ signedIn: false, licence: { state: 'none' } });
    const described = await h.call('GET', '/licenses', {
      token: (await h.call('POST', '/auth/sign-in', { body: { email: user.email, password: PASSWORD } })).body
        .accessToken,
    });
    expect(described.body.activations).toEqual([]);
    const state = await call(app, 'support:sync-now', {});
    expect(state.error).toMatch(/Signed out/);
  });
});

describe('two-factor sign-in and magic links', () => {
  const clock = new ManualClock();
  let app: ReturnType<typeof openDesktop>;
  beforeAll(() => {
    app = openDesktop(h, publicKeyPem, { clock, defaultServerUrl: serverUrl });
  });
  afterAll(async () => {
    await app?.ctx.online?.support.idle();
    app?.dispose();
  });

  it('asks for the authenticator code when the account has TOTP', async () => {
    const u = await h.register('mfa');
    await h.enableMfa(u);
    const first = await call(app, 'account:sign-in', { email: u.email, password: PASSWORD });
    expect(first.status).toBe('mfa-required');
    const second = await call(app, 'account:sign-in', {
      email: u.email,
      password: PASSWORD,
      totp: generateSync({ secret: u.mfaSecret! }),
    });
    expect(second).toMatchObject({ status: 'signed-in', account: { email: u.email, mfaEnabled: true } });
    await call(app, 'account:sign-out', {});
  });

  it('signs in with the link from the email', async () => {
    const u = await h.register('magic');
    await call(app, 'account:magic-link-request', { email: u.email });
    const mail = h.email.sent.filter((m) => m.to === u.email && m.kind === 'magic-link').at(-1);
    const link = /(tickstep:\/\/\S+)/.exec(mail!.text)![1]!;
    const r = await call(app, 'account:magic-link-verify', { link });
    expect(r).toMatchObject({ status: 'signed-in', account: { email: u.email } });
    const again = await app.dispatch('account:magic-link-verify', { link });
    expect(again).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('says offline when the server cannot be reached', async () => {
    await call(app, 'settings:save', { serverUrl: 'http://127.0.0.1:9' });
    expect((await call(app, 'account:status', {})).signedIn).toBe(false);
    const r = await app.dispatch('account:sign-in', { email: 'a@example.test', password: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(await call(app, 'settings:save', { serverUrl: null })).toEqual({
      serverUrl,
      defaultServerUrl: serverUrl,
    });
  });
});

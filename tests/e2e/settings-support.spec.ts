import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserServer, startBrowserServer } from '../../src/main/browser/browser-server';
import { supportMessages, supportRequests } from '../../src/server/db/schema.js';
import { openTempApp, REPO_ROOT } from '../helpers/temp-app';
import { Harness, PASSWORD, type TestUser } from '../server/helpers/harness.js';
import { ARTIFACTS, launchChromium } from './browser';

/**
 * Settings and Support in browser mode against a real hosted server started in this process
 * (PGlite, fake Stripe): point the app at it, sign in, write a support request with an attachment,
 * see it synced, get a reply.
 */
describe('settings and support, in browser mode', () => {
  const h = new Harness();
  let browser: Browser;
  let app: ReturnType<typeof openTempApp>;
  let server: BrowserServer;
  let page: Page;
  let user: TestUser;
  const pageErrors: string[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'tickstep-e2e-support-'));
  const shot = async (name: string) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    await h.start();
    user = await h.register('e2e');
    const publicKeyPem = (await h.call('GET', '/licenses/public-key')).body as string;
    app = openTempApp({
      licencePublicKeyPem: publicKeyPem,
      // Nothing listens here: the test points the app at the real server through Settings.
      defaultServerUrl: 'http://127.0.0.1:9',
    });
    server = await startBrowserServer(app, { port: 0, rendererDir: join(REPO_ROOT, 'out', 'renderer') });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.ctx.online?.support.idle();
    app?.dispose();
    await h.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('signs in from Settings, writes to support and sees it synced and answered', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const serverBox = page.getByRole('region', { name: 'Server' });
    await serverBox.getByLabel('Server address').fill(h.url);
    await serverBox.getByRole('button', { name: 'Save server address' }).click();
    await expect.poll(async () => (await app.handlers['settings:get']({})).serverUrl).toBe(h.url);

    const account = page.getByRole('region', { name: 'Account' });
    await account.getByLabel('Email').fill(user.email);
    await account.getByLabel('Password').fill('wrong password!');
    await account.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => account.getByRole('alert').textContent()).toContain('incorrect');
    await account.getByLabel('Password').fill(PASSWORD);
    await account.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => account.getByLabel('Signed in as').textContent()).toBe(user.email);
    await expect.poll(() => page.getByLabel('Plan', { exact: true }).textContent()).toBe('Free');
    await expect
      .poll(() => page.getByRole('region', { name: 'Devices' }).textContent())
      .toContain('this app');
    await expect.poll(() => account.getByRole('button', { name: 'Upgrade to Pro' }).count()).toBe(1);
    await shot('settings-signed-in');

    // Support: a new request with an attachment.
    const attachment = join(scratch, 'replay-notes.txt');
    writeFileSync(attachment, 'The chart froze at 12:03.\n');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Support' }).click();
    await page.getByRole('button', { name: 'New request' }).click();
    const form = page.getByRole('form', { name: 'New support request' });
    await form.getByLabel('Subject').fill('Replay stops after an hour');
    await form.getByLabel('Message').fill('After about an hour of replay at 10x the chart stops updating.');
    await form.getByLabel(/Attachments/).setInputFiles(attachment);
    await form.getByRole('button', { name: 'Send request' }).click();

    const thread = page.getByRole('region', { name: 'Support thread' });
    await expect.poll(() => thread.getByLabel('Delivery').first().textContent()).toBe('sent');
    await expect.poll(() => thread.textContent()).toContain('replay-notes.txt');
    const onServer = await h.db.db
      .select()
      .from(supportRequests)
      .where(eq(supportRequests.requesterId, user.id));
    expect(onServer.map((r) => r.subject)).toEqual(['Replay stops after an hour']);
    await shot('support-request-synced');

    // Support answers; Sync now brings the reply and a notification.
    const admin = await h.admin();
    const reply = await h.call('POST', `/support/requests/${onServer[0]!.id}/messages`, {
      token: admin.accessToken,
      body: { id: crypto.randomUUID(), content: 'Thanks! Which instrument and timeframe?' },
    });
    expect(reply.status).toBe(201);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => thread.textContent()).toContain('Which instrument and timeframe?');
    await expect.poll(() => page.getByLabel('Request status').textContent()).toBe('Waiting for you');
    await expect
      .poll(() => page.getByRole('list', { name: 'Support notifications' }).textContent())
      .toContain('Support replied');
    await shot('support-reply');

    await thread.getByLabel('Reply').fill('EURUSD on M1.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => thread.getByLabel('Delivery').last().textContent()).toBe('sent');
    const messages = await h.db.db
      .select()
      .from(supportMessages)
      .where(eq(supportMessages.supportRequestId, onServer[0]!.id));
    expect(messages).toHaveLength(3);
    expect(pageErrors).toEqual([]);
  });
});

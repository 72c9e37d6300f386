import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserServer, startBrowserServer } from '../../src/main/browser/browser-server';
import { openTempApp, REPO_ROOT } from '../helpers/temp-app';
import { ARTIFACTS, launchChromium } from './browser';

/** The page refreshes itself every few seconds while the API runs; a busy machine may be slower. */
const wait = { timeout: 20_000, interval: 100 };

interface Received {
  type: string;
  body: string;
  signature: string;
}

/**
 * Settings → Automation API in browser mode: turn the API on, create a client and a key with two
 * scopes (shown once), call the running API with it, revoke it in the page and see the next call
 * refused; add a webhook to a receiver started here, send a test event and see its delivery; hit
 * the plan's client limit.
 */
describe('automation API settings, in browser mode', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ReturnType<typeof openTempApp>;
  let server: BrowserServer;
  let page: Page;
  let hookServer: Server;
  let hookUrl = '';
  const received: Received[] = [];
  const pageErrors: string[] = [];
  /** The page scrolls inside its content pane: bring `at` to the top, then take the picture. */
  const shot = async (name: string, at?: Locator) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (at) await at.evaluate('(el) => el.scrollIntoView({ block: "start" })');
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };

  beforeAll(async () => {
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({
          type: String(req.headers['tickstep-event-type']),
          body,
          signature: String(req.headers['tickstep-signature']),
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;

    app = openTempApp({ startOnline: false });
    server = await startBrowserServer(app, { port: 0, rendererDir: join(REPO_ROOT, 'out', 'renderer') });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    app?.dispose();
    await new Promise<void>((resolve) => (hookServer ? hookServer.close(() => resolve()) : resolve()));
    expect(pageErrors).toEqual([]);
  });

  it('creates a client and a key, uses it, revokes it, and tests a webhook', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const serverCard = page.getByRole('region', { name: 'Local API' });
    await expect.poll(() => serverCard.getByLabel('API status').textContent(), wait).toBe('Off');
    await expect
      .poll(() => page.getByRole('region', { name: 'Automation clients' }).textContent())
      .toContain('No clients yet');
    await shot('automation-off', page.getByRole('heading', { name: 'Automation API' }));

    // Turn it on, on a free port, loopback only.
    await serverCard.getByLabel('Port').fill('0');
    await serverCard.getByRole('button', { name: 'Turn the API on' }).click();
    await expect.poll(() => serverCard.getByLabel('API status').textContent(), wait).toBe('Running');
    const apiUrl = (await serverCard.getByLabel('API address').textContent()) ?? '';
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await serverCard.getByLabel('Reachable from').textContent()).toContain('This computer only');
    expect(await serverCard.getByRole('link', { name: 'API reference (/docs)' }).getAttribute('href')).toBe(
      `${apiUrl}/docs`,
    );
    // Opting in to other interfaces shows the warning before anything changes.
    await serverCard.getByLabel(/Also accept connections from other computers/).check();
    await expect.poll(() => serverCard.getByRole('note').textContent(), wait).toContain('network you trust');
    await shot('automation-on-remote-warning', serverCard);
    await serverCard.getByLabel(/Also accept connections from other computers/).uncheck();

    // A client.
    const clientsCard = page.getByRole('region', { name: 'Automation clients' });
    await clientsCard.getByLabel('Client name').fill('e2e-bot');
    await clientsCard.getByRole('button', { name: 'Create client' }).click();
    await expect
      .poll(() => clientsCard.getByRole('table', { name: 'Clients' }).textContent())
      .toContain('e2e-bot');
    expect(await clientsCard.getByLabel('Client status').textContent()).toBe('disconnected');
    expect(await clientsCard.getByLabel('Client limit').textContent()).toBe(
      '1 of 2 clients your plan allows.',
    );

    // Empty lists say what to do, with the button that does it.
    const keysCard = page.getByRole('region', { name: 'API keys' });
    await expect.poll(() => keysCard.textContent(), wait).toContain('No keys for e2e-bot yet');
    const hooksCard = page.getByRole('region', { name: 'Webhooks' });
    expect(await hooksCard.textContent()).toContain('No webhooks for e2e-bot yet');
    await shot('automation-client-created', clientsCard);

    // A key with two scopes, shown once.
    await keysCard.getByRole('button', { name: 'New API key' }).click();
    const keyForm = keysCard.getByRole('form', { name: 'New API key' });
    await keyForm.getByLabel('Key name').fill('main');
    await expect.poll(() => keyForm.getByRole('checkbox').count(), wait).toBe(5);
    expect(await keyForm.getByRole('checkbox', { name: /market:read/ }).isChecked()).toBe(true);
    await keyForm.getByRole('checkbox', { name: /sessions:write/ }).check();
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const once = keysCard.getByRole('region', { name: 'New API key' });
    await expect.poll(() => once.textContent(), wait).toContain('you will not see it again');
    const key = (await once.getByLabel('API key').textContent()) ?? '';
    expect(key).toMatch(/^tsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await once.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => once.getByRole('button', { name: 'Copied' }).count(), wait).toBe(1);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    const keysTable = keysCard.getByRole('table', { name: 'Keys' });
    expect(await keysTable.textContent()).toContain('market:read, sessions:write');
    await shot('automation-key-shown-once', keysCard);

    // The key works against the running API...
    const call = (path: string) => fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
    const ok = await call('/v1/instruments');
    expect(ok.status).toBe(200);
    // ...within its scopes only.
    expect((await call('/v1/reports')).status).toBe(403);

    // Dismissed, it is gone from the page for good.
    await once.getByRole('button', { name: 'I have stored it' }).click();
    await expect.poll(() => keysCard.getByRole('region', { name: 'New API key' }).count(), wait).toBe(0);
    expect(await page.content()).not.toContain(key);
    await expect.poll(() => keysTable.textContent(), wait).toMatch(/main.*active/);
    await clientsCard.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => clientsCard.getByLabel('Client status').textContent(), wait).toBe('connected');

    // Revoked in the page: the same key gets 401.
    await keysTable.getByRole('button', { name: 'Revoke main' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => keysTable.getByLabel('Key status').textContent(), wait).toBe('revoked');
    expect((await call('/v1/instruments')).status).toBe(401);
    await shot('automation-key-revoked', keysCard);

    // A webhook to the receiver here; its secret is shown once.
    await hooksCard.getByRole('button', { name: 'New webhook' }).click();
    const hookForm = hooksCard.getByRole('form', { name: 'New webhook' });
    await hookForm.getByLabel('Webhook URL').fill(hookUrl);
    expect(await hookForm.getByRole('checkbox').count()).toBe(5);
    await hookForm.getByRole('checkbox', { name: /session\.completed/ }).check();
    // Every event type fires now, challenge breaches included: no "later" hint is left.
    expect(await hookForm.textContent()).not.toContain('fires once');
    await shot('automation-webhook-form', hooksCard);
    await hookForm.getByRole('button', { name: 'Add webhook' }).click();
    const secretBox = hooksCard.getByRole('region', { name: 'New signing secret' });
    await expect.poll(() => secretBox.textContent(), wait).toContain('you will not see it again');
    const secret = (await secretBox.getByLabel('signing secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    const hook = hooksCard.getByRole('region', { name: `Webhook ${hookUrl}` });
    await expect.poll(() => hook.textContent(), wait).toContain('No deliveries yet');
    await shot('automation-webhook-secret', hooksCard);
    await secretBox.getByRole('button', { name: 'I have stored it' }).click();

    // Send test event: the receiver gets it, signed; the page lists the delivery and counts it.
    await hook.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => received.length, wait).toBe(1);
    const [test] = received;
    expect(test!.type).toBe('test');
    const t = /t=(\d+)/.exec(test!.signature)?.[1];
    const expected = createHmac('sha256', secret).update(`${t}.${test!.body}`).digest('hex');
    expect(test!.signature).toBe(`t=${t},v1=${expected}`);
    const deliveries = hook.getByRole('table', { name: 'Deliveries' });
    await expect
      .poll(() => deliveries.getByLabel('Delivery status').first().textContent(), wait)
      .toBe('delivered');
    expect(await deliveries.textContent()).toContain('test');
    await expect.poll(() => hook.getByLabel('Total sent').textContent(), wait).toBe('1');
    expect(await hook.getByLabel('Total failed').textContent()).toBe('0');
    await shot('automation-webhook-delivered', hooksCard);

    // Usage and the audit log.
    const usage = page.getByRole('region', { name: 'Client usage' });
    await expect.poll(() => usage.getByRole('table', { name: 'Usage per day' }).count(), wait).toBe(1);
    const audit = page
      .getByRole('region', { name: 'Audit log' })
      .getByRole('table', { name: 'Audit entries' });
    await expect.poll(() => audit.textContent(), wait).toContain('Key revoked');
    expect(await audit.textContent()).toContain('Client connected');
    expect(await audit.textContent()).toContain('127.0.0.1');
    await usage.screenshot({ path: join(ARTIFACTS, 'automation-usage.png') });
    await page
      .getByRole('region', { name: 'Audit log' })
      .screenshot({ path: join(ARTIFACTS, 'automation-audit.png') });

    // The plan's limit: the free plan allows two clients.
    await clientsCard.getByLabel('Client name').fill('second');
    await clientsCard.getByRole('button', { name: 'Create client' }).click();
    await expect
      .poll(() => clientsCard.getByLabel('Client limit').textContent())
      .toBe('2 of 2 clients your plan allows.');
    await clientsCard.getByLabel('Client name').fill('third');
    await clientsCard.getByRole('button', { name: 'Create client' }).click();
    await expect
      .poll(() => clientsCard.getByRole('alert').textContent(), wait)
      .toContain('Plan limit reached');
    expect(await clientsCard.getByRole('alert').textContent()).toContain(
      'The free plan allows 2 automation clients',
    );
    await shot('automation-client-limit', clientsCard);

    // Off: nothing listens any more.
    await serverCard.getByRole('button', { name: 'Turn the API off' }).click();
    await expect.poll(() => serverCard.getByLabel('API status').textContent(), wait).toBe('Off');
    await expect(fetch(`${apiUrl}/v1/health`)).rejects.toThrow();
  });
});

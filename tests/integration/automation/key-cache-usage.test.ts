import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { openTempApp } from '../../helpers/temp-app';
import { type apiApp as ApiApp, apiApp, call } from './helpers';

let current: Awaited<ReturnType<typeof ApiApp>> | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

const quiet = { out: () => {}, err: () => {} };

describe('a key checked once is remembered, never past a change', () => {
  it('refuses a key revoked by another process (tickstep api-keys revoke) from the next request', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    const code = await runCli(['api-keys', 'revoke', t.apiKey.prefix, '--data-dir', t.app.dataDir], quiet);
    expect(code).toBe(0);
    const revoked = await t.request('GET', '/v1/sessions');
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('KEY_REVOKED');
  });

  it('refuses a known prefix with the wrong secret even after the right key was accepted', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    const last = t.key.at(-1) === 'A' ? 'B' : 'A';
    const forged = `${t.key.slice(0, -1)}${last}`;
    const refused = await t.request('GET', '/v1/sessions', undefined, { authorization: `Bearer ${forged}` });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHORIZED');
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
  });

  it('follows the client switched off and on again, and a changed scope, from the next request', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    await call(t.app, 'automation:update-client', { clientId: t.client.id, isActive: false });
    expect((await t.request('GET', '/v1/sessions')).body.code).toBe('CLIENT_DISABLED');
    await call(t.app, 'automation:update-client', { clientId: t.client.id, isActive: true });
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    await call(t.app, 'automation:update-key', { keyId: t.apiKey.id, scopes: ['reports:read'] });
    const denied = await t.request('GET', '/v1/sessions');
    expect(denied.status).toBe(403);
    expect(denied.body.details.required).toBe('market:read');
  });
});

describe('usage counted in memory', () => {
  it('reads exact at once and is on disk after the API stops', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    for (let i = 0; i < 7; i++) expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    expect((await t.request('GET', '/v1/nowhere')).status).toBe(404);
    const bad = await t.request('POST', '/v1/sessions', { symbol: 42 });
    expect(bad.status).toBe(400);

    const usage = await call(t.app, 'automation:usage', { clientId: t.client.id });
    expect(usage.daily[0]).toMatchObject({ apiCalls: 8, failedRequests: 1, ordersSent: 0 });
    expect(usage.monthly[0]).toMatchObject({ apiCalls: 8, failedRequests: 1 });
    const [key] = await call(t.app, 'automation:list-keys', { clientId: t.client.id });
    expect(key!.usageCount).toBe(8);

    for (let i = 0; i < 3; i++) expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    await t.app.automation.stop();
    // Another connection to the same store sees every use.
    const other = openTempApp({ dataDir: t.app.dataDir, startOnline: false });
    try {
      const after = await call(other, 'automation:usage', { clientId: t.client.id });
      expect(after.daily[0]).toMatchObject({ apiCalls: 11, failedRequests: 1 });
      const [stored] = await call(other, 'automation:list-keys', { clientId: t.client.id });
      expect(stored!.usageCount).toBe(11);
    } finally {
      other.close();
    }
  });

  it('keeps the usage of a deleted client from breaking the others', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    const second = await call(t.app, 'automation:create-client', { name: 'second' });
    const { key } = await call(t.app, 'automation:create-key', {
      clientId: second.id,
      name: 'k',
      scopes: ['market:read'],
    });
    expect(
      (await t.request('GET', '/v1/sessions', undefined, { authorization: `Bearer ${key}` })).status,
    ).toBe(200);
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    await call(t.app, 'automation:delete-client', { clientId: second.id });
    const usage = await call(t.app, 'automation:usage', {});
    expect(usage.daily.map((d) => [d.clientId, d.apiCalls])).toEqual([[t.client.id, 1]]);
    expect(
      (await t.request('GET', '/v1/sessions', undefined, { authorization: `Bearer ${key}` })).status,
    ).toBe(401);
  });
});

describe('the webhooks an event goes to', () => {
  it('follow a webhook switched off, its events changed, and one added while the API runs', async () => {
    const t = await apiApp();
    current = t;
    const session = await t.request('POST', '/v1/sessions', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T00:00:00Z',
    });
    const buy = () =>
      t.request('POST', `/v1/sessions/${session.body.id}/orders`, { side: 'BUY', lots: 0.01 });
    const deliveries = async (webhookId: string) =>
      (await call(t.app, 'automation:list-deliveries', { webhookId })).length;
    const { webhook: first } = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: 'http://127.0.0.1:9/hook',
      events: ['order.filled'],
    });
    expect((await buy()).status).toBe(201);
    expect(await deliveries(first.id)).toBe(1);

    await call(t.app, 'automation:update-webhook', { webhookId: first.id, isActive: false });
    expect((await buy()).status).toBe(201);
    expect(await deliveries(first.id)).toBe(1);

    await call(t.app, 'automation:update-webhook', {
      webhookId: first.id,
      isActive: true,
      events: ['position.closed'],
    });
    const { webhook: second } = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: 'http://127.0.0.1:9/other',
      events: ['order.filled'],
    });
    expect((await buy()).status).toBe(201);
    expect(await deliveries(first.id)).toBe(1);
    expect(await deliveries(second.id)).toBe(1);
  });
});

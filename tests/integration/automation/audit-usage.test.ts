import { connect } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type apiApp as ApiApp, apiApp, call } from './helpers';

let current: Awaited<ReturnType<typeof ApiApp>> | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

describe('usage and audit log', () => {
  it('records key, permission and webhook changes, and connections with time and address', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    await call(t.app, 'automation:update-key', { keyId: t.apiKey.id, scopes: ['market:read'] });
    expect(
      (await t.request('POST', '/v1/sessions', { symbol: 'EURUSD', startAt: '2019-01-02T00:00:00Z' })).status,
    ).toBe(403);
    const { webhook } = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: 'http://127.0.0.1:9/hook',
      events: ['session.completed'],
    });
    await call(t.app, 'automation:update-webhook', { webhookId: webhook.id, isActive: false });
    await call(t.app, 'automation:delete-webhook', { webhookId: webhook.id });
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/sessions/none/stream`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    await new Promise((resolve) => ws.once('close', resolve));
    await new Promise((r) => setTimeout(r, 100));
    const audit = await call(t.app, 'automation:audit-log', {});
    const actions = audit.map((a) => a.action);
    for (const action of [
      'client.created',
      'key.created',
      'key.permissions-changed',
      'webhook.created',
      'webhook.updated',
      'webhook.deleted',
      'client.connected',
      'client.disconnected',
    ])
      expect(actions).toContain(action);
    const connection = audit.find((a) => a.action === 'client.connected')!;
    expect(connection.ipAddress).toMatch(/127\.0\.0\.1/);
    expect(connection.ts).toBeGreaterThan(0);
    const client = (await call(t.app, 'automation:list-clients', {}))[0]!;
    expect(client.connectionAttempts).toBe(1);
    expect(client.lastDisconnectedAt).not.toBeNull();
    const usage = await call(t.app, 'automation:usage', {});
    expect(usage.daily[0]).toMatchObject({ clientId: t.client.id, apiCalls: 1, failedRequests: 1 });
    expect(usage.monthly[0]!.period).toMatch(/^\d{4}-\d{2}$/);
  });
});

describe('nothing a client sends crashes the API', () => {
  it('answers random JSON bodies on every writing route with < 500, and raw garbage on the socket', async () => {
    const t = await apiApp();
    current = t;
    const session = await t.request('POST', '/v1/sessions', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T00:00:00Z',
    });
    const id = session.body.id as string;
    const paths = [
      '/v1/sessions',
      `/v1/sessions/${id}/orders`,
      `/v1/sessions/${id}/step`,
      `/v1/sessions/${id}/jump`,
      `/v1/sessions/${id}/positions/x/close`,
      '/v1/imports',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const response = await t.request('POST', path, JSON.stringify(value));
        expect(response.status).toBeLessThan(500);
        expect(typeof response.body.code === 'string' || response.status < 300).toBe(true);
      }),
      { numRuns: 150 },
    );
    for (const raw of [
      'GARBAGE\r\n\r\n',
      'GET /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n',
      '\u0000\u0001\u0002',
    ]) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(t.url).port), '127.0.0.1', () => socket.end(raw));
        socket.on('data', () => {});
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    expect((await t.request('GET', `/v1/sessions/${id}`)).status).toBe(200);
  });
});

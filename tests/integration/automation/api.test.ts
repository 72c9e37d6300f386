import { afterEach, describe, expect, it } from 'vitest';
import { type apiApp as ApiApp, apiApp, call } from './helpers';

let current: Awaited<ReturnType<typeof ApiApp>> | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

async function setup(options: Parameters<typeof apiApp>[0] = {}) {
  current = await apiApp(options);
  return current;
}

async function newSession(t: Awaited<ReturnType<typeof ApiApp>>) {
  const created = await t.request('POST', '/v1/sessions', {
    symbol: 'eurusd',
    startAt: '2019-01-02T00:00:00Z',
    endAt: '2019-01-02T01:00:00Z',
    spreadPts: 10,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('automation HTTP API', () => {
  it('maps resources onto contract methods: sessions, step, orders, positions, account, ledger, reports', async () => {
    const t = await setup();
    expect(
      (await t.request('GET', '/v1/instruments')).body.some((i: { symbol: string }) => i.symbol === 'EURUSD'),
    ).toBe(true);
    expect((await t.request('GET', '/v1/datasets')).body).toHaveLength(1);
    const sessionId = await newSession(t);
    const step = await t.request('POST', `/v1/sessions/${sessionId}/step`, { bars: 5 });
    expect(step.status).toBe(200);
    expect(step.body.cursorTs).toBe(Date.parse('2019-01-02T00:05:00Z') / 1000);
    const candles = await t.request('GET', `/v1/sessions/${sessionId}/candles?count=100`);
    expect(candles.body).toHaveLength(6);
    expect(Math.max(...candles.body.map((c: { ts: number }) => c.ts))).toBe(step.body.cursorTs);
    const order = await t.request('POST', `/v1/sessions/${sessionId}/orders`, {
      side: 'BUY',
      lots: 1,
      slPips: 20,
    });
    expect(order.status).toBe(201);
    expect(order.body.status).toBe('FILLED');
    const positionId = order.body.positionId as string;
    const pending = await t.request('POST', `/v1/sessions/${sessionId}/orders`, {
      side: 'BUY',
      type: 'LIMIT',
      lots: 0.5,
      price: 1.1,
    });
    expect(pending.body.status).toBe('PENDING');
    const modified = await t.request('PATCH', `/v1/sessions/${sessionId}/orders/${pending.body.id}`, {
      price: 1.101,
    });
    expect(modified.body.price).toBe(1.101);
    const cancelled = await t.request('DELETE', `/v1/sessions/${sessionId}/orders/${pending.body.id}`);
    expect(cancelled.body.status).toBe('CANCELLED');
    const partial = await t.request('POST', `/v1/sessions/${sessionId}/positions/${positionId}/close`, {
      lots: 0.4,
    });
    expect(partial.status).toBe(200);
    expect(partial.body.lots).toBe(0.4);
    await t.request('POST', `/v1/sessions/${sessionId}/step`, { bars: 3 });
    const be = await t.request('POST', `/v1/sessions/${sessionId}/positions/${positionId}/break-even`);
    expect([200, 422]).toContain(be.status);
    const reversed = await t.request('POST', `/v1/sessions/${sessionId}/positions/${positionId}/reverse`);
    expect(reversed.status).toBe(200);
    expect(reversed.body.opened.side).toBe('SELL');
    const account = await t.request('GET', `/v1/sessions/${sessionId}/account`);
    expect(account.body.currency).toBe('USD');
    const ledger = await t.request('GET', `/v1/sessions/${sessionId}/ledger`);
    expect(ledger.body.length).toBeGreaterThan(0);
    const done = await t.request('POST', `/v1/sessions/${sessionId}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('COMPLETED');
    const again = await t.request('POST', `/v1/sessions/${sessionId}/step`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SESSION_CLOSED');
    const report = await t.request('POST', `/v1/sessions/${sessionId}/reports`);
    expect(report.status).toBe(201);
    expect((await t.request('GET', `/v1/reports/${report.body.id}`)).body.id).toBe(report.body.id);
    expect((await t.request('GET', '/v1/reports')).body.length).toBeGreaterThanOrEqual(1);
  });

  it('play and pause go through the contract', async () => {
    const t = await setup();
    const sessionId = await newSession(t);
    expect((await t.request('POST', `/v1/sessions/${sessionId}/play`, { speed: '15x' })).body).toEqual({
      playing: true,
    });
    expect((await t.request('POST', `/v1/sessions/${sessionId}/pause`)).body).toEqual({ playing: false });
  });

  it('answers bad JSON, bad fields and unknown routes with 4xx and the field, and keeps serving', async () => {
    const t = await setup();
    const sessionId = await newSession(t);
    const badJson = await t.request('POST', `/v1/sessions/${sessionId}/orders`, '{"side": "BUY",');
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('INVALID_JSON');
    const badField = await t.request('POST', `/v1/sessions/${sessionId}/orders`, { side: 'UP', lots: -1 });
    expect(badField.status).toBe(400);
    expect(badField.body.code).toBe('INVALID_INPUT');
    const paths = badField.body.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['side', 'lots']));
    const extra = await t.request('POST', `/v1/sessions/${sessionId}/step`, { bars: 1, hack: true });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/hack/);
    const array = await t.request('POST', `/v1/sessions/${sessionId}/step`, '[1,2]');
    expect(array.status).toBe(400);
    const form = await t.request('POST', `/v1/sessions/${sessionId}/step`, 'bars=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect((await t.request('GET', '/v1/nothing')).status).toBe(404);
    expect((await t.request('PUT', '/v1/sessions')).status).toBe(405);
    expect((await t.request('GET', '/v1/sessions/nope')).status).toBe(404);
    const weird = await t.request('GET', `/v1/sessions/${sessionId}/snapshot?count=abc&timeframe=X9`);
    expect(weird.status).toBe(400);
    const proto = await t.request('POST', `/v1/sessions/${sessionId}/step`, '{"__proto__":{"bars":5}}');
    expect([200, 400]).toContain(proto.status);
    expect((await t.request('GET', '/v1/health')).status).toBe(200);
  });

  it('refuses a request with an Origin header and a non-loopback Host', async () => {
    const t = await setup();
    const withOrigin = await t.request('GET', '/v1/sessions', undefined, { origin: 'https://evil.example' });
    expect(withOrigin.status).toBe(403);
    expect(withOrigin.body.code).toBe('ORIGIN_FORBIDDEN');
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${t.url}/v1/sessions`,
        { headers: { host: 'evil.example', authorization: `Bearer ${t.key}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves OpenAPI 3.1 built from the schemas and a docs page', async () => {
    const t = await setup();
    // biome-ignore lint/suspicious/noExplicitAny: a JSON document
    const doc = (await fetch(`${t.url}/openapi.json`).then((r) => r.json())) as any;
    expect(doc.openapi).toBe('3.1.0');
    const place = doc.paths['/v1/sessions/{sessionId}/orders'].post;
    expect(place.requestBody.content['application/json'].schema.properties.side.enum).toEqual([
      'BUY',
      'SELL',
    ]);
    expect(place.requestBody.content['application/json'].schema.properties.sessionId).toBeUndefined();
    const html = await fetch(`${t.url}/docs`).then((r) => r.text());
    expect(html).toContain('openapi.json');
  });

  it('is off until turned on, and turns on and off through the contract', async () => {
    const t = await setup({ importData: false });
    await t.app.automation.stop();
    expect((await call(t.app, 'automation:get-settings', {})).running).toBe(false);
    const on = await call(t.app, 'automation:set-enabled', { enabled: true, port: 0 });
    expect(on.running).toBe(true);
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${on.url}/v1/health`)).status).toBe(200);
    const off = await call(t.app, 'automation:set-enabled', { enabled: false });
    expect(off.running).toBe(false);
    await expect(fetch(`${on.url}/v1/health`)).rejects.toThrow();
  });
});

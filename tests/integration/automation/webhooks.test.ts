import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { craftedCandles, DATA_START, START } from '../challenges/helpers';
import { seedCandles } from '../trading/helpers';
import { type apiApp as ApiApp, apiApp, call } from './helpers';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  attempt: string;
}

/** A webhook receiver on 127.0.0.1: checks the signature; answers 500 `failFirst` times, then 200. */
async function receiver(secret: () => string, failFirst: number) {
  const accepted: Received[] = [];
  let calls = 0;
  let badSignatures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const body = Buffer.concat(chunks).toString('utf8');
      const header = String(req.headers['tickstep-signature'] ?? '');
      const t = /t=(\d+)/.exec(header)?.[1];
      const v1 = /v1=([0-9a-f]{64})/.exec(header)?.[1];
      const expected = createHmac('sha256', secret()).update(`${t}.${body}`).digest('hex');
      if (!t || !v1 || !timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(expected, 'hex'))) {
        badSignatures++;
        res.writeHead(400).end();
        return;
      }
      if (calls <= failFirst) {
        res.writeHead(500).end('try again');
        return;
      }
      const event = JSON.parse(body) as Received;
      // Idempotent by event id, as a real receiver would be; we count what was accepted.
      if (!accepted.some((e) => e.id === event.id))
        accepted.push({ ...event, attempt: String(req.headers['tickstep-delivery-attempt']) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, accepted, calls: () => calls, badSignatures: () => badSignatures };
}

async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhooks', () => {
  it('sends backtest.completed when a backtest run completes, and nothing for a cancelled one', async () => {
    let secret = '';
    const hook = await receiver(() => secret, 0);
    const t: Awaited<ReturnType<typeof ApiApp>> = await apiApp({ retryBaseMs: 50 });
    closers.push(() => t.close());
    const created = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: hook.url,
      events: ['backtest.completed'],
    });
    secret = created.secret;
    const progress = { percent: 100, barsDone: 10, barsTotal: 10, barsPerSecond: 1000, etaSeconds: 0 };
    t.app.events.emit('backtests:progress', { runId: 'run-cancelled', status: 'cancelled', ...progress });
    t.app.events.emit('backtests:progress', { runId: 'run-1', status: 'completed', ...progress });
    const event = await waitFor(() => hook.accepted[0]);
    expect(event.type).toBe('backtest.completed');
    expect(event.data).toMatchObject({ runId: 'run-1', status: 'completed', barsTotal: 10 });
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.accepted).toHaveLength(1);
  });

  it('signs each delivery, retries with backoff after two failures, and the event arrives exactly once', async () => {
    let secret = '';
    const hook = await receiver(() => secret, 2);
    const t: Awaited<ReturnType<typeof ApiApp>> = await apiApp({ retryBaseMs: 50 });
    closers.push(() => t.close());
    const created = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: hook.url,
      events: ['order.filled', 'session.completed'],
    });
    secret = created.secret;
    expect(secret).toMatch(/^whsec_/);
    const session = await t.request('POST', '/v1/sessions', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T00:00:00Z',
    });
    const order = await t.request('POST', `/v1/sessions/${session.body.id}/orders`, { side: 'BUY', lots: 1 });
    expect(order.body.status).toBe('FILLED');
    const event = await waitFor(() => hook.accepted[0]);
    expect(event.type).toBe('order.filled');
    expect((event.data.order as { id: string }).id).toBe(order.body.id);
    expect(event.attempt).toBe('3');
    await new Promise((r) => setTimeout(r, 400));
    expect(hook.accepted).toHaveLength(1);
    expect(hook.calls()).toBe(3);
    expect(hook.badSignatures()).toBe(0);
    const [webhook] = await call(t.app, 'automation:list-webhooks', { clientId: t.client.id });
    expect(webhook).toMatchObject({ totalSent: 1, totalFailed: 2, lastError: 'HTTP 500' });
    expect(webhook!.lastSentAt).not.toBeNull();
    const [delivery] = await call(t.app, 'automation:list-deliveries', { webhookId: webhook!.id });
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      eventType: 'order.filled',
    });
    const usage = await call(t.app, 'automation:usage', { clientId: t.client.id });
    expect(usage.daily[0]!.eventsDelivered).toBe(1);
    expect(usage.daily[0]!.ordersSent).toBe(1);
    // A test event, to this webhook alone.
    await call(t.app, 'automation:test-webhook', { webhookId: webhook!.id });
    await waitFor(() => hook.accepted.find((e) => e.type === 'test'));
    const audit = (await call(t.app, 'automation:audit-log', {})).map((a) => a.action);
    expect(audit).toContain('webhook.created');
  });

  it('keeps undelivered events in the outbox across a restart and delivers them then', async () => {
    let secret = '';
    let up = false;
    const hook = await receiver(() => (up ? secret : 'wrong'), 0);
    const t = await apiApp({ retryBaseMs: 50 });
    const created = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: hook.url,
      events: ['position.closed'],
    });
    secret = created.secret;
    const session = await t.request('POST', '/v1/sessions', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T00:00:00Z',
    });
    const order = await t.request('POST', `/v1/sessions/${session.body.id}/orders`, {
      side: 'SELL',
      lots: 1,
    });
    await t.request('POST', `/v1/sessions/${session.body.id}/positions/${order.body.positionId}/close`);
    await waitFor(() => hook.badSignatures() >= 1);
    await t.app.automation.stop();
    const dataDir = t.app.ctx.dataDir;
    t.app.close();
    const pending = await (async () => {
      const again = openTempApp({ dataDir, startOnline: false });
      closers.push(async () => {
        await again.automation.stop();
        again.dispose();
      });
      up = true;
      const [delivery] = await call(again, 'automation:list-deliveries', {});
      expect(delivery!.status).toBe('pending');
      await again.automation.start({ port: 0, retry: { baseMs: 50 } });
      return again;
    })();
    const event = await waitFor(() => hook.accepted[0]);
    expect(event.type).toBe('position.closed');
    // The receiver has the event before the sender hears its answer and marks the delivery.
    const delivery = await waitFor(async () => {
      const [d] = await call(pending, 'automation:list-deliveries', {});
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(delivery.status).toBe('delivered');
    expect(hook.accepted).toHaveLength(1);
  });

  it('sends challenge.breached once the breaking step is committed, and never for one rolled back', async () => {
    let secret = '';
    const hook = await receiver(() => secret, 0);
    const t = await apiApp({ retryBaseMs: 50, importData: false });
    closers.push(() => t.close());
    // Bar 12 spikes to 1.09400: 10 lots long from 1.10000 break the 5 % daily loss at its low.
    seedCandles(t.app, 'EURUSD', 'M1', craftedCandles(200, { 12: [1.1, 1.10005, 1.094, 1.0999] }));
    const created = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: hook.url,
      events: ['challenge.breached'],
    });
    secret = created.secret;
    const challenge = await call(t.app, 'challenges:start', START);
    const sessionId = challenge.sessionId;
    await t.request('POST', `/v1/sessions/${sessionId}/orders`, { side: 'BUY', lots: 10 });
    const breachedDeliveries = async () =>
      (await call(t.app, 'automation:list-deliveries', {})).filter(
        (d) => d.eventType === 'challenge.breached',
      );

    // The challenge's write fails inside the step's transaction: the step is refused and rolled
    // back, and its breach is not announced.
    const { sqlite } = t.app.ctx.store;
    sqlite.exec(`CREATE TRIGGER refuse_failed BEFORE UPDATE ON challenges WHEN NEW.status = 'FAILED'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const refused = await t.request('POST', `/v1/sessions/${sessionId}/step`, { bars: 20 });
    expect(refused.status).toBe(500);
    expect(await breachedDeliveries()).toEqual([]);
    expect((await call(t.app, 'challenges:get', { challengeId: challenge.id })).status).toBe('ACTIVE');
    expect((await call(t.app, 'sessions:get', { sessionId })).cursorTs).toBe(DATA_START + 10 * 60);

    // The same step once the store accepts it: committed, then announced exactly once.
    sqlite.exec('DROP TRIGGER refuse_failed');
    const step = await t.request('POST', `/v1/sessions/${sessionId}/step`, { bars: 20 });
    expect(step.status).toBe(200);
    expect(step.body.cursorTs).toBe(DATA_START + 12 * 60);
    expect(await breachedDeliveries()).toHaveLength(1);
    const event = await waitFor(() => hook.accepted[0]);
    expect(event.type).toBe('challenge.breached');
    expect(event.data).toMatchObject({
      challengeId: challenge.id,
      sessionId,
      templateId: START.templateId,
      phaseIndex: 0,
      balanceCents: 9_390_000,
      currency: 'USD',
      breach: { rule: 'daily-loss', ts: DATA_START + 12 * 60, tick: 7, limit: 9_500_000, value: 9_390_000 },
    });
    expect((event.data.breach as { message: string }).message).toContain('95,000.00 USD');
    // A closed session takes no more steps, so nothing can announce it twice.
    expect((await t.request('POST', `/v1/sessions/${sessionId}/step`, { bars: 1 })).status).toBe(409);
    expect(await breachedDeliveries()).toHaveLength(1);
    expect(hook.accepted.filter((e) => e.type === 'challenge.breached')).toHaveLength(1);
  });

  it('sends challenge.breached when a trader action ends the challenge (an order without the required stop loss)', async () => {
    let secret = '';
    const hook = await receiver(() => secret, 0);
    const t = await apiApp({ retryBaseMs: 50, importData: false });
    closers.push(() => t.close());
    seedCandles(t.app, 'EURUSD', 'M1', craftedCandles(200, {}));
    const created = await call(t.app, 'automation:create-webhook', {
      clientId: t.client.id,
      url: hook.url,
      events: ['challenge.breached'],
    });
    secret = created.secret;
    // The instant rulebook requires a stop loss on every position (risk per trade).
    const challenge = await call(t.app, 'challenges:start', {
      ...START,
      templateId: 'instant-trailing-equity-lock',
    });
    const order = await t.request('POST', `/v1/sessions/${challenge.sessionId}/orders`, {
      side: 'BUY',
      lots: 1,
    });
    expect(order.status).toBe(201);
    const event = await waitFor(() => hook.accepted[0]);
    expect(event.type).toBe('challenge.breached');
    expect(event.data).toMatchObject({
      challengeId: challenge.id,
      sessionId: challenge.sessionId,
      phaseName: 'Funded',
      breach: { rule: 'risk-per-trade', value: null },
    });
    expect((await call(t.app, 'challenges:get', { challengeId: challenge.id })).status).toBe('FAILED');
    const deliveries = await call(t.app, 'automation:list-deliveries', {});
    expect(deliveries.filter((d) => d.eventType === 'challenge.breached')).toHaveLength(1);
  });

  it('refuses a webhook URL that is not http(s)', async () => {
    const t = await apiApp({ importData: false });
    closers.push(() => t.close());
    const result = await t.app.dispatch('automation:create-webhook', {
      clientId: t.client.id,
      url: 'file:///etc/passwd',
      events: ['order.filled'],
    });
    expect(result.ok).toBe(false);
  });
});

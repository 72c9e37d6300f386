import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../../src/shared/contract/automation';
import { openTempApp } from '../../helpers/temp-app';
import { call } from './helpers';

/** What the Settings page needs from the back end beyond the CRUD: the plan's client limit, a test event while the API is off. */
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function app() {
  const a = openTempApp({ startOnline: false });
  closers.push(() => a.dispose());
  return a;
}

describe('the plan limits automation clients', () => {
  it('allows two on the free plan and refuses a third with the limit and how to lift it', async () => {
    const a = app();
    await call(a, 'automation:create-client', { name: 'bot one' });
    await call(a, 'automation:create-client', { name: 'bot two' });
    const third = await a.dispatch('automation:create-client', { name: 'bot three' });
    expect(third).toMatchObject({
      ok: false,
      error: {
        code: 'QUOTA_EXCEEDED',
        details: { kind: 'automation-clients', plan: 'free', limit: 2, used: 2 },
      },
    });
    if (third.ok) throw new Error('expected a refusal');
    expect(third.error.message).toContain('The free plan allows 2 automation clients and you have 2');
    expect(third.error.message).toContain('Delete a client you no longer use');
    expect((await call(a, 'automation:list-clients', {})).map((c) => c.name)).toEqual(['bot one', 'bot two']);

    const plan = await call(a, 'account:get-plan', {});
    expect(plan.usage.find((u) => u.kind === 'automation-clients')).toMatchObject({
      label: 'Automation clients',
      measure: 'now',
      used: 2,
      limit: 2,
      createdThisMonth: 2,
    });

    // Deleting one makes room again.
    const [first] = await call(a, 'automation:list-clients', {});
    await call(a, 'automation:delete-client', { clientId: first!.id });
    await expect(call(a, 'automation:create-client', { name: 'bot three' })).resolves.toMatchObject({
      name: 'bot three',
    });
  });
});

describe('send test event', () => {
  it('sends the test at once even while the API is off, and counts it', async () => {
    const received: { type: string; signature: string }[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string };
        received.push({ type: body.type, signature: String(req.headers['tickstep-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    const a = app();
    expect((await call(a, 'automation:get-settings', {})).running).toBe(false);
    const client = await call(a, 'automation:create-client', { name: 'bot' });
    const { webhook } = await call(a, 'automation:create-webhook', {
      clientId: client.id,
      url,
      events: ['order.filled'],
    });
    const queued = await call(a, 'automation:test-webhook', { webhookId: webhook.id });
    expect(queued).toMatchObject({ webhookId: webhook.id, eventType: 'test', status: 'pending' });

    await expect
      .poll(async () => (await call(a, 'automation:list-deliveries', { webhookId: webhook.id }))[0]?.status)
      .toBe('delivered');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: 'test',
      signature: expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });
    const [after] = await call(a, 'automation:list-webhooks', { clientId: client.id });
    expect(after).toMatchObject({ totalSent: 1, totalFailed: 0 });
    const usage = await call(a, 'automation:usage', { clientId: client.id });
    expect(usage.daily[0]).toMatchObject({ eventsDelivered: 1 });
  });
});

describe('webhook event types', () => {
  it('lists every event the issue names, including those whose features have not landed yet', () => {
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual(
      [
        'backtest.completed',
        'challenge.breached',
        'order.filled',
        'position.closed',
        'session.completed',
      ].sort(),
    );
  });
});

describe('the audit log', () => {
  it('lists what happened within one second newest first, in the order it happened', async () => {
    const a = openTempApp({ startOnline: false, clock: { nowSeconds: () => 1_800_000_000 } });
    closers.push(() => a.dispose());
    const client = await call(a, 'automation:create-client', { name: 'bot' });
    const { apiKey } = await call(a, 'automation:create-key', {
      clientId: client.id,
      name: 'main',
      scopes: ['market:read'],
    });
    await call(a, 'automation:create-webhook', {
      clientId: client.id,
      url: 'http://127.0.0.1:9/hook',
      events: ['order.filled'],
    });
    await call(a, 'automation:revoke-key', { keyId: apiKey.id });
    const actions = (await call(a, 'automation:audit-log', {})).map((e) => e.action);
    expect(actions).toEqual(['key.revoked', 'webhook.created', 'key.created', 'client.created']);
  });
});

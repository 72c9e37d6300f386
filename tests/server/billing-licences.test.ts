import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeJwt, importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { stripeEvents, subscriptions, users } from '../../src/server/db/schema.js';
import { LICENCE_TOKEN_TYPE, verifyLicenceToken } from '../../src/shared/licence.js';
import { rand } from './helpers/fake-stripe.js';
import {
  DAY,
  Harness,
  invoiceObject,
  nowS,
  subscriptionObject,
  type TestUser,
  WEBHOOK_SECRET,
} from './helpers/harness.js';

const h = new Harness();
let publicKeyPem = '';
beforeAll(async () => {
  await h.start();
  publicKeyPem = (await h.call('GET', '/licenses/public-key')).body;
});
afterAll(() => h.stop());

async function customerOf(u: TestUser): Promise<string> {
  return (await h.db.db.select().from(users).where(eq(users.id, u.id)))[0]!.stripeCustomerId!;
}

/** Checkout through the fake Stripe, then the webhooks Stripe would send. */
async function subscribe(u: TestUser, opts: { status?: string } = {}) {
  const co = await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'pro' } });
  expect(co.status).toBe(200);
  const customer = await customerOf(u);
  const subId = `sub_${rand()}`;
  const t = nowS();
  const done = await h.webhook({
    type: 'checkout.session.completed',
    created: t,
    object: {
      id: co.body.id,
      object: 'checkout.session',
      mode: 'subscription',
      customer,
      subscription: subId,
      client_reference_id: u.id,
      payment_status: 'paid',
      metadata: { userId: u.id, planCode: 'pro' },
      created: t,
    },
  });
  expect(done.status).toBe(200);
  const created = await h.webhook({
    type: 'customer.subscription.created',
    created: t,
    object: subscriptionObject({
      id: subId,
      customer,
      status: opts.status ?? 'active',
      periodStart: t - DAY,
      periodEnd: t + 29 * DAY,
    }),
  });
  expect(created.status).toBe(200);
  return { subId, customer, t };
}

const subRow = async (subId: string) =>
  (await h.db.db.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, subId)))[0]!;

describe('checkout and portal (real SDK against the local fake Stripe API)', () => {
  it('creates the Stripe customer once and a subscription-mode Checkout Session for the plan price', async () => {
    const u = await h.register();
    const a = await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'pro' } });
    const b = await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'team' } });
    expect(a.status).toBe(200);
    expect(a.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    expect(b.status).toBe(200);
    const customer = await customerOf(u);
    const created = h.stripe
      .callsTo('/v1/customers')
      .filter((c) => c.params.get('metadata[userId]') === u.id);
    expect(created).toHaveLength(1);
    const sessions = h.stripe
      .callsTo('/v1/checkout/sessions')
      .filter((c) => c.params.get('customer') === customer);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.params.get('mode')).toBe('subscription');
    expect(sessions[0]!.params.get('line_items[0][price]')).toBe('price_tickstep_pro_monthly');
    expect(sessions[1]!.params.get('line_items[0][price]')).toBe('price_tickstep_team_monthly');
    expect(sessions[0]!.params.get('client_reference_id')).toBe(u.id);
  });

  it('rejects unknown plans, bad bodies and anonymous callers', async () => {
    const u = await h.register();
    expect(
      (await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'gold' } }))
        .status,
    ).toBe(404);
    expect((await h.call('POST', '/billing/checkout', { token: u.accessToken, body: {} })).status).toBe(400);
    expect((await h.call('POST', '/billing/checkout', { body: { planCode: 'pro' } })).status).toBe(401);
    expect((await h.call('POST', '/billing/portal')).status).toBe(401);
    expect((await h.call('GET', '/billing/subscription')).status).toBe(401);
  });

  it('gives a customer-portal link', async () => {
    const u = await h.register();
    const r = await h.call('POST', '/billing/portal', { token: u.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.url).toMatch(/^https:\/\/billing\.stripe\.test\//);
  });

  it('refuses a second checkout while subscribed', async () => {
    const u = await h.register();
    await subscribe(u);
    const r = await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'pro' } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ALREADY_SUBSCRIBED');
  });
});

describe('webhooks', () => {
  it('applies checkout + subscription events; the user sees the subscription', async () => {
    const u = await h.register();
    const { subId } = await subscribe(u);
    const r = await h.call('GET', '/billing/subscription', { token: u.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.entitled).toBe(true);
    expect(r.body.subscription).toMatchObject({
      planCode: 'pro',
      status: 'active',
      cancelAtPeriodEnd: false,
    });
    expect(r.body.plan.entitlements.maxDevices).toBe(2);
    expect((await subRow(subId)).userId).toBe(u.id);
    // another user sees nothing of it
    const b = await h.register();
    const rb = await h.call('GET', '/billing/subscription', { token: b.accessToken });
    expect(rb.body).toEqual({ entitled: false, subscription: null, plan: null });
  });

  it('rejects a bad or missing signature and stores nothing', async () => {
    const id = `evt_${rand()}`;
    const wrong = await h.webhook({ id, type: 'invoice.paid', object: { id: 'in_1' } }, 'whsec_wrong');
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('INVALID_SIGNATURE');
    const none = await h.call('POST', '/billing/webhook', { body: { id, type: 'invoice.paid' } });
    expect(none.status).toBe(400);
    const tampered = await h.call('POST', '/billing/webhook', {
      raw: JSON.stringify({ id, type: 'invoice.paid' }),
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${nowS()},v1=${'0'.repeat(64)}` },
    });
    expect(tampered.status).toBe(400);
    expect(await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, id))).toHaveLength(
      0,
    );
  });

  it('stores each event once; a replay is acknowledged and not applied again', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    const id = `evt_${rand()}`;
    const ev = {
      id,
      type: 'customer.subscription.updated',
      created: t + 10,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'active',
        periodStart: t,
        periodEnd: t + 30 * DAY,
        cancelAtPeriodEnd: true,
      }),
    };
    const first = await h.webhook(ev);
    expect(first.body).toMatchObject({ received: true, status: 'applied' });
    const second = await h.webhook(ev);
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('duplicate');
    const rows = await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ success: true, type: 'customer.subscription.updated' });
    expect((await subRow(subId)).cancelAtPeriodEnd).toBe(true);
  });

  it('never moves a subscription backwards on out-of-order events', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    // The renewal (newer period) arrives before an older past_due update.
    await h.webhook({
      type: 'customer.subscription.updated',
      created: t + 100,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'active',
        periodStart: t + 29 * DAY,
        periodEnd: t + 59 * DAY,
      }),
    });
    const late = await h.webhook({
      type: 'customer.subscription.updated',
      created: t + 50,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'past_due',
        periodStart: t - DAY,
        periodEnd: t + 29 * DAY,
      }),
    });
    expect(late.status).toBe(200);
    let row = await subRow(subId);
    expect(row.status).toBe('active');
    expect(row.currentPeriodEnd!.getTime()).toBe((t + 59 * DAY) * 1000);
    // An older invoice.payment_failed arriving late is ignored too.
    await h.webhook({
      type: 'invoice.payment_failed',
      created: t + 60,
      object: invoiceObject({ customer, subscription: subId, created: t + 60 }),
    });
    expect((await subRow(subId)).status).toBe('active');
    // Deleted is final: a late "active" update does not resurrect it.
    await h.webhook({
      type: 'customer.subscription.deleted',
      created: t + 200,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'canceled',
        periodStart: t + 29 * DAY,
        periodEnd: t + 59 * DAY,
        canceledAt: t + 200,
      }),
    });
    await h.webhook({
      type: 'customer.subscription.updated',
      created: t + 150,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'active',
        periodStart: t + 29 * DAY,
        periodEnd: t + 59 * DAY,
      }),
    });
    row = await subRow(subId);
    expect(row.status).toBe('canceled');
    expect(row.canceledAt).not.toBeNull();
  });

  it('a cancellation always wins, even one carrying an older period or an older timestamp', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    // Renewed: the stored period now ends two months out.
    const renewed = await h.webhook({
      type: 'customer.subscription.updated',
      created: t + 20,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'active',
        periodStart: t + 29 * DAY,
        periodEnd: t + 59 * DAY,
      }),
    });
    expect(renewed.body.status).toBe('applied');
    // The deletion Stripe sends still describes the previous period, and was created earlier.
    const deleted = await h.webhook({
      type: 'customer.subscription.deleted',
      created: t + 10,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'canceled',
        periodStart: t - DAY,
        periodEnd: t + 29 * DAY,
        canceledAt: t + 10,
      }),
    });
    expect(deleted.body.status).toBe('applied');
    const row = await subRow(subId);
    expect(row.status).toBe('canceled');
    expect(row.canceledAt?.getTime()).toBe((t + 10) * 1000);
    const me = await h.call('GET', '/billing/subscription', { token: u.accessToken });
    expect(me.body.entitled).toBe(false);
    expect(me.body.subscription.status).toBe('canceled');
    const act = await h.call('POST', '/licenses/activate', {
      token: u.accessToken,
      body: { hardwareId: `hw-${rand()}-cancelled-device` },
    });
    expect(act.status).toBe(402);
  });

  it('follows a plan change made in the customer portal', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    await h.webhook({
      type: 'customer.subscription.updated',
      created: t + 30,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'active',
        priceId: 'price_tickstep_team_monthly',
        periodStart: t - DAY,
        periodEnd: t + 29 * DAY,
      }),
    });
    const r = await h.call('GET', '/billing/subscription', { token: u.accessToken });
    expect(r.body.subscription.planCode).toBe('team');
    expect(r.body.plan.entitlements.maxDevices).toBe(5);
  });

  it('applies a webhook delivered to two instances at once exactly once', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    const other = await h.startServer();
    const otherUrl = await other.app.listen({ host: '127.0.0.1', port: 0 });
    const event = {
      id: `evt_${rand()}`,
      type: 'customer.subscription.updated',
      created: t + 40,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'active',
        periodStart: t,
        periodEnd: t + 30 * DAY,
        cancelAtPeriodEnd: true,
      }),
    };
    const send = (base: string) => h.webhook(event, WEBHOOK_SECRET, base);
    const results = await Promise.all([send(h.url), send(otherUrl), send(h.url), send(otherUrl)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.filter((r) => r.body.status === 'applied')).toHaveLength(1);
    expect((await subRow(subId)).cancelAtPeriodEnd).toBe(true);
  });

  it('records a failed event and applies it when Stripe redelivers it later', async () => {
    const u = await h.register();
    await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'pro' } });
    const customer = await customerOf(u);
    const subId = `sub_${rand()}`;
    const t = nowS();
    const invoice = {
      id: `evt_${rand()}`,
      type: 'invoice.paid',
      created: t + 5,
      object: invoiceObject({
        customer,
        subscription: subId,
        created: t + 5,
        period: { start: t, end: t + 30 * DAY },
      }),
    };
    const early = await h.webhook(invoice);
    expect(early.status).toBe(500);
    const stored = (
      await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, invoice.id))
    )[0]!;
    expect(stored.success).toBe(false);
    expect(stored.error).toMatch(/unknown subscription/);
    await h.webhook({
      type: 'customer.subscription.created',
      created: t,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'incomplete',
        periodStart: t,
        periodEnd: t + 30 * DAY,
      }),
    });
    const again = await h.webhook(invoice);
    expect(again.body.status).toBe('applied');
    expect((await subRow(subId)).status).toBe('active');
  });

  it('acknowledges event types it does not handle', async () => {
    const r = await h.webhook({ type: 'customer.created', object: { id: 'cus_x', object: 'customer' } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ignored');
  });
});

describe('licences', () => {
  const hw = (n = '') => `hw-${rand()}${n}`;

  it('activates with a signed token that verifies offline only on that machine', async () => {
    const u = await h.register();
    await subscribe(u);
    const machine = hw();
    const r = await h.call('POST', '/licenses/activate', {
      token: u.accessToken,
      body: { hardwareId: machine, deviceName: 'Trading PC' },
    });
    expect(r.status).toBe(200);
    expect(r.body.plan).toBe('pro');
    const now = nowS();
    const v = await verifyLicenceToken(r.body.token, publicKeyPem, machine, now);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.state).toBe('valid');
    expect(v.claims).toMatchObject({ sub: u.id, plan: 'pro', hwid: machine, graceDays: 7 });
    expect(v.claims.entitlements.maxDevices).toBe(2);
    // other machine
    expect(await verifyLicenceToken(r.body.token, publicKeyPem, hw(), now)).toEqual({
      ok: false,
      reason: 'wrong_hardware',
    });
    // in grace after exp, expired after the grace
    const grace = await verifyLicenceToken(r.body.token, publicKeyPem, machine, v.claims.exp + 10);
    expect(grace.ok && grace.state).toBe('grace');
    expect(await verifyLicenceToken(r.body.token, publicKeyPem, machine, v.claims.exp + 7 * DAY)).toEqual({
      ok: false,
      reason: 'expired',
    });
    // tampered payload (another hardware id) keeps the old signature: rejected
    const [hd, , sig] = r.body.token.split('.');
    const claims = decodeJwt(r.body.token);
    const payload = Buffer.from(
      JSON.stringify({ ...claims, hwid: 'hw-attacker-0001', exp: claims.exp! + 999 * DAY }),
    ).toString('base64url');
    expect(
      await verifyLicenceToken(`${hd}.${payload}.${sig}`, publicKeyPem, 'hw-attacker-0001', now),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // forged with another Ed25519 key
    const other = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', typ: LICENCE_TOKEN_TYPE })
      .sign(await importPKCS8(other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'EdDSA'));
    expect(await verifyLicenceToken(forged, publicKeyPem, machine, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // an access token (same key, different type) is not a licence; garbage is malformed
    expect((await verifyLicenceToken(u.accessToken, publicKeyPem, machine, now)).ok).toBe(false);
    expect(await verifyLicenceToken('garbage', publicKeyPem, machine, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('counts activations against max devices; re-activating the same machine is free; deactivation frees a seat', async () => {
    const u = await h.register();
    await subscribe(u);
    const [m1, m2, m3] = [hw('1'), hw('2'), hw('3')];
    for (const m of [m1, m2, m1]) {
      expect(
        (await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: m } }))
          .status,
      ).toBe(200);
    }
    const full = await h.call('POST', '/licenses/activate', {
      token: u.accessToken,
      body: { hardwareId: m3 },
    });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('DEVICE_LIMIT_REACHED');
    const list = await h.call('GET', '/licenses', { token: u.accessToken });
    expect(list.body.activations).toHaveLength(2);
    expect(list.body.maxDevices).toBe(2);
    // B cannot deactivate A's device
    const b = await h.register();
    const actId = list.body.activations[0].id;
    expect((await h.call('DELETE', `/licenses/activations/${actId}`, { token: b.accessToken })).status).toBe(
      404,
    );
    expect(
      (await h.call('POST', '/licenses/deactivate', { token: b.accessToken, body: { hardwareId: m2 } }))
        .status,
    ).toBe(404);
    expect(
      (await h.call('POST', '/licenses/deactivate', { token: u.accessToken, body: { hardwareId: m2 } }))
        .status,
    ).toBe(204);
    expect(
      (await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m2 } })).status,
    ).toBe(403);
    expect(
      (await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: m3 } })).status,
    ).toBe(200);
  });

  it('bounds seat swaps: at most 2 x maxDevices seats taken per licence-token lifetime', async () => {
    const clock = new ManualClock(Date.now());
    const s = await h.startServer({}, undefined, clock);
    const base = await s.listen();
    const u = await h.register();
    await subscribe(u);
    const act = (token: string, m: string) =>
      h.call('POST', '/licenses/activate', { base, token, body: { hardwareId: m } });
    const off = (token: string, m: string) =>
      h.call('POST', '/licenses/deactivate', { base, token, body: { hardwareId: m } });
    const [a, b, c, d] = [hw('a'), hw('b'), hw('c'), hw('d')];
    // Pro allows 2 devices: a, b, then swapping b -> c -> b takes seats 3 and 4 of 4.
    expect((await act(u.accessToken, a)).status).toBe(200);
    expect((await act(u.accessToken, b)).status).toBe(200);
    expect((await off(u.accessToken, b)).status).toBe(204);
    expect((await act(u.accessToken, c)).status).toBe(200);
    expect((await off(u.accessToken, c)).status).toBe(204);
    expect((await act(u.accessToken, b)).status).toBe(200);
    expect((await act(u.accessToken, a)).status).toBe(200); // already active: no seat taken
    expect((await off(u.accessToken, b)).status).toBe(204);
    const limited = await act(u.accessToken, d);
    expect(limited.status).toBe(409);
    expect(limited.body.code).toBe('DEVICE_SWAP_LIMIT_REACHED');
    // Once the licence tokens handed out by those swaps have expired, swapping works again.
    clock.advance(8 * DAY * 1000);
    const again = await h.call('POST', '/auth/refresh', { base, body: { refreshToken: u.refreshToken } });
    expect(again.status).toBe(200);
    expect((await act(again.body.accessToken, d)).status).toBe(200);
  });

  it('two instances racing for the last device seat give it to exactly one', async () => {
    const u = await h.register();
    await subscribe(u);
    const other = await h.startServer();
    const otherUrl = await other.app.listen({ host: '127.0.0.1', port: 0 });
    const results = await Promise.all(
      [h.url, otherUrl, h.url, otherUrl, h.url].map((base) =>
        h.call('POST', '/licenses/activate', { base, token: u.accessToken, body: { hardwareId: hw() } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 409, 409, 409]);
  });

  it('rate-limits activation per user', async () => {
    const s = await h.startServer({}, (c) => {
      c.rateLimits.activatePerUser = { limit: 2, windowSeconds: 600 };
    });
    const base = await s.app.listen({ host: '127.0.0.1', port: 0 });
    const u = await h.register();
    await subscribe(u);
    const m = hw();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await h.call('POST', '/licenses/activate', { base, token: u.accessToken, body: { hardwareId: m } }))
          .status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('refuses activation without a subscription, bad hardware ids and anonymous callers', async () => {
    const u = await h.register();
    const r = await h.call('POST', '/licenses/activate', {
      token: u.accessToken,
      body: { hardwareId: hw() },
    });
    expect(r.status).toBe(402);
    expect(r.body.code).toBe('NO_ACTIVE_SUBSCRIPTION');
    expect(
      (await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: '../x' } }))
        .status,
    ).toBe(400);
    expect((await h.call('POST', '/licenses/activate', { body: { hardwareId: hw() } })).status).toBe(401);
    expect(
      (await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: hw() } }))
        .status,
    ).toBe(404);
  });

  it('refresh fails after cancellation', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    const m = hw();
    await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: m } });
    expect(
      (await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m } })).status,
    ).toBe(200);
    await h.webhook({
      type: 'customer.subscription.deleted',
      created: t + 10,
      object: subscriptionObject({
        id: subId,
        customer,
        status: 'canceled',
        periodStart: t - DAY,
        periodEnd: t + 29 * DAY,
        canceledAt: t + 10,
      }),
    });
    const r = await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m } });
    expect(r.status).toBe(402);
  });

  it('non-payment: refresh works during the payment grace, fails after it', async () => {
    const u = await h.register();
    const { subId, customer, t } = await subscribe(u);
    const m = hw();
    await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: m } });
    await h.webhook({
      type: 'invoice.payment_failed',
      created: t + 10,
      object: invoiceObject({ customer, subscription: subId, created: t + 10 }),
    });
    expect((await subRow(subId)).status).toBe('past_due');
    expect(
      (await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m } })).status,
    ).toBe(200);
    await h.db.db
      .update(subscriptions)
      .set({ pastDueSince: new Date(Date.now() - 8 * DAY * 1000) })
      .where(eq(subscriptions.stripeSubscriptionId, subId));
    expect(
      (await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m } })).status,
    ).toBe(402);
    // paying brings it back
    await h.webhook({
      type: 'invoice.paid',
      created: t + 20,
      object: invoiceObject({
        customer,
        subscription: subId,
        created: t + 20,
        period: { start: t, end: t + 30 * DAY },
      }),
    });
    expect(
      (await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m } })).status,
    ).toBe(200);
  });

  it('ban and revocation make the next refresh fail', async () => {
    const admin = await h.admin();
    const u = await h.register();
    await subscribe(u);
    const m = hw();
    await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: m } });
    const lic = (await h.call('GET', '/licenses', { token: u.accessToken })).body.licence;
    // a plain user cannot revoke
    expect(
      (await h.call('POST', `/admin/licenses/${lic.id}/revoke`, { token: u.accessToken, body: {} })).status,
    ).toBe(403);
    expect(
      (
        await h.call('POST', `/admin/licenses/${lic.id}/revoke`, {
          token: admin.accessToken,
          body: { reason: 'chargeback' },
        })
      ).status,
    ).toBe(204);
    const r = await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: m } });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('LICENSE_REVOKED');

    const v = await h.register();
    await subscribe(v);
    const mv = hw();
    await h.call('POST', '/licenses/activate', { token: v.accessToken, body: { hardwareId: mv } });
    await h.call('POST', `/admin/users/${v.id}/ban`, { token: admin.accessToken, body: {} });
    expect(
      (await h.call('POST', '/licenses/refresh', { token: v.accessToken, body: { hardwareId: mv } })).status,
    ).toBe(401);
  });
});

/**
 * Paid challenge attempts (issue 18) through the real Stripe SDK against the local fake Stripe:
 * Checkout in payment mode, the webhooks (idempotent, in any order), the double-entry ledger
 * (balanced per payment, refunds reversing), and the attempts carried by the licence token.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentIntents, paymentLedgerEntries, stripeEvents, users } from '../../src/server/db/schema.js';
import { verifyLicenceToken } from '../../src/shared/licence.js';
import { rand } from './helpers/fake-stripe.js';
import { DAY, Harness, nowS, subscriptionObject, type TestUser } from './helpers/harness.js';

const TEMPLATE = 'paid-two-step-200k';
const h = new Harness();
let publicKeyPem = '';
beforeAll(async () => {
  await h.start();
  publicKeyPem = (await h.call('GET', '/licenses/public-key')).body;
});
afterAll(() => h.stop());

const hw = () => `hw-${rand()}`;

/** A subscribed user with one activated device (a licence is how attempts reach the desktop). */
async function trader(): Promise<{ u: TestUser; device: string; customer: string }> {
  const u = await h.register('trader');
  const co = await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'pro' } });
  expect(co.status).toBe(200);
  const customer = (await h.db.db.select().from(users).where(eq(users.id, u.id)))[0]!.stripeCustomerId!;
  const t = nowS();
  const subId = `sub_${rand()}`;
  await h.webhook({
    type: 'customer.subscription.created',
    created: t,
    object: subscriptionObject({
      id: subId,
      customer,
      status: 'active',
      periodStart: t - DAY,
      periodEnd: t + 29 * DAY,
      userId: u.id,
    }),
  });
  const device = hw();
  const act = await h.call('POST', '/licenses/activate', {
    token: u.accessToken,
    body: { hardwareId: device },
  });
  expect(act.status).toBe(200);
  return { u, device, customer };
}

interface Bought {
  purchaseId: string;
  sessionId: string;
  stripeIntent: string;
  metadata: Record<string, string>;
  amount: number;
}

/** Checkout through the fake Stripe: a pending payment intent and a payment-mode session. */
async function checkout(u: TestUser, device: string, kind: 'attempt' | 'reset' = 'attempt'): Promise<Bought> {
  const r = await h.call('POST', '/challenges/checkout', {
    token: u.accessToken,
    body: { templateId: TEMPLATE, kind, hardwareId: device },
  });
  expect(r.status).toBe(200);
  expect(r.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
  const row = await intent(r.body.purchaseId);
  return {
    purchaseId: r.body.purchaseId,
    sessionId: r.body.id,
    stripeIntent: `pi_${rand()}`,
    metadata: row.metadata,
    amount: row.amountCents,
  };
}

const completed = (b: Bought, opts: { id?: string; paid?: boolean } = {}) =>
  h.webhook({
    id: opts.id,
    type: 'checkout.session.completed',
    object: {
      id: b.sessionId,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: opts.paid === false ? 'unpaid' : 'paid',
      payment_intent: b.stripeIntent,
      amount_total: b.amount,
      currency: 'usd',
      metadata: b.metadata,
      created: nowS(),
    },
  });

const intentEvent = (b: Bought, type: 'payment_intent.succeeded' | 'payment_intent.payment_failed') =>
  h.webhook({
    type,
    object: {
      id: b.stripeIntent,
      object: 'payment_intent',
      amount: b.amount,
      amount_received: type === 'payment_intent.succeeded' ? b.amount : 0,
      currency: 'usd',
      metadata: b.metadata,
    },
  });

const refunded = (b: Bought, amountRefunded: number, id?: string) =>
  h.webhook({
    id,
    type: 'charge.refunded',
    object: {
      id: `ch_${b.stripeIntent}`,
      object: 'charge',
      payment_intent: b.stripeIntent,
      amount: b.amount,
      amount_refunded: amountRefunded,
      currency: 'usd',
      metadata: {},
    },
  });

const intent = async (id: string) =>
  (await h.db.db.select().from(paymentIntents).where(eq(paymentIntents.id, id)))[0]!;
const ledger = (id: string) =>
  h.db.db.select().from(paymentLedgerEntries).where(eq(paymentLedgerEntries.paymentIntentId, id));

/** Net per account (debit positive) and the debit/credit totals of each posting. */
async function books(id: string) {
  const rows = await ledger(id);
  const net: Record<string, number> = {};
  const postings: Record<string, { debit: number; credit: number }> = {};
  for (const r of rows) {
    net[r.account] = (net[r.account] ?? 0) + (r.direction === 'debit' ? r.amountCents : -r.amountCents);
    postings[r.posting] ??= { debit: 0, credit: 0 };
    postings[r.posting]![r.direction] += r.amountCents;
  }
  return { rows, net, postings };
}

async function licensedAttempts(u: TestUser, device: string) {
  const r = await h.call('POST', '/licenses/refresh', { token: u.accessToken, body: { hardwareId: device } });
  expect(r.status).toBe(200);
  const v = await verifyLicenceToken(r.body.token, publicKeyPem, device, nowS());
  if (!v.ok) throw new Error(`licence rejected: ${v.reason}`);
  return v.claims.attempts;
}

describe('buying an attempt (Checkout in payment mode)', () => {
  it('lists the products and opens a payment-mode session for one attempt, recorded as pending', async () => {
    const products = await h.call('GET', '/challenges/products');
    expect(products.body.products).toEqual([
      {
        templateId: TEMPLATE,
        kind: 'attempt',
        name: expect.any(String),
        amountCents: 14_900,
        currency: 'usd',
      },
      { templateId: TEMPLATE, kind: 'reset', name: expect.any(String), amountCents: 7_900, currency: 'usd' },
    ]);
    const { u, device, customer } = await trader();
    const b = await checkout(u, device);
    const call = h.stripe
      .callsTo('/v1/checkout/sessions')
      .find((c) => c.params.get('customer') === customer && c.params.get('mode') === 'payment');
    expect(call).toBeDefined();
    expect(call!.params.get('line_items[0][price_data][unit_amount]')).toBe('14900');
    expect(call!.params.get('line_items[0][price_data][currency]')).toBe('usd');
    expect(call!.params.get('metadata[paymentIntentId]')).toBe(b.purchaseId);
    expect(call!.params.get('payment_intent_data[metadata][templateId]')).toBe(TEMPLATE);
    expect(call!.params.get('payment_intent_data[metadata][kind]')).toBe('attempt');
    expect(call!.params.get('payment_intent_data[metadata][userId]')).toBe(u.id);
    expect(call!.idempotencyKey).toBe(`tickstep-attempt-${b.purchaseId}`);
    expect(await intent(b.purchaseId)).toMatchObject({
      userId: u.id,
      kind: 'attempt',
      status: 'pending',
      amountCents: 14_900,
      currency: 'usd',
      templateId: TEMPLATE,
      hardwareId: device,
      stripeCheckoutSessionId: b.sessionId,
      paidAt: null,
    });
    expect(await ledger(b.purchaseId)).toEqual([]);
    const list = await h.call('GET', '/challenges/purchases', { token: u.accessToken });
    expect(list.body.purchases).toMatchObject([{ id: b.purchaseId, status: 'pending', kind: 'attempt' }]);
  });

  it('refuses bad input naming the field, unknown products, devices not activated and anonymous callers', async () => {
    const { u, device } = await trader();
    const post = (body: unknown, token: string | null = u.accessToken) =>
      h.call('POST', '/challenges/checkout', { token: token ?? undefined, body });
    const badKind = await post({ templateId: TEMPLATE, kind: 'gift', hardwareId: device });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toContain('kind');
    const nul = await post({ templateId: `${TEMPLATE}\u0000`, kind: 'attempt', hardwareId: device });
    expect(nul.status).toBe(400);
    expect(nul.body.message).toContain('templateId');
    const extra = await post({ templateId: TEMPLATE, kind: 'attempt', hardwareId: device, amountCents: 1 });
    expect(extra.status).toBe(400);
    const unknown = await post({ templateId: 'two-step-10-5-static', kind: 'attempt', hardwareId: device });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('templateId');
    const other = await post({ templateId: TEMPLATE, kind: 'attempt', hardwareId: hw() });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('DEVICE_NOT_ACTIVATED');
    expect((await post({ templateId: TEMPLATE, kind: 'attempt', hardwareId: device }, null)).status).toBe(
      401,
    );
    expect(
      (
        await h.call('POST', '/challenges/checkout', {
          token: u.accessToken,
          raw: 'not json',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect((await h.call('GET', '/challenges/purchases')).status).toBe(401);
    const list = await h.call('GET', '/challenges/purchases', { token: u.accessToken });
    expect(list.body.purchases).toEqual([]);
  });
});

describe('payment webhooks and the ledger', () => {
  it('a paid checkout posts one balanced payment; redelivery and the later payment_intent.succeeded change nothing', async () => {
    const { u, device } = await trader();
    const b = await checkout(u, device);
    const eventId = `evt_${rand()}`;
    const first = await completed(b, { id: eventId });
    expect(first.body).toMatchObject({ received: true, status: 'applied' });
    const again = await completed(b, { id: eventId });
    expect(again.body.status).toBe('duplicate');
    expect((await intentEvent(b, 'payment_intent.succeeded')).body.status).toBe('applied');
    // A different event for the same session (Stripe sometimes sends one twice under new ids).
    expect((await completed(b)).body.status).toBe('applied');

    expect(await intent(b.purchaseId)).toMatchObject({
      status: 'succeeded',
      stripePaymentIntentId: b.stripeIntent,
      refundedCents: 0,
    });
    const { rows, net, postings } = await books(b.purchaseId);
    expect(rows).toHaveLength(2);
    expect(postings).toEqual({ payment: { debit: 14_900, credit: 14_900 } });
    expect(net).toEqual({ stripe_balance: 14_900, challenge_revenue: -14_900 });
    expect(rows.find((r) => r.direction === 'debit')).toMatchObject({
      account: 'stripe_balance',
      stripeEventId: eventId,
    });
    const events = await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, eventId));
    expect(events).toHaveLength(1);
  });

  it('a failed payment posts nothing and stays out of the licence; a later success applies; a late failure does not undo it', async () => {
    const { u, device } = await trader();
    const b = await checkout(u, device);
    await completed(b, { paid: false });
    expect((await intent(b.purchaseId)).status).toBe('pending');
    await intentEvent(b, 'payment_intent.payment_failed');
    expect((await intent(b.purchaseId)).status).toBe('failed');
    expect(await ledger(b.purchaseId)).toEqual([]);
    expect(await licensedAttempts(u, device)).toEqual([]);
    await intentEvent(b, 'payment_intent.succeeded');
    await intentEvent(b, 'payment_intent.payment_failed');
    expect((await intent(b.purchaseId)).status).toBe('succeeded');
    expect((await books(b.purchaseId)).postings).toEqual({ payment: { debit: 14_900, credit: 14_900 } });
  });

  it('an expired checkout is canceled; a payment intent that is not ours is acknowledged and ignored', async () => {
    const { u, device } = await trader();
    const b = await checkout(u, device);
    const r = await h.webhook({
      type: 'checkout.session.expired',
      object: { id: b.sessionId, object: 'checkout.session', mode: 'payment', metadata: b.metadata },
    });
    expect(r.body.status).toBe('applied');
    expect((await intent(b.purchaseId)).status).toBe('canceled');
    const foreign = await h.webhook({
      type: 'payment_intent.succeeded',
      object: { id: `pi_${rand()}`, object: 'payment_intent', amount: 500, metadata: {} },
    });
    expect(foreign.status).toBe(200);
    const foreignCharge = await h.webhook({
      type: 'charge.refunded',
      object: { id: `ch_${rand()}`, object: 'charge', payment_intent: `pi_${rand()}`, amount_refunded: 500 },
    });
    expect(foreignCharge.status).toBe(200);
  });

  it('refunds post reversing entries once each; an older refund event posts nothing; the books balance to zero', async () => {
    const { u, device } = await trader();
    const b = await checkout(u, device);
    await completed(b);
    const partialId = `evt_${rand()}`;
    await refunded(b, 4_900, partialId);
    expect(await intent(b.purchaseId)).toMatchObject({ status: 'partially_refunded', refundedCents: 4_900 });
    expect((await licensedAttempts(u, device))?.map((a) => a.id)).toEqual([b.purchaseId]);
    await refunded(b, 14_900);
    // The partial refund's event redelivered, and a new event carrying the older amount.
    expect((await refunded(b, 4_900, partialId)).body.status).toBe('duplicate');
    expect((await refunded(b, 4_900)).body.status).toBe('applied');
    expect(await intent(b.purchaseId)).toMatchObject({ status: 'refunded', refundedCents: 14_900 });
    const { rows, net, postings } = await books(b.purchaseId);
    expect(postings).toEqual({
      payment: { debit: 14_900, credit: 14_900 },
      'refund:4900': { debit: 4_900, credit: 4_900 },
      'refund:14900': { debit: 10_000, credit: 10_000 },
    });
    expect(net).toEqual({ stripe_balance: 0, challenge_revenue: 0 });
    const reversal = rows.filter((r) => r.posting.startsWith('refund'));
    expect(
      reversal.filter((r) => r.direction === 'debit').every((r) => r.account === 'challenge_revenue'),
    ).toBe(true);
    expect(
      reversal.filter((r) => r.direction === 'credit').every((r) => r.account === 'stripe_balance'),
    ).toBe(true);
  });

  it('out of order: a refund before the checkout event posts the payment first; the late events change nothing', async () => {
    const { u, device } = await trader();
    const b = await checkout(u, device, 'reset');
    // A failed try links Stripe's id; the refund comes before the checkout and the success events.
    await h.webhook({
      type: 'payment_intent.processing',
      object: { id: b.stripeIntent, object: 'payment_intent', metadata: b.metadata },
    });
    await intentEvent(b, 'payment_intent.payment_failed');
    await refunded(b, 7_900);
    await completed(b);
    await intentEvent(b, 'payment_intent.succeeded');
    expect(await intent(b.purchaseId)).toMatchObject({
      status: 'refunded',
      refundedCents: 7_900,
      kind: 'reset',
    });
    const { postings, net } = await books(b.purchaseId);
    expect(postings).toEqual({
      payment: { debit: 7_900, credit: 7_900 },
      'refund:7900': { debit: 7_900, credit: 7_900 },
    });
    expect(net).toEqual({ stripe_balance: 0, challenge_revenue: 0 });
    expect(await licensedAttempts(u, device)).toEqual([]);
  });

  it('applies a payment delivered to two instances at once exactly once', async () => {
    const second = await h.startServer();
    const base = await second.listen();
    const { u, device } = await trader();
    const b = await checkout(u, device);
    const id = `evt_${rand()}`;
    const object = {
      id: b.sessionId,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      payment_intent: b.stripeIntent,
      amount_total: b.amount,
      metadata: b.metadata,
    };
    const results = await Promise.all([
      h.webhook({ id, type: 'checkout.session.completed', object }),
      h.webhook({ id, type: 'checkout.session.completed', object }, undefined, base),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.status).sort()).toEqual(['applied', 'duplicate']);
    expect(await ledger(b.purchaseId)).toHaveLength(2);
  });
});

describe('attempts in the licence', () => {
  it('the signed licence of the device it was bought for carries each paid attempt; a refund removes it at the next refresh', async () => {
    const { u, device } = await trader();
    const other = hw();
    expect(
      (await h.call('POST', '/licenses/activate', { token: u.accessToken, body: { hardwareId: other } }))
        .status,
    ).toBe(200);
    expect(await licensedAttempts(u, device)).toEqual([]);
    const a = await checkout(u, device, 'attempt');
    const r = await checkout(u, device, 'reset');
    const pending = await checkout(u, device, 'attempt');
    await completed(a);
    await intentEvent(r, 'payment_intent.succeeded');
    expect(await licensedAttempts(u, device)).toEqual([
      { id: a.purchaseId, kind: 'attempt', templateId: TEMPLATE },
      { id: r.purchaseId, kind: 'reset', templateId: TEMPLATE },
    ]);
    expect(pending.purchaseId).not.toBe(a.purchaseId);
    // Bought for one device: the other device's licence does not carry it.
    expect(await licensedAttempts(u, other)).toEqual([]);
    // Activation (not only refresh) signs them in too.
    const act = await h.call('POST', '/licenses/activate', {
      token: u.accessToken,
      body: { hardwareId: device },
    });
    const v = await verifyLicenceToken(act.body.token, publicKeyPem, device, nowS());
    expect(v.ok && v.claims.attempts?.map((x) => x.id)).toEqual([a.purchaseId, r.purchaseId]);

    await refunded(a, 14_900);
    expect(await licensedAttempts(u, device)).toEqual([
      { id: r.purchaseId, kind: 'reset', templateId: TEMPLATE },
    ]);
    // Another user sees none of it.
    const b = await trader();
    expect(await licensedAttempts(b.u, b.device)).toEqual([]);
    const list = await h.call('GET', '/challenges/purchases', { token: u.accessToken });
    expect(list.body.purchases.map((p: { status: string }) => p.status).sort()).toEqual([
      'pending',
      'refunded',
      'succeeded',
    ]);
  });
});

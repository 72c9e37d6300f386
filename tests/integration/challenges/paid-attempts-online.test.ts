/**
 * A paid attempt end to end (issue 18): bought on the hosted server for this computer (Checkout in
 * payment mode, the signed webhook from the fake Stripe), delivered by the licence refresh, used
 * offline once; a refunded attempt leaves the licence at the next refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rand } from '../../server/helpers/fake-stripe.js';
import { Harness, nowS, PASSWORD, type TestUser } from '../../server/helpers/harness.js';
import { call, completeCheckout, ManualClock, openDesktop } from '../online/helpers';
import { seedCandles } from '../trading/helpers';
import { craftedCandles, START } from './helpers';

const PAID = 'paid-two-step-200k';
const h = new Harness();
let publicKeyPem = '';
beforeAll(async () => {
  await h.start();
  publicKeyPem = (await h.call('GET', '/licenses/public-key')).body;
});
afterAll(() => h.stop());

describe('a paid attempt from the hosted server to the desktop', () => {
  const clock = new ManualClock();
  let user: TestUser;
  let app: ReturnType<typeof openDesktop>;
  beforeAll(async () => {
    user = await h.register('paid');
    app = openDesktop(h, publicKeyPem, { clock });
    seedCandles(app, 'EURUSD', 'M1', craftedCandles(200, {}));
  });
  afterAll(() => app?.dispose());

  /** Buys one attempt for this computer and completes the payment the way Stripe would. */
  async function buy() {
    const r = await h.call('POST', '/challenges/checkout', {
      token: user.accessToken,
      body: { templateId: PAID, kind: 'attempt', hardwareId: app.ctx.licence.hardwareId },
    });
    expect(r.status).toBe(200);
    const stripeIntent = `pi_${rand()}`;
    const done = await h.webhook({
      type: 'checkout.session.completed',
      object: {
        id: r.body.id,
        object: 'checkout.session',
        mode: 'payment',
        payment_status: 'paid',
        payment_intent: stripeIntent,
        amount_total: 14_900,
        metadata: { paymentIntentId: r.body.purchaseId },
        created: nowS(),
      },
    });
    expect(done.body.status).toBe('applied');
    return { purchaseId: r.body.purchaseId as string, stripeIntent };
  }

  it('the refreshed licence unlocks the attempt, used once offline; a refund removes the unused one', async () => {
    await call(app, 'account:sign-in', { email: user.email, password: PASSWORD });
    await call(app, 'account:checkout', { planCode: 'pro' });
    await completeCheckout(h, user.id);
    await call(app, 'account:refresh', {});
    expect(app.ctx.licence.paidAttempts()).toEqual([]);
    const refusedFirst = await app.dispatch('challenges:start', { ...START, templateId: PAID });
    expect(!refusedFirst.ok && refusedFirst.error.code).toBe('FORBIDDEN');

    const one = await buy();
    const two = await buy();
    await call(app, 'account:refresh', {});
    expect(app.ctx.licence.paidAttempts().map((a) => a.id)).toEqual([one.purchaseId, two.purchaseId]);

    const started = await call(app, 'challenges:start', { ...START, templateId: PAID });
    expect(started.status).toBe('ACTIVE');

    // The second is refunded: gone at the next refresh, so nothing is left to start with.
    const refund = await h.webhook({
      type: 'charge.refunded',
      object: {
        id: `ch_${rand()}`,
        object: 'charge',
        payment_intent: two.stripeIntent,
        amount: 14_900,
        amount_refunded: 14_900,
      },
    });
    expect(refund.body.status).toBe('applied');
    await call(app, 'account:refresh', {});
    expect(app.ctx.licence.paidAttempts().map((a) => a.id)).toEqual([one.purchaseId]);
    const refused = await app.dispatch('challenges:start', { ...START, templateId: PAID });
    expect(!refused.ok && refused.error.message).toContain('needs a paid attempt');
  });
});

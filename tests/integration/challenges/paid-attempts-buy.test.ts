/**
 * Buying a paid attempt from the app (issue 18): `account:challenge-checkout` makes the Checkout
 * on the hosted server for this computer; once the fake Stripe's webhook says paid and the licence
 * is refreshed, the rulebook shows the attempt left, and starting takes it. Offline it says so.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFn } from '../../../src/main/features/online/server-client';
import { paymentIntents } from '../../../src/server/db/schema.js';
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

describe('buying a paid attempt from the Challenges page', () => {
  const clock = new ManualClock();
  let user: TestUser;
  let offline = false;
  const fetchFn: FetchFn = async (url, init) => {
    if (offline) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return fetch(url, init);
  };
  let app: ReturnType<typeof openDesktop>;
  beforeAll(async () => {
    user = await h.register('buyer');
    app = openDesktop(h, publicKeyPem, { clock, fetch: fetchFn });
    seedCandles(app, 'EURUSD', 'M1', craftedCandles(200, {}));
  });
  afterAll(() => app?.dispose());

  const paidCounts = async () =>
    (await call(app, 'challenges:list-templates', {})).filter((t) => t.paid).map((t) => [t.id, t.paid]);

  it('shows no attempt, opens Checkout, and shows one attempt once paid; starting takes it', async () => {
    await call(app, 'account:sign-in', { email: user.email, password: PASSWORD });
    await call(app, 'account:checkout', { planCode: 'pro' });
    await completeCheckout(h, user.id);
    await call(app, 'account:refresh', {});
    expect(await paidCounts()).toEqual([[PAID, { templateId: PAID, attemptsLeft: 0, resetsLeft: 0 }]]);
    const free = (await call(app, 'challenges:list-templates', {})).find((t) => t.id === START.templateId);
    expect(free?.paid).toBeNull();

    const { url } = await call(app, 'account:challenge-checkout', { templateId: PAID, kind: 'attempt' });
    expect(url).toMatch(/^https?:\/\//);
    const [pending] = await h.db.db.select().from(paymentIntents).where(eq(paymentIntents.userId, user.id));
    expect(pending).toMatchObject({
      kind: 'attempt',
      templateId: PAID,
      status: 'pending',
      hardwareId: app.ctx.licence.hardwareId,
    });
    const paid = await h.webhook({
      type: 'checkout.session.completed',
      object: {
        id: pending!.stripeCheckoutSessionId,
        object: 'checkout.session',
        mode: 'payment',
        payment_status: 'paid',
        payment_intent: `pi_${rand()}`,
        amount_total: pending!.amountCents,
        metadata: { paymentIntentId: pending!.id },
        created: nowS(),
      },
    });
    expect(paid.body.status).toBe('applied');
    await call(app, 'account:refresh', {});
    expect(await paidCounts()).toEqual([[PAID, { templateId: PAID, attemptsLeft: 1, resetsLeft: 0 }]]);

    // A copy of the paid rulebook counts the same attempts.
    const copy = await call(app, 'challenges:copy-template', { templateId: PAID });
    const listed = await call(app, 'challenges:list-templates', {});
    expect(listed.find((t) => t.id === copy.id)?.paid).toEqual({
      templateId: PAID,
      attemptsLeft: 1,
      resetsLeft: 0,
    });

    await call(app, 'challenges:start', { ...START, templateId: PAID });
    expect(await paidCounts()).toContainEqual([PAID, { templateId: PAID, attemptsLeft: 0, resetsLeft: 0 }]);
  });

  it('offline, buying says so clearly and buys nothing', async () => {
    const before = await h.db.db.select().from(paymentIntents).where(eq(paymentIntents.userId, user.id));
    offline = true;
    try {
      const refused = await app.dispatch('account:challenge-checkout', { templateId: PAID, kind: 'reset' });
      expect(!refused.ok && refused.error.code).toBe('OFFLINE');
      expect(!refused.ok && refused.error.message).toContain('You are offline');
    } finally {
      offline = false;
    }
    const after = await h.db.db.select().from(paymentIntents).where(eq(paymentIntents.userId, user.id));
    expect(after.length).toBe(before.length);
  });

  it('a bad kind names the field', async () => {
    const bad = await app.dispatch('account:challenge-checkout', { templateId: PAID, kind: 'bundle' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    expect(!bad.ok && bad.error.message).toContain('kind');
  });
});

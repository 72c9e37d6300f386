import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { users } from '../db/schema.js';
import { billingUnavailable, conflict, HttpError, notFound } from '../errors.js';
import type { UserRow } from '../services/auth/index.js';
import { currentEntitlement } from '../services/entitlements.js';
import { planByCode } from '../services/plans.js';

function requireStripe(ctx: AppContext) {
  if (!ctx.stripe) throw billingUnavailable();
  return ctx.stripe;
}

/**
 * The user's Stripe customer, created once. The idempotency key makes two racing instances get the
 * same customer from Stripe; the conditional update keeps the first one stored.
 */
export async function ensureCustomer(ctx: AppContext, user: UserRow): Promise<string> {
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const stripe = requireStripe(ctx);
  const customer = await stripe.customers.create(
    { email: user.email, metadata: { userId: user.id } },
    { idempotencyKey: `tickstep-customer-${user.id}` },
  );
  await ctx.db
    .update(users)
    .set({ stripeCustomerId: customer.id, updatedAt: ctx.clock.now() })
    .where(and(eq(users.id, user.id), isNull(users.stripeCustomerId)));
  const row = (
    await ctx.db.select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, user.id))
  )[0];
  return row?.c ?? customer.id;
}

export async function createCheckout(ctx: AppContext, user: UserRow, planCode: string) {
  const stripe = requireStripe(ctx);
  const plan = await planByCode(ctx.db, planCode);
  if (!plan) throw notFound('Unknown plan');
  const current = await currentEntitlement(ctx, user.id);
  if (current && current.subscription.status !== 'past_due') {
    throw conflict(
      'You already have an active subscription; manage it from the billing portal',
      'ALREADY_SUBSCRIBED',
    );
  }
  const customer = await ensureCustomer(ctx, user);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    line_items: [{ price: plan.stripePriceId, quantity: 1 }],
    client_reference_id: user.id,
    metadata: { userId: user.id, planCode: plan.code },
    subscription_data: { metadata: { userId: user.id, planCode: plan.code } },
    success_url: ctx.config.stripe.successUrl,
    cancel_url: ctx.config.stripe.cancelUrl,
  });
  if (!session.url) throw new HttpError(502, 'STRIPE_ERROR', 'Stripe returned no checkout address');
  return { id: session.id, url: session.url };
}

export async function createPortal(ctx: AppContext, user: UserRow) {
  const stripe = requireStripe(ctx);
  const customer = await ensureCustomer(ctx, user);
  const session = await stripe.billingPortal.sessions.create({
    customer,
    return_url: ctx.config.stripe.portalReturnUrl,
  });
  return { url: session.url };
}

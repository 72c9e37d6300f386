import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/open.js';
import { plans, stripeEvents, subscriptions, users } from '../db/schema.js';
import { badRequest, billingUnavailable, HttpError, safeError } from '../errors.js';
import { newId } from '../services/crypto.js';
import {
  applyChargeRefunded,
  applyCheckoutExpired,
  applyPaymentCheckout,
  applyPaymentIntent,
  type PaymentCheckoutLike,
} from './payments.js';

/** The fields we read, across Stripe API versions (period moved onto subscription items in 2025). */
interface SubscriptionLike {
  id: string;
  customer: string | { id: string };
  status: string;
  created: number;
  cancel_at_period_end?: boolean;
  canceled_at?: number | null;
  trial_end?: number | null;
  current_period_start?: number;
  current_period_end?: number;
  metadata?: Record<string, string>;
  items?: { data?: { current_period_start?: number; current_period_end?: number; price?: { id: string } }[] };
}
interface CheckoutSessionLike {
  id: string;
  mode?: string;
  customer?: string | { id: string } | null;
  subscription?: string | { id: string } | null;
  client_reference_id?: string | null;
  payment_status?: string;
  metadata?: Record<string, string> | null;
  created: number;
}
interface InvoiceLike {
  id: string;
  customer?: string | { id: string } | null;
  subscription?: string | { id: string } | null;
  parent?: { subscription_details?: { subscription?: string | { id: string } | null } | null } | null;
  lines?: { data?: { period?: { start: number; end: number } }[] };
  created: number;
}

/** Applies one event inside the transaction that records it; `now` is the server clock's time. */
type Handler = (tx: Tx, event: Stripe.Event, now: Date) => Promise<void>;
const objectOf = <T>(event: Stripe.Event) => event.data.object as unknown as T;
const onSubscription: Handler = (tx, e, now) => applySubscription(tx, objectOf(e), e.created, now);
const onInvoice: Handler = (tx, e, now) => applyInvoice(tx, objectOf(e), e.type, e.created, now);

/** The event types we apply; any other is acknowledged and ignored. */
const HANDLERS = new Map<string, Handler>([
  [
    'checkout.session.completed',
    (tx, e, now) => {
      const s = objectOf<PaymentCheckoutLike>(e);
      // Payment mode: a paid challenge attempt (payments.ts); subscription mode below.
      return s.mode === 'payment' ? applyPaymentCheckout(tx, s, e.id, now) : applyCheckout(tx, objectOf(e));
    },
  ],
  ['checkout.session.expired', (tx, e, now) => applyCheckoutExpired(tx, objectOf(e), now)],
  ['payment_intent.succeeded', applyPaymentIntent],
  ['payment_intent.payment_failed', applyPaymentIntent],
  ['charge.refunded', applyChargeRefunded],
  ['customer.subscription.created', onSubscription],
  ['customer.subscription.updated', onSubscription],
  ['customer.subscription.deleted', onSubscription],
  ['invoice.paid', onInvoice],
  ['invoice.payment_failed', onInvoice],
]);

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));
const date = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);

export type WebhookResult = { status: 'applied' | 'duplicate' | 'ignored' };

/**
 * Verifies the signature on the raw body, then records and applies the event in one transaction,
 * so an event is applied exactly once however often, wherever and however concurrently it is
 * delivered:
 * - the `stripe_events` row is inserted by the transaction that applies the event, so an instance
 *   killed half-way leaves nothing behind and Stripe's redelivery applies it;
 * - the row is then locked (`for update`) and its outcome read *after* the lock is granted: a
 *   delivery that waited for another one sees that it succeeded and answers `duplicate`;
 * - a row that did not succeed (a failure, or an in-flight marker left by an older version) is applied.
 * A failure rolls the transaction back and is then recorded as `success = false` for the operators.
 */
export async function handleWebhook(
  ctx: AppContext,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookResult> {
  const stripe = ctx.stripe;
  const secret = ctx.config.stripe.webhookSecret;
  if (!stripe || !secret) throw billingUnavailable();
  if (!signature) throw badRequest('Missing Stripe-Signature header', 'INVALID_SIGNATURE');
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      undefined,
      undefined,
      ctx.clock.now().getTime(),
    );
  } catch {
    throw badRequest('Webhook signature verification failed', 'INVALID_SIGNATURE');
  }
  const apply = HANDLERS.get(event.type);
  try {
    return await ctx.db.transaction(async (tx) => {
      await tx
        .insert(stripeEvents)
        .values({
          id: newId(),
          stripeEventId: event.id,
          type: event.type,
          payload: event as unknown as object,
          receivedAt: ctx.clock.now(),
        })
        .onConflictDoNothing({ target: stripeEvents.stripeEventId });
      const [row] = await tx
        .select({ success: stripeEvents.success })
        .from(stripeEvents)
        .where(eq(stripeEvents.stripeEventId, event.id))
        .for('update');
      if (row?.success === true) return { status: 'duplicate' as const };
      if (apply) await apply(tx, event, ctx.clock.now());
      await tx
        .update(stripeEvents)
        .set({ processedAt: ctx.clock.now(), success: true, error: null })
        .where(eq(stripeEvents.stripeEventId, event.id));
      return { status: apply ? ('applied' as const) : ('ignored' as const) };
    });
  } catch (e) {
    const message = safeError(e).message;
    await recordFailure(ctx, event, message);
    ctx.log.warn({ stripeEventId: event.id, type: event.type, error: message }, 'stripe event failed');
    throw new HttpError(500, 'WEBHOOK_FAILED', 'The event could not be applied; it will be retried');
  }
}

/** Stores a failed attempt, unless another delivery has succeeded in the meantime. */
async function recordFailure(ctx: AppContext, event: Stripe.Event, message: string) {
  const now = ctx.clock.now();
  const error = message.slice(0, 1000);
  try {
    await ctx.db
      .insert(stripeEvents)
      .values({
        id: newId(),
        stripeEventId: event.id,
        type: event.type,
        payload: event as unknown as object,
        receivedAt: now,
        processedAt: now,
        success: false,
        error,
      })
      .onConflictDoUpdate({
        target: stripeEvents.stripeEventId,
        set: { processedAt: now, success: false, error },
        setWhere: sql`${stripeEvents.success} is not true`,
      });
  } catch (e) {
    ctx.log.warn({ stripeEventId: event.id, error: safeError(e).message }, 'could not record a failed event');
  }
}

async function findUserId(
  tx: Tx,
  customerId: string | null,
  metadataUserId?: string | null,
): Promise<string> {
  if (customerId) {
    const u = (
      await tx.select({ id: users.id }).from(users).where(eq(users.stripeCustomerId, customerId)).limit(1)
    )[0];
    if (u) return u.id;
  }
  if (metadataUserId) {
    const u = (
      await tx
        .select({ id: users.id, c: users.stripeCustomerId })
        .from(users)
        .where(eq(users.id, metadataUserId))
    )[0];
    // Only trust metadata when the customer is not someone else's.
    if (u && (!u.c || u.c === customerId)) return u.id;
  }
  throw new Error(`no user for Stripe customer ${customerId ?? '(none)'}`);
}

async function findPlanId(
  tx: Tx,
  priceId: string | undefined,
  planCode: string | undefined,
): Promise<string> {
  if (priceId) {
    const p = (
      await tx.select({ id: plans.id }).from(plans).where(eq(plans.stripePriceId, priceId)).limit(1)
    )[0];
    if (p) return p.id;
  }
  if (planCode) {
    const p = (await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, planCode)).limit(1))[0];
    if (p) return p.id;
  }
  throw new Error(`no plan for price ${priceId ?? '(none)'}`);
}

async function lockSubscription(tx: Tx, stripeSubscriptionId: string) {
  const rows = await tx
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId))
    .for('update');
  return rows[0];
}

async function applyCheckout(tx: Tx, s: CheckoutSessionLike) {
  if (s.mode && s.mode !== 'subscription') return;
  const subId = idOf(s.subscription);
  const customerId = idOf(s.customer);
  if (!subId) throw new Error('checkout session has no subscription');
  const userId = await findUserId(tx, customerId, s.client_reference_id ?? s.metadata?.userId);
  if (customerId) {
    await tx
      .update(users)
      .set({ stripeCustomerId: customerId })
      .where(sql`${users.id} = ${userId} and ${users.stripeCustomerId} is null`);
  }
  const planId = await findPlanId(tx, undefined, s.metadata?.planCode);
  // Only creates the row when no subscription event got here first; those carry the real state.
  await tx
    .insert(subscriptions)
    .values({
      id: newId(),
      userId,
      planId,
      stripeSubscriptionId: subId,
      stripeCustomerId: customerId,
      status:
        s.payment_status === 'paid' || s.payment_status === 'no_payment_required' ? 'active' : 'incomplete',
      stateVersion: 0,
    })
    .onConflictDoNothing({ target: subscriptions.stripeSubscriptionId });
}

async function applySubscription(tx: Tx, sub: SubscriptionLike, eventCreated: number, now: Date) {
  const item = sub.items?.data?.[0];
  const periodStart = item?.current_period_start ?? sub.current_period_start;
  const periodEnd = item?.current_period_end ?? sub.current_period_end;
  const customerId = idOf(sub.customer);
  const existing = await lockSubscription(tx, sub.id);
  // A cancellation always wins, whatever period or age it carries: it ends the entitlement.
  const cancels = sub.status === 'canceled';
  const oldEnd = existing?.currentPeriodEnd?.getTime() ?? 0;
  const newEnd = periodEnd ? periodEnd * 1000 : 0;
  if (existing && !cancels) {
    // Never move backwards: canceled is final; an older billing period or an older event loses.
    if (existing.status === 'canceled') return;
    if (newEnd < oldEnd) return;
    if (newEnd === oldEnd && eventCreated < existing.stateVersion) return;
  }
  // A cancellation carrying an older period keeps the newer period already stored.
  const keepPeriod = existing !== undefined && newEnd < oldEnd;
  const values = {
    status: sub.status,
    currentPeriodStart: keepPeriod ? existing.currentPeriodStart : date(periodStart),
    currentPeriodEnd: keepPeriod ? existing.currentPeriodEnd : date(periodEnd),
    cancelAtPeriodEnd: sub.cancel_at_period_end ?? false,
    canceledAt: date(sub.canceled_at) ?? (cancels ? (existing?.canceledAt ?? now) : null),
    trialEnd: date(sub.trial_end),
    pastDueSince:
      sub.status === 'past_due' || sub.status === 'unpaid'
        ? (existing?.pastDueSince ?? new Date(eventCreated * 1000))
        : null,
    stateVersion: Math.max(eventCreated, existing?.stateVersion ?? 0),
    updatedAt: now,
  };
  if (existing) {
    // A plan change in the portal arrives as a new price on the item.
    const planId = item?.price?.id
      ? await findPlanId(tx, item.price.id, undefined).catch(() => existing.planId)
      : existing.planId;
    await tx
      .update(subscriptions)
      .set({ ...values, planId })
      .where(eq(subscriptions.id, existing.id));
    return;
  }
  const userId = await findUserId(tx, customerId, sub.metadata?.userId);
  const planId = await findPlanId(tx, item?.price?.id, sub.metadata?.planCode);
  await tx.insert(subscriptions).values({
    id: newId(),
    userId,
    planId,
    stripeSubscriptionId: sub.id,
    stripeCustomerId: customerId,
    ...values,
  });
}

async function applyInvoice(tx: Tx, inv: InvoiceLike, type: string, eventCreated: number, now: Date) {
  const subId = idOf(inv.parent?.subscription_details?.subscription) ?? idOf(inv.subscription);
  if (!subId) return; // a one-off invoice: nothing to do with subscriptions
  const existing = await lockSubscription(tx, subId);
  if (!existing) throw new Error(`invoice for unknown subscription ${subId}`); // retried once the subscription arrives
  if (existing.status === 'canceled') return;
  if (eventCreated < existing.stateVersion) return;
  const line = inv.lines?.data?.[0]?.period;
  if (type === 'invoice.paid') {
    const end = line?.end ? new Date(line.end * 1000) : null;
    const newer = end && (!existing.currentPeriodEnd || end > existing.currentPeriodEnd);
    await tx
      .update(subscriptions)
      .set({
        status: existing.status === 'trialing' ? 'trialing' : 'active',
        pastDueSince: null,
        currentPeriodStart: newer && line ? new Date(line.start * 1000) : existing.currentPeriodStart,
        currentPeriodEnd: newer ? end : existing.currentPeriodEnd,
        stateVersion: eventCreated,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, existing.id));
  } else {
    await tx
      .update(subscriptions)
      .set({
        status: 'past_due',
        pastDueSince: existing.pastDueSince ?? new Date(eventCreated * 1000),
        stateVersion: eventCreated,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, existing.id));
  }
}

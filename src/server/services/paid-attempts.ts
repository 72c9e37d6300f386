import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { PaidAttemptClaim, PaidAttemptKind } from '../../shared/paid-attempts.js';
import type { ChallengeProductConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { Db, Tx } from '../db/open.js';
import { licenseActivations, licenses, paymentIntents, paymentLedgerEntries } from '../db/schema.js';
import { billingUnavailable, forbidden, HttpError, notFound } from '../errors.js';
import { ensureCustomer } from '../stripe/checkout.js';
import type { UserRow } from './auth/index.js';
import { newId } from './crypto.js';

export type PaymentIntentRow = typeof paymentIntents.$inferSelect;

/** Statuses whose attempt the licence carries: paid, and not fully refunded. */
export const LICENSED_STATUSES = ['succeeded', 'partially_refunded'] as const;

export function publicProduct(p: ChallengeProductConfig) {
  return {
    templateId: p.templateId,
    kind: p.kind,
    name: p.name,
    amountCents: p.amountCents,
    currency: p.currency,
  };
}

export function publicPurchase(r: PaymentIntentRow) {
  return {
    id: r.id,
    kind: r.kind,
    templateId: r.templateId,
    hardwareId: r.hardwareId,
    status: r.status,
    amountCents: r.amountCents,
    refundedCents: r.refundedCents,
    currency: r.currency,
    paidAt: r.paidAt?.toISOString() ?? null,
    refundedAt: r.refundedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * A Checkout Session in payment mode for one attempt or reset of a paid-only template, bought for
 * one activated device of the user's. A pending payment intent is recorded first; its id travels
 * in the session's and the Stripe payment intent's metadata, so the webhooks find it.
 */
export async function createAttemptCheckout(
  ctx: AppContext,
  user: UserRow,
  input: { templateId: string; kind: PaidAttemptKind; hardwareId: string },
) {
  const stripe = ctx.stripe;
  if (!stripe) throw billingUnavailable();
  const product = ctx.config.challengeProducts.find(
    (p) => p.templateId === input.templateId && p.kind === input.kind,
  );
  if (!product) {
    throw notFound(`templateId: no ${input.kind} of challenge template ${input.templateId} is on sale`);
  }
  const device = (
    await ctx.db
      .select({ id: licenseActivations.id })
      .from(licenseActivations)
      .innerJoin(licenses, eq(licenses.id, licenseActivations.licenseId))
      .where(
        and(
          eq(licenses.userId, user.id),
          eq(licenses.status, 'ACTIVE'),
          eq(licenseActivations.hardwareId, input.hardwareId),
          eq(licenseActivations.isActive, true),
        ),
      )
      .limit(1)
  )[0];
  if (!device) {
    throw forbidden(
      'hardwareId: this device is not activated on your licence; activate it before buying an attempt',
      'DEVICE_NOT_ACTIVATED',
    );
  }
  const customer = await ensureCustomer(ctx, user);
  const id = newId();
  const metadata = {
    paymentIntentId: id,
    userId: user.id,
    templateId: product.templateId,
    kind: product.kind,
    hardwareId: input.hardwareId,
  };
  const now = ctx.clock.now();
  await ctx.db.insert(paymentIntents).values({
    id,
    userId: user.id,
    kind: product.kind,
    status: 'pending',
    amountCents: product.amountCents,
    currency: product.currency,
    templateId: product.templateId,
    hardwareId: input.hardwareId,
    metadata,
    createdAt: now,
    updatedAt: now,
  });
  let session: { id: string; url: string | null };
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer,
        client_reference_id: user.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: product.currency,
              unit_amount: product.amountCents,
              product_data: { name: product.name },
            },
          },
        ],
        metadata,
        payment_intent_data: { metadata },
        success_url: ctx.config.stripe.successUrl,
        cancel_url: ctx.config.stripe.cancelUrl,
      },
      { idempotencyKey: `tickstep-attempt-${id}` },
    );
  } catch (e) {
    await ctx.db.delete(paymentIntents).where(eq(paymentIntents.id, id));
    throw e;
  }
  if (!session.url) throw new HttpError(502, 'STRIPE_ERROR', 'Stripe returned no checkout address');
  await ctx.db
    .update(paymentIntents)
    .set({ stripeCheckoutSessionId: session.id, updatedAt: ctx.clock.now() })
    .where(eq(paymentIntents.id, id));
  return { id: session.id, url: session.url, purchaseId: id };
}

export async function listPurchases(ctx: AppContext, userId: string) {
  const rows = await ctx.db
    .select()
    .from(paymentIntents)
    .where(eq(paymentIntents.userId, userId))
    .orderBy(desc(paymentIntents.createdAt));
  return rows.map(publicPurchase);
}

/** The `attempts` claim of a licence for `hardwareId`: paid, not fully refunded, oldest first. */
export async function licenceAttempts(
  db: Db | Tx,
  userId: string,
  hardwareId: string,
): Promise<PaidAttemptClaim[]> {
  const rows = await db
    .select({ id: paymentIntents.id, kind: paymentIntents.kind, templateId: paymentIntents.templateId })
    .from(paymentIntents)
    .where(
      and(
        eq(paymentIntents.userId, userId),
        eq(paymentIntents.hardwareId, hardwareId),
        inArray(paymentIntents.status, [...LICENSED_STATUSES]),
      ),
    )
    .orderBy(asc(paymentIntents.createdAt), asc(paymentIntents.id));
  return rows.map((r) => ({ id: r.id, kind: r.kind, templateId: r.templateId }));
}

/** Every ledger entry of one payment intent, in the order posted. */
export async function ledgerOf(db: Db | Tx, paymentIntentId: string) {
  return db
    .select()
    .from(paymentLedgerEntries)
    .where(eq(paymentLedgerEntries.paymentIntentId, paymentIntentId))
    .orderBy(asc(paymentLedgerEntries.createdAt), asc(paymentLedgerEntries.posting));
}

/**
 * Stripe events of paid challenge attempts (Checkout in payment mode). Each runs inside the
 * transaction that records the event (webhook.ts), so a redelivered event changes nothing twice,
 * and every rule below makes an out-of-order one harmless:
 * - the payment intent row is locked (`for update`) before it is read;
 * - the payment posting (`payment`) is written at most once, by whichever of
 *   checkout.session.completed (paid), payment_intent.succeeded or charge.refunded comes first;
 * - a refund posting is keyed by Stripe's cumulative `amount_refunded`, and only the part above
 *   what is already refunded is posted: an older, smaller refund event posts nothing;
 * - a failure or an expiry never overrides a payment, and a payment never undoes a refund.
 * Every posting is one debit and one credit of the same amount (balanced per payment).
 */
import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Tx } from '../db/open.js';
import {
  type LedgerAccount,
  type PaymentIntentStatus,
  paymentIntents,
  paymentLedgerEntries,
} from '../db/schema.js';
import { newId } from '../services/crypto.js';

type Row = typeof paymentIntents.$inferSelect;
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

export interface PaymentCheckoutLike {
  id: string;
  mode?: string;
  payment_status?: string;
  payment_intent?: string | { id: string } | null;
  amount_total?: number | null;
  currency?: string | null;
  metadata?: Record<string, string> | null;
}
interface PaymentIntentLike {
  id: string;
  amount?: number;
  amount_received?: number;
  currency?: string;
  metadata?: Record<string, string> | null;
}
interface ChargeLike {
  id: string;
  payment_intent?: string | { id: string } | null;
  amount?: number;
  amount_refunded?: number;
  currency?: string;
  metadata?: Record<string, string> | null;
}

/** Finds and locks our payment intent: by Stripe's payment intent id, else by our id in the metadata. */
async function lockIntent(
  tx: Tx,
  ref: { stripePaymentIntentId?: string | null; checkoutSessionId?: string | null; ourId?: string | null },
): Promise<Row | undefined> {
  const by = async (cond: ReturnType<typeof eq>) =>
    (await tx.select().from(paymentIntents).where(cond).for('update'))[0];
  if (ref.stripePaymentIntentId) {
    const r = await by(eq(paymentIntents.stripePaymentIntentId, ref.stripePaymentIntentId));
    if (r) return r;
  }
  if (ref.ourId) {
    const r = await by(eq(paymentIntents.id, ref.ourId));
    if (r) return r;
  }
  if (ref.checkoutSessionId) return by(eq(paymentIntents.stripeCheckoutSessionId, ref.checkoutSessionId));
  return undefined;
}

function mustFind(row: Row | undefined, what: string): Row {
  // Thrown: the event is recorded as failed and Stripe's retry applies it once the row exists.
  if (!row) throw new Error(`no payment intent for ${what}`);
  return row;
}

/** Links Stripe's ids to our row (once: never overwrites another id). */
async function link(tx: Tx, row: Row, ids: { session?: string | null; intent?: string | null }) {
  const set: Partial<Row> = {};
  if (ids.session && !row.stripeCheckoutSessionId) set.stripeCheckoutSessionId = ids.session;
  if (ids.intent && !row.stripePaymentIntentId) set.stripePaymentIntentId = ids.intent;
  if (ids.intent && row.stripePaymentIntentId && row.stripePaymentIntentId !== ids.intent) {
    throw new Error('event carries another Stripe payment intent than the one recorded');
  }
  if (Object.keys(set).length === 0) return row;
  await tx.update(paymentIntents).set(set).where(eq(paymentIntents.id, row.id));
  return { ...row, ...set };
}

/** One balanced posting (a debit and a credit of `amountCents`), at most once per key. */
async function post(
  tx: Tx,
  row: Row,
  posting: string,
  amountCents: number,
  debit: LedgerAccount,
  credit: LedgerAccount,
  eventId: string,
  now: Date,
) {
  if (amountCents <= 0) return;
  const common = {
    paymentIntentId: row.id,
    posting,
    amountCents,
    currency: row.currency,
    stripeEventId: eventId,
    createdAt: now,
  };
  await tx
    .insert(paymentLedgerEntries)
    .values([
      { id: newId(), ...common, account: debit, direction: 'debit' },
      { id: newId(), ...common, account: credit, direction: 'credit' },
    ])
    .onConflictDoNothing();
}

/**
 * Marks the intent paid and posts the payment (cash in the Stripe balance, revenue from attempts),
 * unless it is already paid or refunded. `amount` is Stripe's, when the event carries one.
 */
async function markPaid(tx: Tx, row: Row, amount: number | undefined, eventId: string, now: Date) {
  const paid = row.paidAt !== null;
  const amountCents = !paid && amount && amount > 0 ? amount : row.amountCents;
  if (!paid) {
    const status: PaymentIntentStatus = row.refundedCents > 0 ? row.status : 'succeeded';
    await tx
      .update(paymentIntents)
      .set({ status, amountCents, paidAt: now, updatedAt: now })
      .where(eq(paymentIntents.id, row.id));
  }
  await post(
    tx,
    { ...row, amountCents },
    'payment',
    amountCents,
    'stripe_balance',
    'challenge_revenue',
    eventId,
    now,
  );
  return { ...row, amountCents, paidAt: row.paidAt ?? now };
}

export async function applyPaymentCheckout(tx: Tx, s: PaymentCheckoutLike, eventId: string, now: Date) {
  const intentId = idOf(s.payment_intent);
  const row = mustFind(
    await lockIntent(tx, {
      stripePaymentIntentId: intentId,
      checkoutSessionId: s.id,
      ourId: s.metadata?.paymentIntentId,
    }),
    `checkout session ${s.id}`,
  );
  const linked = await link(tx, row, { session: s.id, intent: intentId });
  // Card payments complete paid; a delayed method completes unpaid and pays later
  // (payment_intent.succeeded then applies it).
  if (s.payment_status === 'paid') await markPaid(tx, linked, s.amount_total ?? undefined, eventId, now);
}

export async function applyCheckoutExpired(tx: Tx, s: PaymentCheckoutLike, now: Date) {
  const row = await lockIntent(tx, { checkoutSessionId: s.id, ourId: s.metadata?.paymentIntentId });
  if (row?.status !== 'pending') return;
  await tx
    .update(paymentIntents)
    .set({ status: 'canceled', updatedAt: now })
    .where(eq(paymentIntents.id, row.id));
}

export async function applyPaymentIntent(tx: Tx, event: Stripe.Event, now: Date) {
  const pi = event.data.object as unknown as PaymentIntentLike;
  const found = await lockIntent(tx, { stripePaymentIntentId: pi.id, ourId: pi.metadata?.paymentIntentId });
  // A payment intent that is not a challenge attempt (none of ours) is not our business.
  if (!found) {
    if (pi.metadata?.paymentIntentId) throw new Error(`no payment intent for ${pi.id}`);
    return;
  }
  const row = await link(tx, found, { intent: pi.id });
  if (event.type === 'payment_intent.succeeded') {
    await markPaid(tx, row, pi.amount_received ?? pi.amount, event.id, now);
    return;
  }
  // payment_failed: only an unpaid intent can fail (a later retry may still succeed).
  if (row.paidAt === null && (row.status === 'pending' || row.status === 'failed')) {
    await tx
      .update(paymentIntents)
      .set({ status: 'failed', updatedAt: now })
      .where(and(eq(paymentIntents.id, row.id), sql`${paymentIntents.paidAt} is null`));
  }
}

export async function applyChargeRefunded(tx: Tx, event: Stripe.Event, now: Date) {
  const ch = event.data.object as unknown as ChargeLike;
  const intentId = idOf(ch.payment_intent);
  const found = await lockIntent(tx, {
    stripePaymentIntentId: intentId,
    ourId: ch.metadata?.paymentIntentId,
  });
  if (!found) {
    if (ch.metadata?.paymentIntentId) throw new Error(`no payment intent for charge ${ch.id}`);
    // Not a challenge attempt (a subscription's charge), or one whose payment Stripe has not told
    // us about: Checkout sends checkout.session.completed when it is paid, before any refund.
    return;
  }
  let row = await link(tx, found, { intent: intentId });
  // A refund means the charge was paid: post the payment first if its event has not come yet.
  if (row.paidAt === null) row = await markPaid(tx, row, ch.amount, event.id, now);
  const cumulative = Math.min(ch.amount_refunded ?? 0, row.amountCents);
  const extra = cumulative - row.refundedCents;
  if (extra <= 0) return; // an older or repeated refund event: already posted
  await post(tx, row, `refund:${cumulative}`, extra, 'challenge_revenue', 'stripe_balance', event.id, now);
  const full = cumulative >= row.amountCents;
  await tx
    .update(paymentIntents)
    .set({
      refundedCents: cumulative,
      status: full ? 'refunded' : 'partially_refunded',
      refundedAt: now,
      updatedAt: now,
    })
    .where(eq(paymentIntents.id, row.id));
}

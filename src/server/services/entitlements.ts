import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { plans, subscriptions } from '../db/schema.js';
import type { PlanRow } from './plans.js';

export type SubscriptionRow = typeof subscriptions.$inferSelect;

const DAY_MS = 86_400_000;

/**
 * Whether a subscription currently entitles its user to the plan: active or trialing; or past due /
 * unpaid for less than PAYMENT_GRACE_DAYS. Canceled, incomplete and paused never do.
 */
export function isEntitled(sub: SubscriptionRow, now: Date, paymentGraceDays: number): boolean {
  const grace = paymentGraceDays * DAY_MS;
  if (sub.status === 'active' || sub.status === 'trialing') {
    // A period long past with no renewal event means we missed something; stop after the grace too.
    return !sub.currentPeriodEnd || sub.currentPeriodEnd.getTime() + grace > now.getTime();
  }
  if (sub.status === 'past_due' || sub.status === 'unpaid') {
    const since = sub.pastDueSince ?? sub.currentPeriodEnd ?? now;
    return since.getTime() + grace > now.getTime();
  }
  return false;
}

export interface Entitlement {
  subscription: SubscriptionRow;
  plan: PlanRow;
}

/** The user's entitling subscription (the one ending last), or null. */
export async function currentEntitlement(
  ctx: AppContext,
  userId: string,
  now = ctx.clock.now(),
): Promise<Entitlement | null> {
  const rows = await ctx.db
    .select({ subscription: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.currentPeriodEnd));
  return rows.find((r) => isEntitled(r.subscription, now, ctx.config.paymentGraceDays)) ?? null;
}

export async function latestSubscription(ctx: AppContext, userId: string) {
  const rows = await ctx.db
    .select({ subscription: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.updatedAt))
    .limit(1);
  return rows[0] ?? null;
}

export function publicSubscription(s: SubscriptionRow, plan: PlanRow) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: s.id,
    planCode: plan.code,
    status: s.status,
    currentPeriodStart: iso(s.currentPeriodStart),
    currentPeriodEnd: iso(s.currentPeriodEnd),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    canceledAt: iso(s.canceledAt),
    trialEnd: iso(s.trialEnd),
  };
}

import { eq } from 'drizzle-orm';
import type { PlanConfig } from '../config.js';
import type { Db } from '../db/open.js';
import { plans } from '../db/schema.js';

export type PlanRow = typeof plans.$inferSelect;

/** Upserts the configured plans by code; safe to run from several instances at once. */
export async function seedPlans(db: Db, configured: PlanConfig[], now: Date): Promise<void> {
  for (const p of configured) {
    const values = {
      code: p.code,
      name: p.name,
      stripeProductId: p.stripeProductId,
      stripePriceId: p.stripePriceId,
      currency: p.currency,
      maxDevices: p.maxDevices,
      offlineGraceDays: p.offlineGraceDays,
      features: p.features,
    };
    await db
      .insert(plans)
      .values({ id: `plan_${p.code}`, ...values })
      .onConflictDoUpdate({ target: plans.code, set: { ...values, updatedAt: now } });
  }
}

export function publicPlan(p: PlanRow) {
  return {
    code: p.code,
    name: p.name,
    currency: p.currency,
    stripePriceId: p.stripePriceId,
    entitlements: { maxDevices: p.maxDevices, offlineGraceDays: p.offlineGraceDays, features: p.features },
  };
}

export async function listPlans(db: Db) {
  return (await db.select().from(plans).orderBy(plans.code)).map(publicPlan);
}

export async function planByCode(db: Db, code: string): Promise<PlanRow | undefined> {
  return (await db.select().from(plans).where(eq(plans.code, code)).limit(1))[0];
}

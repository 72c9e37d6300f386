import { and, count, eq, gt, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import {
  LICENCE_AUDIENCE,
  LICENCE_ISSUER,
  LICENCE_TOKEN_TYPE,
  type LicenceClaims,
} from '../../shared/licence.js';
import { epochSeconds, later } from '../clock.js';
import type { AppContext } from '../context.js';
import { auditLogs, licenseActivations, licenses } from '../db/schema.js';
import { conflict, forbidden, HttpError, notFound } from '../errors.js';
import { audit, type RequestMeta } from './audit.js';
import type { AuthedUser } from './auth/index.js';
import { newId } from './crypto.js';
import { currentEntitlement, type Entitlement } from './entitlements.js';
import { licenceAttempts } from './paid-attempts.js';
import { hitRateLimit } from './rate-limit.js';

type LicenceRow = typeof licenses.$inferSelect;
type ActivationRow = typeof licenseActivations.$inferSelect;

const noSubscription = () =>
  new HttpError(
    402,
    'NO_ACTIVE_SUBSCRIPTION',
    'No active subscription; subscribe or renew to use this device',
  );
const revoked = () => forbidden('This licence has been revoked', 'LICENSE_REVOKED');

export interface IssuedLicence {
  token: string;
  expiresAt: number;
  graceDays: number;
  activationId: string;
  plan: string;
}

async function signLicence(
  ctx: AppContext,
  a: AuthedUser,
  lic: LicenceRow,
  act: ActivationRow,
  ent: Entitlement,
) {
  const now = epochSeconds(ctx.clock);
  const exp = now + ctx.config.licenceTokenTtlDays * 86_400;
  const claims: Omit<LicenceClaims, 'iss' | 'aud' | 'iat' | 'exp' | 'sub'> = {
    email: a.user.email,
    lic: lic.id,
    act: act.id,
    plan: ent.plan.code,
    entitlements: { maxDevices: ent.plan.maxDevices, features: ent.plan.features },
    hwid: act.hardwareId,
    graceDays: ent.plan.offlineGraceDays,
    // Paid challenge attempts bought for this device; a refunded one is left out of the next token.
    attempts: await licenceAttempts(ctx.db, a.user.id, act.hardwareId),
  };
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', typ: LICENCE_TOKEN_TYPE })
    .setIssuer(LICENCE_ISSUER)
    .setAudience(LICENCE_AUDIENCE)
    .setSubject(a.user.id)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(ctx.keys.privateKey);
  return {
    token,
    expiresAt: exp,
    graceDays: ent.plan.offlineGraceDays,
    activationId: act.id,
    plan: ent.plan.code,
  };
}

async function getOrCreateLicence(ctx: AppContext, userId: string): Promise<LicenceRow> {
  await ctx.db
    .insert(licenses)
    .values({ id: newId(), userId })
    .onConflictDoNothing({ target: licenses.userId });
  return (await ctx.db.select().from(licenses).where(eq(licenses.userId, userId)))[0]!;
}

/** Binds this hardware id to the user's licence (counting against the plan's max devices) and signs a token. */
export async function activate(
  ctx: AppContext,
  a: AuthedUser,
  input: { hardwareId: string; deviceName?: string },
  meta: RequestMeta,
): Promise<IssuedLicence> {
  await hitRateLimit(ctx, `activate:user:${a.user.id}`, ctx.config.rateLimits.activatePerUser);
  const ent = await currentEntitlement(ctx, a.user.id);
  if (!ent) throw noSubscription();
  const lic = await getOrCreateLicence(ctx, a.user.id);
  if (lic.status !== 'ACTIVE') throw revoked();
  const act = await ctx.db.transaction(async (tx) => {
    // Serialise activations of one licence so two devices cannot both take the last seat.
    await tx.execute(sql`select id from licenses where id = ${lic.id} for update`);
    const existing = (
      await tx
        .select()
        .from(licenseActivations)
        .where(
          and(eq(licenseActivations.licenseId, lic.id), eq(licenseActivations.hardwareId, input.hardwareId)),
        )
    )[0];
    if (existing?.isActive) {
      const [row] = await tx
        .update(licenseActivations)
        .set({ lastRefreshedAt: ctx.clock.now(), deviceName: input.deviceName ?? existing.deviceName })
        .where(eq(licenseActivations.id, existing.id))
        .returning();
      return row!;
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(licenseActivations)
      .where(and(eq(licenseActivations.licenseId, lic.id), eq(licenseActivations.isActive, true)));
    if (n >= ent.plan.maxDevices) {
      throw conflict(
        `Your plan allows ${ent.plan.maxDevices} device(s); deactivate one first`,
        'DEVICE_LIMIT_REACHED',
      );
    }
    // A deactivated device keeps its signed token until it expires, so seat swaps are bounded too:
    // at most 2 x maxDevices seats taken per licence in any licence-token lifetime.
    const since = later(ctx.clock, -ctx.config.licenceTokenTtlDays * 86_400_000);
    const [{ taken } = { taken: 0 }] = await tx
      .select({ taken: count() })
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.userId, a.user.id),
          eq(auditLogs.action, 'LICENSE_ACTIVATE'),
          eq(auditLogs.entityId, lic.id),
          gt(auditLogs.createdAt, since),
        ),
      );
    if (taken >= 2 * ent.plan.maxDevices) {
      throw conflict(
        `Devices on this licence were switched too often; try again within ${ctx.config.licenceTokenTtlDays} days`,
        'DEVICE_SWAP_LIMIT_REACHED',
      );
    }
    await audit(
      { db: tx, clock: ctx.clock },
      {
        userId: a.user.id,
        action: 'LICENSE_ACTIVATE',
        entityType: 'LICENSE',
        entityId: lic.id,
        details: { hardwareId: input.hardwareId },
      },
      meta,
    );
    if (existing) {
      const [row] = await tx
        .update(licenseActivations)
        .set({
          isActive: true,
          activatedAt: ctx.clock.now(),
          lastRefreshedAt: ctx.clock.now(),
          deactivatedAt: null,
          deviceName: input.deviceName ?? existing.deviceName,
        })
        .where(eq(licenseActivations.id, existing.id))
        .returning();
      return row!;
    }
    const [row] = await tx
      .insert(licenseActivations)
      .values({
        id: newId(),
        licenseId: lic.id,
        userId: a.user.id,
        hardwareId: input.hardwareId,
        deviceName: input.deviceName ?? null,
        activatedAt: ctx.clock.now(),
        lastRefreshedAt: ctx.clock.now(),
      })
      .returning();
    return row!;
  });
  return signLicence(ctx, a, lic, act, ent);
}

/** A fresh token for an activated device, if the subscription, licence and account still allow it. */
export async function refresh(
  ctx: AppContext,
  a: AuthedUser,
  input: { hardwareId: string },
): Promise<IssuedLicence> {
  const lic = (await ctx.db.select().from(licenses).where(eq(licenses.userId, a.user.id)))[0];
  if (!lic) throw notFound('No licence; activate this device first');
  if (lic.status !== 'ACTIVE') throw revoked();
  const act = (
    await ctx.db
      .select()
      .from(licenseActivations)
      .where(
        and(eq(licenseActivations.licenseId, lic.id), eq(licenseActivations.hardwareId, input.hardwareId)),
      )
  )[0];
  if (!act?.isActive) throw forbidden('This device is not activated', 'DEVICE_NOT_ACTIVATED');
  const ent = await currentEntitlement(ctx, a.user.id);
  if (!ent) throw noSubscription();
  await ctx.db
    .update(licenseActivations)
    .set({ lastRefreshedAt: ctx.clock.now() })
    .where(eq(licenseActivations.id, act.id));
  return signLicence(ctx, a, lic, act, ent);
}

export async function deactivate(
  ctx: AppContext,
  a: AuthedUser,
  where: { hardwareId?: string; activationId?: string },
) {
  const cond = where.activationId
    ? eq(licenseActivations.id, where.activationId)
    : eq(licenseActivations.hardwareId, where.hardwareId ?? '');
  const r = await ctx.db
    .update(licenseActivations)
    .set({ isActive: false, deactivatedAt: ctx.clock.now() })
    .where(and(cond, eq(licenseActivations.userId, a.user.id), eq(licenseActivations.isActive, true)))
    .returning({ id: licenseActivations.id });
  if (r.length === 0) throw notFound('No active device with that id');
}

export async function describe(ctx: AppContext, a: AuthedUser) {
  const lic = (await ctx.db.select().from(licenses).where(eq(licenses.userId, a.user.id)))[0];
  const ent = await currentEntitlement(ctx, a.user.id);
  const acts = lic
    ? await ctx.db
        .select()
        .from(licenseActivations)
        .where(and(eq(licenseActivations.licenseId, lic.id), eq(licenseActivations.isActive, true)))
    : [];
  return {
    licence: lic ? { id: lic.id, status: lic.status } : null,
    plan: ent?.plan.code ?? null,
    maxDevices: ent?.plan.maxDevices ?? 0,
    activations: acts.map((x) => ({
      id: x.id,
      hardwareId: x.hardwareId,
      deviceName: x.deviceName,
      activatedAt: x.activatedAt.toISOString(),
      lastRefreshedAt: x.lastRefreshedAt.toISOString(),
    })),
  };
}

export async function revokeLicence(
  ctx: AppContext,
  admin: AuthedUser,
  licenceId: string,
  reason: string,
  meta: RequestMeta,
) {
  await ctx.db.transaction(async (tx) => {
    const r = await tx
      .update(licenses)
      .set({
        status: 'REVOKED',
        revokedAt: ctx.clock.now(),
        revokedReason: reason,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(licenses.id, licenceId))
      .returning();
    const lic = r[0];
    if (!lic) throw notFound('Licence not found');
    await audit(
      { db: tx, clock: ctx.clock },
      {
        userId: lic.userId,
        actorId: admin.user.id,
        action: 'LICENSE_REVOKE',
        entityType: 'LICENSE',
        entityId: lic.id,
        details: { reason },
      },
      meta,
    );
  });
}

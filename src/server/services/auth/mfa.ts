import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { epochSeconds } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import { badRequest, conflict, forbidden, unauthorized } from '../../errors.js';
import { audit, type RequestMeta } from '../audit.js';
import { hitRateLimit } from '../rate-limit.js';
import { revokeAllSessions } from './sessions.js';
import type { AuthedUser, UserRow } from './users.js';

/**
 * Every code checked for an account, right or wrong and on any route (sign-in, magic link, enable,
 * disable), counts against one per-account budget shared by all instances: six digits cannot be
 * guessed by spreading attempts over routes.
 */
const limitCodes = (ctx: AppContext, userId: string) =>
  hitRateLimit(ctx, `totp:user:${userId}`, ctx.config.rateLimits.secondFactorPerUser);

/** The TOTP time step a code belongs to (±1 step of drift), or null when the code is wrong. */
function totpStep(ctx: AppContext, secret: string | null, code: string | undefined): number | null {
  if (!secret || !code) return null;
  try {
    const r = verifySync({ secret, token: code, epoch: epochSeconds(ctx.clock), epochTolerance: 30 });
    // the start (epoch s) of the matched time step
    return r.valid && 'epoch' in r ? r.epoch : null;
  } catch {
    return null;
  }
}

/**
 * Checks a code against the user's secret and records its time step atomically, so the same code
 * (or an older one) is never accepted twice, even by two instances at once.
 */
async function consumeTotp(ctx: AppContext, user: UserRow, code: string | undefined): Promise<boolean> {
  await limitCodes(ctx, user.id);
  const step = totpStep(ctx, user.mfaSecret, code);
  if (step === null) return false;
  const r = await ctx.db
    .update(users)
    .set({ mfaLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step))))
    .returning({ id: users.id });
  return r.length === 1;
}

/** With TOTP on, a sign-in needs a fresh code; a wrong one is audited as a failed sign-in. */
export async function requireSecondFactor(
  ctx: AppContext,
  user: UserRow,
  totp: string | undefined,
  method: 'password' | 'magic_link',
  meta: RequestMeta,
): Promise<void> {
  if (!user.mfaEnabled) return;
  if (!totp) throw unauthorized('Enter the code from your authenticator app', 'MFA_REQUIRED');
  if (!(await consumeTotp(ctx, user, totp))) {
    await audit(
      ctx,
      { userId: user.id, action: 'LOGIN_FAILED', details: { method, reason: 'bad_totp' } },
      meta,
    );
    throw unauthorized('The authenticator code is wrong', 'INVALID_TOTP');
  }
}

/** Starts enrolment: the secret is shown once so the user can add it to an authenticator app. */
export async function setupMfa(ctx: AppContext, a: AuthedUser) {
  if (a.user.mfaEnabled) throw conflict('Two-factor authentication is already on', 'MFA_ALREADY_ENABLED');
  const secret = generateSecret();
  await ctx.db
    .update(users)
    .set({ mfaPendingSecret: secret, updatedAt: ctx.clock.now() })
    .where(eq(users.id, a.user.id));
  return { secret, otpauthUrl: generateURI({ secret, issuer: 'Tickstep', label: a.user.email }) };
}

export async function enableMfa(ctx: AppContext, a: AuthedUser, code: string, meta: RequestMeta) {
  if (a.user.mfaEnabled) throw conflict('Two-factor authentication is already on', 'MFA_ALREADY_ENABLED');
  await limitCodes(ctx, a.user.id);
  const step = totpStep(ctx, a.user.mfaPendingSecret, code);
  if (step === null) throw badRequest('The authenticator code is wrong', 'INVALID_TOTP');
  await ctx.db
    .update(users)
    .set({
      mfaSecret: a.user.mfaPendingSecret,
      mfaPendingSecret: null,
      mfaEnabled: true,
      mfaLastStep: step,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(users.id, a.user.id));
  // Sessions opened without the second factor end; this one stays, but only a new sign-in with a
  // code makes a session that admin routes accept.
  await revokeAllSessions(ctx, a.user.id, 'mfa_enabled', a.sessionId);
  await audit(ctx, { userId: a.user.id, action: 'MFA_ENABLE' }, meta);
}

export async function disableMfa(ctx: AppContext, a: AuthedUser, code: string, meta: RequestMeta) {
  if (a.user.role === 'ADMIN')
    throw forbidden('Administrators must keep two-factor authentication', 'MFA_REQUIRED_FOR_ADMIN');
  if (!a.user.mfaEnabled) throw conflict('Two-factor authentication is off', 'MFA_NOT_ENABLED');
  if (!(await consumeTotp(ctx, a.user, code)))
    throw badRequest('The authenticator code is wrong', 'INVALID_TOTP');
  await ctx.db
    .update(users)
    .set({ mfaSecret: null, mfaEnabled: false, mfaLastStep: null, updatedAt: ctx.clock.now() })
    .where(eq(users.id, a.user.id));
  await audit(ctx, { userId: a.user.id, action: 'MFA_DISABLE' }, meta);
}

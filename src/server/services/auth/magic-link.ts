import { and, eq, sql } from 'drizzle-orm';
import { later } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { authTokens, users } from '../../db/schema.js';
import { badRequest, HttpError, unauthorized } from '../../errors.js';
import { audit, type RequestMeta } from '../audit.js';
import { newId, randomToken, sha256 } from '../crypto.js';
import { hitRateLimit } from '../rate-limit.js';
import { requireSecondFactor } from './mfa.js';
import { claimAuthToken } from './one-time-tokens.js';
import { startSession } from './sessions.js';
import type { TokenPair } from './tokens.js';
import { banned, findUserByEmail, normaliseEmail } from './users.js';

/** Wrong second-factor codes a sign-in link survives. */
const MAX_WRONG_CODES = 5;

export async function requestMagicLink(
  ctx: AppContext,
  input: { email: string; returnTo?: string },
  meta: RequestMeta,
): Promise<void> {
  const email = normaliseEmail(input.email);
  const allowed = ctx.config.magicLinkReturnTo;
  const returnTo = input.returnTo ?? allowed[0];
  if (!returnTo || !allowed.includes(returnTo))
    throw badRequest('returnTo is not an allowed address', 'INVALID_RETURN_TO');
  await hitRateLimit(ctx, `magic:ip:${meta.ip}`, ctx.config.rateLimits.magicLinkPerIp);
  await hitRateLimit(ctx, `magic:email:${sha256(email)}`, ctx.config.rateLimits.magicLinkPerEmail);
  const user = await findUserByEmail(ctx, email);
  if (!user || user.isBanned) return; // same answer either way
  const token = randomToken();
  await ctx.db.insert(authTokens).values({
    id: newId(),
    purpose: 'MAGIC_LINK',
    email,
    userId: user.id,
    tokenHash: sha256(token),
    returnTo,
    expiresAt: later(ctx.clock, 15 * 60_000),
  });
  const link = `${returnTo}${returnTo.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
  await ctx.email.send({
    from: ctx.config.emailFrom,
    to: email,
    kind: 'magic-link',
    subject: 'Your Tickstep sign-in link',
    text: `Open this link within 15 minutes to sign in to Tickstep:\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
  });
}

export async function consumeMagicLink(
  ctx: AppContext,
  input: { token: string; totp?: string; deviceInfo?: string },
  meta: RequestMeta,
): Promise<TokenPair & { returnTo: string | null }> {
  const invalid = () => unauthorized('This sign-in link is invalid, used or expired', 'INVALID_MAGIC_LINK');
  const hash = sha256(input.token);
  const rows = await ctx.db
    .select({ t: authTokens, user: users })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, hash), eq(authTokens.purpose, 'MAGIC_LINK')))
    .limit(1);
  const row = rows[0];
  if (!row || row.t.consumedAt || row.t.expiresAt <= ctx.clock.now()) throw invalid();
  const { t, user } = row;
  if (user.isBanned) throw banned();
  try {
    await requireSecondFactor(ctx, user, input.totp, 'magic_link', meta);
  } catch (e) {
    // A wrong code uses up the link: after MAX_WRONG_CODES it is dead.
    if (e instanceof HttpError && e.code === 'INVALID_TOTP') {
      await ctx.db
        .update(authTokens)
        .set({
          attempts: sql`${authTokens.attempts} + 1`,
          consumedAt: sql`case when ${authTokens.attempts} + 1 >= ${MAX_WRONG_CODES} then ${ctx.clock.now().toISOString()}::timestamptz else ${authTokens.consumedAt} end`,
        })
        .where(eq(authTokens.id, t.id));
    }
    throw e;
  }
  if (!(await claimAuthToken(ctx, t.id))) throw invalid();
  await audit(
    ctx,
    { userId: user.id, action: 'LOGIN', details: { method: 'magic_link', mfa: user.mfaEnabled } },
    meta,
  );
  return {
    ...(await startSession(ctx, user, meta, input.deviceInfo, user.mfaEnabled)),
    returnTo: t.returnTo,
  };
}

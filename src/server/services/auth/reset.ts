import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { later } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { authTokens } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import type { RequestMeta } from '../audit.js';
import { newId, randomCode, sha256 } from '../crypto.js';
import { hitRateLimit } from '../rate-limit.js';
import { claimAuthToken } from './one-time-tokens.js';
import { setPassword } from './passwords.js';
import { findUserByEmail, normaliseEmail } from './users.js';

export async function requestPasswordReset(ctx: AppContext, input: { email: string }, meta: RequestMeta) {
  const email = normaliseEmail(input.email);
  await hitRateLimit(ctx, `reset:ip:${meta.ip}`, ctx.config.rateLimits.resetPerIp);
  await hitRateLimit(ctx, `reset:email:${sha256(email)}`, ctx.config.rateLimits.resetPerEmail);
  const user = await findUserByEmail(ctx, email);
  if (!user) return; // the response is identical whether or not the account exists
  const code = randomCode();
  await ctx.db
    .update(authTokens)
    .set({ consumedAt: ctx.clock.now() })
    .where(
      and(
        eq(authTokens.userId, user.id),
        eq(authTokens.purpose, 'PASSWORD_RESET'),
        isNull(authTokens.consumedAt),
      ),
    );
  const tokenId = newId();
  await ctx.db.insert(authTokens).values({
    id: tokenId,
    purpose: 'PASSWORD_RESET',
    email,
    userId: user.id,
    tokenHash: resetHash(tokenId, code),
    expiresAt: later(ctx.clock, 30 * 60_000),
  });
  await ctx.email.send({
    from: ctx.config.emailFrom,
    to: email,
    kind: 'password-reset',
    subject: 'Your Tickstep password reset code',
    text: `Your password reset code is ${code}. It expires in 30 minutes and works once.`,
  });
}

/** The code is short, so its hash is salted with the token row id. */
const resetHash = (tokenId: string, code: string) => sha256(`reset:${tokenId}:${code}`);

export async function confirmPasswordReset(
  ctx: AppContext,
  input: { email: string; code: string; newPassword: string },
  meta: RequestMeta,
) {
  const email = normaliseEmail(input.email);
  await hitRateLimit(ctx, `reset-confirm:email:${sha256(email)}`, ctx.config.rateLimits.signInPerEmail);
  const invalid = () => badRequest('The code is wrong or has expired', 'INVALID_RESET_CODE');
  const user = await findUserByEmail(ctx, email);
  if (!user) throw invalid();
  const rows = await ctx.db
    .select()
    .from(authTokens)
    .where(
      and(
        eq(authTokens.userId, user.id),
        eq(authTokens.purpose, 'PASSWORD_RESET'),
        isNull(authTokens.consumedAt),
        gt(authTokens.expiresAt, ctx.clock.now()),
      ),
    )
    .limit(1);
  const t = rows[0];
  if (!t) throw invalid();
  if (t.tokenHash !== resetHash(t.id, input.code)) {
    // Five wrong tries burn the code.
    await ctx.db
      .update(authTokens)
      .set({
        attempts: sql`${authTokens.attempts} + 1`,
        consumedAt: t.attempts + 1 >= 5 ? ctx.clock.now() : null,
      })
      .where(eq(authTokens.id, t.id));
    throw invalid();
  }
  if (!(await claimAuthToken(ctx, t.id))) throw invalid();
  await setPassword(ctx, user.id, input.newPassword, 'reset_code', meta);
}

import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import { conflict } from '../../errors.js';
import { audit, type RequestMeta } from '../audit.js';
import { hashPassword, newId, sha256, verifyPassword } from '../crypto.js';
import { hitRateLimit } from '../rate-limit.js';
import { requireSecondFactor } from './mfa.js';
import { startSession } from './sessions.js';
import type { TokenPair } from './tokens.js';
import { badCredentials, banned, findUserByEmail, normaliseEmail } from './users.js';

export async function register(
  ctx: AppContext,
  input: { email: string; password: string; deviceInfo?: string },
  meta: RequestMeta,
): Promise<TokenPair> {
  await hitRateLimit(ctx, `register:ip:${meta.ip}`, ctx.config.rateLimits.registerPerIp);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const inserted = await ctx.db
    .insert(users)
    .values({ id: newId(), email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  const user = inserted[0];
  if (!user) throw conflict('An account with this email already exists', 'EMAIL_TAKEN');
  await audit(ctx, { userId: user.id, action: 'REGISTER' }, meta);
  return startSession(ctx, user, meta, input.deviceInfo, false);
}

export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; totp?: string; deviceInfo?: string },
  meta: RequestMeta,
): Promise<TokenPair> {
  const email = normaliseEmail(input.email);
  await hitRateLimit(ctx, `signin:ip:${meta.ip}`, ctx.config.rateLimits.signInPerIp);
  await hitRateLimit(ctx, `signin:email:${sha256(email)}`, ctx.config.rateLimits.signInPerEmail);
  const user = await findUserByEmail(ctx, email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !ok) {
    await audit(
      ctx,
      {
        userId: user?.id ?? null,
        action: 'LOGIN_FAILED',
        details: { method: 'password', reason: 'bad_credentials' },
      },
      meta,
    );
    throw badCredentials();
  }
  if (user.isBanned) {
    await audit(
      ctx,
      { userId: user.id, action: 'LOGIN_FAILED', details: { method: 'password', reason: 'banned' } },
      meta,
    );
    throw banned();
  }
  await requireSecondFactor(ctx, user, input.totp, 'password', meta);
  await audit(
    ctx,
    { userId: user.id, action: 'LOGIN', details: { method: 'password', mfa: user.mfaEnabled } },
    meta,
  );
  return startSession(ctx, user, meta, input.deviceInfo, user.mfaEnabled);
}

import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import { audit, type RequestMeta } from '../audit.js';
import { hashPassword, verifyPassword } from '../crypto.js';
import { hitRateLimit } from '../rate-limit.js';
import { revokeAllSessions } from './sessions.js';
import { type AuthedUser, badCredentials } from './users.js';

export async function changePassword(
  ctx: AppContext,
  a: AuthedUser,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  await hitRateLimit(ctx, `password:user:${a.user.id}`, ctx.config.rateLimits.passwordChangePerUser);
  if (!(await verifyPassword(input.currentPassword, a.user.passwordHash))) {
    await audit(
      ctx,
      { userId: a.user.id, action: 'LOGIN_FAILED', details: { method: 'password_change' } },
      meta,
    );
    throw badCredentials();
  }
  await setPassword(ctx, a.user.id, input.newPassword, 'change', meta, a.sessionId);
}

/** Stores the new password, ends every other session and audits the change. */
export async function setPassword(
  ctx: AppContext,
  userId: string,
  newPassword: string,
  method: 'change' | 'reset_code',
  meta: RequestMeta,
  keepSessionId?: string,
) {
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), updatedAt: ctx.clock.now() })
    .where(eq(users.id, userId));
  await revokeAllSessions(
    ctx,
    userId,
    method === 'change' ? 'password_change' : 'password_reset',
    keepSessionId,
  );
  await audit(ctx, { userId, action: 'PASSWORD_CHANGE', details: { method } }, meta);
}

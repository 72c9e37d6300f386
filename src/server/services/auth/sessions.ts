import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { refreshTokens, userSessions, users } from '../../db/schema.js';
import { notFound, unauthorized } from '../../errors.js';
import { audit, type RequestMeta } from '../audit.js';
import { newId, sha256 } from '../crypto.js';
import { newRefreshToken, refreshExpiry, type TokenPair, tokenPair } from './tokens.js';
import { type AuthedUser, banned, type UserRow } from './users.js';

/** Opens a device session and hands out its first token pair. */
export async function startSession(
  ctx: AppContext,
  user: UserRow,
  meta: RequestMeta,
  deviceInfo: string | undefined,
  secondFactor: boolean,
): Promise<TokenPair> {
  const sessionId = newId();
  const refreshToken = newRefreshToken(sessionId);
  const hash = sha256(refreshToken);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(userSessions).values({
      id: sessionId,
      userId: user.id,
      ipAddress: meta.ip,
      userAgent: meta.userAgent,
      deviceInfo: deviceInfo ?? null,
      refreshTokenHash: hash,
      secondFactor,
      issuedAt: ctx.clock.now(),
      lastSeen: ctx.clock.now(),
      expiresAt: refreshExpiry(ctx),
    });
    await tx.insert(refreshTokens).values({ tokenHash: hash, sessionId, createdAt: ctx.clock.now() });
  });
  return tokenPair(ctx, user, sessionId, refreshToken);
}

/** Rotates a refresh token. Presenting an already-rotated token revokes the whole session. */
export async function refreshSession(
  ctx: AppContext,
  refreshToken: string,
  meta: RequestMeta,
): Promise<TokenPair> {
  const hash = sha256(refreshToken);
  const rows = await ctx.db
    .select({ token: refreshTokens, session: userSessions, user: users })
    .from(refreshTokens)
    .innerJoin(userSessions, eq(userSessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(eq(refreshTokens.tokenHash, hash))
    .limit(1);
  const row = rows[0];
  const invalid = () => unauthorized('Refresh token invalid; sign in again', 'INVALID_REFRESH_TOKEN');
  if (!row) throw invalid();
  const { session, user } = row;
  const revokeForReuse = async () => {
    await ctx.db
      .update(userSessions)
      .set({ isActive: false, revokedReason: 'refresh_token_reuse' })
      .where(eq(userSessions.id, session.id));
    await audit(
      ctx,
      { userId: user.id, action: 'REFRESH_REUSE', entityType: 'USER_SESSION', entityId: session.id },
      meta,
    );
    return unauthorized('Refresh token was already used; the session has been ended', 'REFRESH_TOKEN_REUSED');
  };
  if (row.token.rotatedAt) throw await revokeForReuse();
  if (!session.isActive || session.expiresAt <= ctx.clock.now()) throw invalid();
  if (user.isBanned) throw banned();

  const next = newRefreshToken(session.id);
  const nextHash = sha256(next);
  const rotated = await ctx.db.transaction(async (tx) => {
    const claimed = await tx
      .update(refreshTokens)
      .set({ rotatedAt: ctx.clock.now() })
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.rotatedAt)))
      .returning({ h: refreshTokens.tokenHash });
    if (claimed.length === 0) return false;
    await tx.insert(refreshTokens).values({ tokenHash: nextHash, sessionId: session.id });
    await tx
      .update(userSessions)
      .set({
        refreshTokenHash: nextHash,
        lastSeen: ctx.clock.now(),
        ipAddress: meta.ip,
        userAgent: meta.userAgent,
        expiresAt: refreshExpiry(ctx),
      })
      .where(eq(userSessions.id, session.id));
    return true;
  });
  if (!rotated) throw await revokeForReuse();
  return tokenPair(ctx, user, session.id, next);
}

export async function endSession(ctx: AppContext, a: AuthedUser, meta: RequestMeta): Promise<void> {
  await ctx.db
    .update(userSessions)
    .set({ isActive: false, revokedReason: 'sign_out' })
    .where(eq(userSessions.id, a.sessionId));
  await audit(
    ctx,
    { userId: a.user.id, action: 'LOGOUT', entityType: 'USER_SESSION', entityId: a.sessionId },
    meta,
  );
}

export async function revokeAllSessions(
  ctx: AppContext,
  userId: string,
  reason: string,
  exceptSessionId?: string,
) {
  await ctx.db
    .update(userSessions)
    .set({ isActive: false, revokedReason: reason })
    .where(
      and(
        eq(userSessions.userId, userId),
        eq(userSessions.isActive, true),
        exceptSessionId ? ne(userSessions.id, exceptSessionId) : undefined,
      ),
    );
}

export async function listSessions(ctx: AppContext, a: AuthedUser) {
  const rows = await ctx.db
    .select()
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, a.user.id),
        eq(userSessions.isActive, true),
        gt(userSessions.expiresAt, ctx.clock.now()),
      ),
    )
    .orderBy(sql`${userSessions.lastSeen} desc`);
  return rows.map((s) => ({
    id: s.id,
    current: s.id === a.sessionId,
    ipAddress: s.ipAddress,
    userAgent: s.userAgent,
    deviceInfo: s.deviceInfo,
    issuedAt: s.issuedAt.toISOString(),
    lastSeen: s.lastSeen.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  }));
}

/** Revokes one of the caller's own sessions; another user's session id answers 404. */
export async function revokeSession(ctx: AppContext, a: AuthedUser, sessionId: string, meta: RequestMeta) {
  const r = await ctx.db
    .update(userSessions)
    .set({ isActive: false, revokedReason: 'revoked_by_user' })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, a.user.id)))
    .returning({ id: userSessions.id });
  if (r.length === 0) throw notFound('Session not found');
  await audit(
    ctx,
    { userId: a.user.id, action: 'SESSION_REVOKE', entityType: 'USER_SESSION', entityId: sessionId },
    meta,
  );
}

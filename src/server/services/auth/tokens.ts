import { and, eq } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import { epochSeconds, later } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { userSessions, users } from '../../db/schema.js';
import { unauthorized } from '../../errors.js';
import { randomToken } from '../crypto.js';
import { type AuthedUser, banned, type PublicUser, publicUser, type UserRow } from './users.js';

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: PublicUser;
}

const ISSUER = 'tickstep';
const API_AUDIENCE = 'tickstep-api';

/** Verifies a Bearer access token and that its session is still live and its user not banned. */
export async function authenticate(ctx: AppContext, header: string | undefined): Promise<AuthedUser> {
  if (!header?.startsWith('Bearer ')) throw unauthorized();
  let sid: string;
  let sub: string;
  try {
    const { payload } = await jwtVerify(header.slice(7), ctx.keys.publicKey, {
      issuer: ISSUER,
      audience: API_AUDIENCE,
      algorithms: ['EdDSA'],
      currentDate: ctx.clock.now(),
    });
    if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') throw new Error('claims');
    sid = payload.sid;
    sub = payload.sub;
  } catch {
    throw unauthorized('Access token invalid or expired', 'INVALID_TOKEN');
  }
  const rows = await ctx.db
    .select({ user: users, session: userSessions })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sid), eq(userSessions.userId, sub)))
    .limit(1);
  const row = rows[0];
  if (!row?.session.isActive || row.session.expiresAt <= ctx.clock.now()) {
    throw unauthorized('Session ended; sign in again', 'SESSION_REVOKED');
  }
  if (row.user.isBanned) throw banned();
  return { user: row.user, sessionId: sid, secondFactor: row.session.secondFactor };
}

async function signAccess(ctx: AppContext, user: UserRow, sessionId: string): Promise<string> {
  const now = epochSeconds(ctx.clock);
  return new SignJWT({ sid: sessionId, role: user.role })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(API_AUDIENCE)
    .setSubject(user.id)
    .setIssuedAt(now)
    .setExpirationTime(now + ctx.config.accessTokenTtlSeconds)
    .sign(ctx.keys.privateKey);
}

export const refreshExpiry = (ctx: AppContext) =>
  later(ctx.clock, ctx.config.refreshTokenTtlDays * 86_400_000);
/** A refresh token names its session, so a reused one can end that session. */
export const newRefreshToken = (sessionId: string) => `${sessionId}.${randomToken()}`;

export async function tokenPair(
  ctx: AppContext,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
): Promise<TokenPair> {
  return {
    accessToken: await signAccess(ctx, user, sessionId),
    accessTokenExpiresIn: ctx.config.accessTokenTtlSeconds,
    refreshToken,
    sessionId,
    user: publicUser(user),
  };
}

import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { AppContext } from '../context.js';
import { authTokens, refreshTokens, userSessions, users } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../errors.js';
import { audit, type RequestMeta } from './audit.js';
import { hashPassword, newId, randomCode, randomToken, sha256, verifyPassword } from './crypto.js';
import { hitRateLimit } from './rate-limit.js';

export type UserRow = typeof users.$inferSelect;
export interface AuthedUser {
  user: UserRow;
  sessionId: string;
}

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: PublicUser;
}

export interface PublicUser {
  id: string;
  email: string;
  role: string;
  mfaEnabled: boolean;
  createdAt: string;
}

const ISSUER = 'tickstep';
const API_AUDIENCE = 'tickstep-api';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function publicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    mfaEnabled: u.mfaEnabled,
    createdAt: u.createdAt.toISOString(),
  };
}

const banned = () => forbidden('This account is suspended', 'ACCOUNT_BANNED');
const badCredentials = () => unauthorized('Email or password is incorrect', 'INVALID_CREDENTIALS');

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
  if (!row?.session.isActive || row.session.expiresAt <= new Date()) {
    throw unauthorized('Session ended; sign in again', 'SESSION_REVOKED');
  }
  if (row.user.isBanned) throw banned();
  return { user: row.user, sessionId: sid };
}

async function signAccess(ctx: AppContext, user: UserRow, sessionId: string): Promise<string> {
  return new SignJWT({ sid: sessionId, role: user.role })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(API_AUDIENCE)
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(`${ctx.config.accessTokenTtlSeconds}s`)
    .sign(ctx.keys.privateKey);
}

const refreshExpiry = (ctx: AppContext) => new Date(Date.now() + ctx.config.refreshTokenTtlDays * 86_400_000);
const newRefreshToken = (sessionId: string) => `${sessionId}.${randomToken()}`;

async function tokenPair(
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

async function startSession(
  ctx: AppContext,
  user: UserRow,
  meta: RequestMeta,
  deviceInfo: string | undefined,
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
      expiresAt: refreshExpiry(ctx),
    });
    await tx.insert(refreshTokens).values({ tokenHash: hash, sessionId });
  });
  return tokenPair(ctx, user, sessionId, refreshToken);
}

export async function findUserByEmail(ctx: AppContext, email: string): Promise<UserRow | undefined> {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return rows[0];
}

export async function register(
  ctx: AppContext,
  input: { email: string; password: string; deviceInfo?: string },
  meta: RequestMeta,
): Promise<TokenPair> {
  await hitRateLimit(ctx.db, `register:ip:${meta.ip}`, ctx.config.rateLimits.registerPerIp);
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const inserted = await ctx.db
    .insert(users)
    .values({ id: newId(), email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  const user = inserted[0];
  if (!user) throw conflict('An account with this email already exists', 'EMAIL_TAKEN');
  await audit(ctx.db, { userId: user.id, action: 'REGISTER' }, meta);
  return startSession(ctx, user, meta, input.deviceInfo);
}

/** The TOTP time step a code belongs to (±1 step of drift), or null when the code is wrong. */
function totpStep(secret: string | null, code: string | undefined): number | null {
  if (!secret || !code) return null;
  try {
    const r = verifySync({ secret, token: code, epochTolerance: 30 });
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
  const step = totpStep(user.mfaSecret, code);
  if (step === null) return false;
  const r = await ctx.db
    .update(users)
    .set({ mfaLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step))))
    .returning({ id: users.id });
  return r.length === 1;
}

/** With TOTP on, a sign-in needs a fresh code; a wrong one is audited as a failed sign-in. */
async function requireSecondFactor(
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
      ctx.db,
      { userId: user.id, action: 'LOGIN_FAILED', details: { method, reason: 'bad_totp' } },
      meta,
    );
    throw unauthorized('The authenticator code is wrong', 'INVALID_TOTP');
  }
}

export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; totp?: string; deviceInfo?: string },
  meta: RequestMeta,
): Promise<TokenPair> {
  const email = normaliseEmail(input.email);
  await hitRateLimit(ctx.db, `signin:ip:${meta.ip}`, ctx.config.rateLimits.signInPerIp);
  await hitRateLimit(ctx.db, `signin:email:${sha256(email)}`, ctx.config.rateLimits.signInPerEmail);
  const user = await findUserByEmail(ctx, email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !ok) {
    await audit(
      ctx.db,
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
      ctx.db,
      { userId: user.id, action: 'LOGIN_FAILED', details: { method: 'password', reason: 'banned' } },
      meta,
    );
    throw banned();
  }
  await requireSecondFactor(ctx, user, input.totp, 'password', meta);
  await audit(
    ctx.db,
    { userId: user.id, action: 'LOGIN', details: { method: 'password', mfa: user.mfaEnabled } },
    meta,
  );
  return startSession(ctx, user, meta, input.deviceInfo);
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
      ctx.db,
      { userId: user.id, action: 'REFRESH_REUSE', entityType: 'USER_SESSION', entityId: session.id },
      meta,
    );
    return unauthorized('Refresh token was already used; the session has been ended', 'REFRESH_TOKEN_REUSED');
  };
  if (row.token.rotatedAt) throw await revokeForReuse();
  if (!session.isActive || session.expiresAt <= new Date()) throw invalid();
  if (user.isBanned) throw banned();

  const next = newRefreshToken(session.id);
  const nextHash = sha256(next);
  const rotated = await ctx.db.transaction(async (tx) => {
    const claimed = await tx
      .update(refreshTokens)
      .set({ rotatedAt: new Date() })
      .where(and(eq(refreshTokens.tokenHash, hash), isNull(refreshTokens.rotatedAt)))
      .returning({ h: refreshTokens.tokenHash });
    if (claimed.length === 0) return false;
    await tx.insert(refreshTokens).values({ tokenHash: nextHash, sessionId: session.id });
    await tx
      .update(userSessions)
      .set({
        refreshTokenHash: nextHash,
        lastSeen: new Date(),
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
    ctx.db,
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
        gt(userSessions.expiresAt, new Date()),
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
    ctx.db,
    { userId: a.user.id, action: 'SESSION_REVOKE', entityType: 'USER_SESSION', entityId: sessionId },
    meta,
  );
}

export async function changePassword(
  ctx: AppContext,
  a: AuthedUser,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  if (!(await verifyPassword(input.currentPassword, a.user.passwordHash))) {
    await audit(
      ctx.db,
      { userId: a.user.id, action: 'LOGIN_FAILED', details: { method: 'password_change' } },
      meta,
    );
    throw badCredentials();
  }
  await setPassword(ctx, a.user.id, input.newPassword, 'change', meta, a.sessionId);
}

/** Stores the new password, ends every other session and audits the change. */
async function setPassword(
  ctx: AppContext,
  userId: string,
  newPassword: string,
  method: 'change' | 'reset_code',
  meta: RequestMeta,
  keepSessionId?: string,
) {
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() })
    .where(eq(users.id, userId));
  await revokeAllSessions(
    ctx,
    userId,
    method === 'change' ? 'password_change' : 'password_reset',
    keepSessionId,
  );
  await audit(ctx.db, { userId, action: 'PASSWORD_CHANGE', details: { method } }, meta);
}

// ---- magic link -------------------------------------------------------------------------------

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
  await hitRateLimit(ctx.db, `magic:ip:${meta.ip}`, ctx.config.rateLimits.magicLinkPerIp);
  await hitRateLimit(ctx.db, `magic:email:${sha256(email)}`, ctx.config.rateLimits.magicLinkPerEmail);
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
    expiresAt: new Date(Date.now() + 15 * 60_000),
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

/** Marks a one-time token used; false when another request used it first. */
async function claimAuthToken(ctx: AppContext, id: string): Promise<boolean> {
  const claimed = await ctx.db
    .update(authTokens)
    .set({ consumedAt: new Date() })
    .where(and(eq(authTokens.id, id), isNull(authTokens.consumedAt)))
    .returning({ id: authTokens.id });
  return claimed.length === 1;
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
  if (!row || row.t.consumedAt || row.t.expiresAt <= new Date()) throw invalid();
  const { t, user } = row;
  if (user.isBanned) throw banned();
  await requireSecondFactor(ctx, user, input.totp, 'magic_link', meta);
  if (!(await claimAuthToken(ctx, t.id))) throw invalid();
  await audit(
    ctx.db,
    { userId: user.id, action: 'LOGIN', details: { method: 'magic_link', mfa: user.mfaEnabled } },
    meta,
  );
  return { ...(await startSession(ctx, user, meta, input.deviceInfo)), returnTo: t.returnTo };
}

// ---- password reset by code ---------------------------------------------------------------------

export async function requestPasswordReset(ctx: AppContext, input: { email: string }, meta: RequestMeta) {
  const email = normaliseEmail(input.email);
  await hitRateLimit(ctx.db, `reset:ip:${meta.ip}`, ctx.config.rateLimits.resetPerIp);
  await hitRateLimit(ctx.db, `reset:email:${sha256(email)}`, ctx.config.rateLimits.resetPerEmail);
  const user = await findUserByEmail(ctx, email);
  if (!user) return; // the response is identical whether or not the account exists
  const code = randomCode();
  await ctx.db
    .update(authTokens)
    .set({ consumedAt: new Date() })
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
    expiresAt: new Date(Date.now() + 30 * 60_000),
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
  await hitRateLimit(ctx.db, `reset-confirm:email:${sha256(email)}`, ctx.config.rateLimits.signInPerEmail);
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
        gt(authTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  const t = rows[0];
  if (!t) throw invalid();
  if (t.tokenHash !== resetHash(t.id, input.code)) {
    // Five wrong tries burn the code.
    await ctx.db
      .update(authTokens)
      .set({ attempts: sql`${authTokens.attempts} + 1`, consumedAt: t.attempts + 1 >= 5 ? new Date() : null })
      .where(eq(authTokens.id, t.id));
    throw invalid();
  }
  if (!(await claimAuthToken(ctx, t.id))) throw invalid();
  await setPassword(ctx, user.id, input.newPassword, 'reset_code', meta);
}

// ---- TOTP -------------------------------------------------------------------------------------

/** Starts enrolment: the secret is shown once so the user can add it to an authenticator app. */
export async function setupMfa(ctx: AppContext, a: AuthedUser) {
  if (a.user.mfaEnabled) throw conflict('Two-factor authentication is already on', 'MFA_ALREADY_ENABLED');
  const secret = generateSecret();
  await ctx.db
    .update(users)
    .set({ mfaPendingSecret: secret, updatedAt: new Date() })
    .where(eq(users.id, a.user.id));
  return { secret, otpauthUrl: generateURI({ secret, issuer: 'Tickstep', label: a.user.email }) };
}

export async function enableMfa(ctx: AppContext, a: AuthedUser, code: string, meta: RequestMeta) {
  if (a.user.mfaEnabled) throw conflict('Two-factor authentication is already on', 'MFA_ALREADY_ENABLED');
  const step = totpStep(a.user.mfaPendingSecret, code);
  if (step === null) throw badRequest('The authenticator code is wrong', 'INVALID_TOTP');
  await ctx.db
    .update(users)
    .set({
      mfaSecret: a.user.mfaPendingSecret,
      mfaPendingSecret: null,
      mfaEnabled: true,
      mfaLastStep: step,
      updatedAt: new Date(),
    })
    .where(eq(users.id, a.user.id));
  await audit(ctx.db, { userId: a.user.id, action: 'MFA_ENABLE' }, meta);
}

export async function disableMfa(ctx: AppContext, a: AuthedUser, code: string, meta: RequestMeta) {
  if (a.user.role === 'ADMIN')
    throw forbidden('Administrators must keep two-factor authentication', 'MFA_REQUIRED_FOR_ADMIN');
  if (!a.user.mfaEnabled) throw conflict('Two-factor authentication is off', 'MFA_NOT_ENABLED');
  if (!(await consumeTotp(ctx, a.user, code)))
    throw badRequest('The authenticator code is wrong', 'INVALID_TOTP');
  await ctx.db
    .update(users)
    .set({ mfaSecret: null, mfaEnabled: false, mfaLastStep: null, updatedAt: new Date() })
    .where(eq(users.id, a.user.id));
  await audit(ctx.db, { userId: a.user.id, action: 'MFA_DISABLE' }, meta);
}

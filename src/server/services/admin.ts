import { and, desc, eq, ilike } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/open.js';
import { auditLogs, type Role, users } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { audit, type RequestMeta } from './audit.js';
import { type AuthedUser, normaliseEmail, publicUser, revokeAllSessions } from './auth/index.js';

async function target(ctx: AppContext, admin: AuthedUser, id: string) {
  if (id === admin.user.id)
    throw badRequest('Administrators cannot change their own account here', 'SELF_TARGET');
  const u = (await ctx.db.select().from(users).where(eq(users.id, id)))[0];
  if (!u) throw notFound('User not found');
  return u;
}

export async function searchUsers(ctx: AppContext, email: string | undefined) {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(email ? ilike(users.email, `%${email.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined)
    .orderBy(desc(users.createdAt))
    .limit(100);
  return rows.map((u) => ({ ...publicUser(u), isBanned: u.isBanned }));
}

/** Bans: the flag is checked on every request and refresh, and all sessions end now. */
export async function setBanned(
  ctx: AppContext,
  admin: AuthedUser,
  id: string,
  banned: boolean,
  reason: string | undefined,
  meta: RequestMeta,
) {
  const u = await target(ctx, admin, id);
  // The change and its audit row commit together, or neither does.
  await ctx.db.transaction(async (tx) => {
    const t = { ...ctx, db: tx };
    await tx.update(users).set({ isBanned: banned, updatedAt: ctx.clock.now() }).where(eq(users.id, u.id));
    if (banned) await revokeAllSessions(t, u.id, 'banned');
    await audit(
      t,
      { userId: u.id, actorId: admin.user.id, action: banned ? 'BAN' : 'UNBAN', details: { reason } },
      meta,
    );
  });
  return { ...publicUser(u), isBanned: banned };
}

export async function setRole(ctx: AppContext, admin: AuthedUser, id: string, role: Role, meta: RequestMeta) {
  const u = await target(ctx, admin, id);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ role, updatedAt: ctx.clock.now() }).where(eq(users.id, u.id));
    await audit(
      { db: tx, clock: ctx.clock },
      { userId: u.id, actorId: admin.user.id, action: 'ROLE_CHANGE', details: { from: u.role, to: role } },
      meta,
    );
  });
  return { ...publicUser({ ...u, role }), isBanned: u.isBanned };
}

/** Bootstrap (CLI): gives an existing account the ADMIN role. It must still enable TOTP to act as admin. */
export async function promoteByEmail(ctx: { db: Db; clock: Clock }, email: string): Promise<boolean> {
  const { db } = ctx;
  const u = (
    await db
      .select()
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
  )[0];
  if (!u) return false;
  await db.update(users).set({ role: 'ADMIN', updatedAt: ctx.clock.now() }).where(eq(users.id, u.id));
  await audit(
    ctx,
    {
      userId: u.id,
      actorId: null,
      action: 'ROLE_CHANGE',
      details: { from: u.role, to: 'ADMIN', via: 'cli' },
    },
    { ip: 'cli', userAgent: null },
  );
  return true;
}

export async function auditTrail(
  ctx: AppContext,
  userId: string | undefined,
  action: string | undefined,
  limit: number,
) {
  const rows = await ctx.db
    .select()
    .from(auditLogs)
    .where(
      and(
        userId ? eq(auditLogs.userId, userId) : undefined,
        action ? eq(auditLogs.action, action) : undefined,
      ),
    )
    .orderBy(desc(auditLogs.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

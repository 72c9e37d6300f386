import type { Clock } from '../clock.js';
import type { Db, Tx } from '../db/open.js';
import { auditLogs } from '../db/schema.js';
import { newId } from './crypto.js';

export type AuditAction =
  | 'REGISTER'
  | 'LOGIN'
  | 'LOGIN_FAILED'
  | 'LOGOUT'
  | 'LOGOUT_ALL'
  | 'SESSION_REVOKE'
  | 'REFRESH_REUSE'
  | 'PASSWORD_CHANGE'
  | 'PASSWORD_RESET'
  | 'MFA_ENABLE'
  | 'MFA_DISABLE'
  | 'ROLE_CHANGE'
  | 'BAN'
  | 'UNBAN'
  | 'LICENSE_REVOKE'
  | 'LICENSE_ACTIVATE';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/** Writes one audit row. Details must never contain secrets, tokens or hashes. */
export async function audit(
  ctx: { db: Db | Tx; clock: Clock },
  entry: {
    userId: string | null;
    actorId?: string | null;
    action: AuditAction;
    entityType?: string;
    entityId?: string | null;
    details?: Record<string, unknown>;
  },
  meta: RequestMeta,
): Promise<void> {
  await ctx.db.insert(auditLogs).values({
    id: newId(),
    userId: entry.userId,
    actorId: entry.actorId ?? entry.userId,
    entityType: entry.entityType ?? 'USER',
    entityId: entry.entityId ?? entry.userId,
    action: entry.action,
    details: entry.details ?? null,
    ipAddress: meta.ip,
    userAgent: meta.userAgent,
    createdAt: ctx.clock.now(),
  });
}

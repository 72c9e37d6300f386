import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import { forbidden, unauthorized } from '../../errors.js';

export type UserRow = typeof users.$inferSelect;

/** A request's verified caller: the account and the session its access token belongs to. */
export interface AuthedUser {
  user: UserRow;
  sessionId: string;
  /** The session signed in with a second factor. */
  secondFactor: boolean;
}

export interface PublicUser {
  id: string;
  email: string;
  role: string;
  mfaEnabled: boolean;
  createdAt: string;
}

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

export const banned = () => forbidden('This account is suspended', 'ACCOUNT_BANNED');
export const badCredentials = () => unauthorized('Email or password is incorrect', 'INVALID_CREDENTIALS');

export async function findUserByEmail(ctx: AppContext, email: string): Promise<UserRow | undefined> {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .limit(1);
  return rows[0];
}

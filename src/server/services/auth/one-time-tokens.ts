import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { authTokens } from '../../db/schema.js';

/** Marks a one-time token (magic link, reset code) used; false when another request used it first. */
export async function claimAuthToken(ctx: AppContext, id: string): Promise<boolean> {
  const claimed = await ctx.db
    .update(authTokens)
    .set({ consumedAt: ctx.clock.now() })
    .where(and(eq(authTokens.id, id), isNull(authTokens.consumedAt)))
    .returning({ id: authTokens.id });
  return claimed.length === 1;
}

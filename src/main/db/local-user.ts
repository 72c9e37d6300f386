import { eq } from 'drizzle-orm';
import type { Store } from './open-database';
import { users } from './schema';

const LOCAL_USER_ID = 'local';

/** The desktop app's own profile: one ANONYMOUS user until the trader signs in online. */
export function ensureLocalUser(store: Store, nowSeconds: number): string {
  const existing = store.db.select().from(users).where(eq(users.id, LOCAL_USER_ID)).get();
  if (!existing) {
    store.db
      .insert(users)
      .values({
        id: LOCAL_USER_ID,
        displayName: 'Local trader',
        role: 'ANONYMOUS',
        createdAt: nowSeconds,
        updatedAt: nowSeconds,
      })
      .run();
  }
  return LOCAL_USER_ID;
}

import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';

/** The local profile. The desktop app has one ANONYMOUS user until the trader signs in. */
export const users = sqliteTable('users', {
  id: id(),
  email: text().unique(),
  displayName: text().notNull(),
  role: text({ enum: ['ANONYMOUS', 'ADMIN'] }).notNull(),
  ...timestamps,
});

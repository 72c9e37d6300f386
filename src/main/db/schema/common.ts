import { integer, text } from 'drizzle-orm/sqlite-core';

/** Primary key: a UUID made by the service layer (never by the database). */
export const id = () => text().primaryKey();

/** UTC epoch seconds, set by the service layer from its injected clock. */
export const timestamps = {
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
};

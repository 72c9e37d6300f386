import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Schema = typeof schema;
export interface Store {
  /** drizzle, for everything but bulk candle work. */
  db: BetterSQLite3Database<Schema>;
  /** The raw driver, for prepared bulk statements and transactions. */
  sqlite: Database.Database;
  close(): void;
}

/** Opens (creating if needed) the store at `file`. Nothing opens a database at import time. */
export function openDatabase(file: string): Store {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle({ client: sqlite, schema, casing: 'snake_case' });
  return { db, sqlite, close: () => sqlite.close() };
}

/** Applies the generated migrations in `folder` (the repo's `drizzle/desktop`). */
export function runMigrations(store: Store, folder: string): void {
  migrate(store.db, { migrationsFolder: folder });
}

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The drizzle handle; the same type whether PGlite or node-postgres is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface OpenedDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** A number no other code uses for advisory locks: serialises migrations across instances. */
const MIGRATION_LOCK = 7_070_707;

/**
 * Opens the server database and applies the migrations in `migrationsFolder`.
 * `databaseUrl` selects PostgreSQL; otherwise PGlite in `pgliteDir` (`memory://` for tests).
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  pgliteDir: string;
  migrationsFolder: string;
  poolSize?: number;
  /** Called when an idle pooled connection fails (database restart); the pool reconnects by itself. */
  onPoolError?: (err: Error) => void;
}): Promise<OpenedDatabase> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // Without a listener an idle client's error (e.g. the server restarting) would crash the process.
    pool.on('error', (err) => opts.onPoolError?.(err));
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migratePg(drizzlePg(client, { schema, casing: 'snake_case' }), {
          migrationsFolder: opts.migrationsFolder,
        });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  let unlock = () => {};
  if (!opts.pgliteDir.startsWith('memory://')) {
    mkdirSync(opts.pgliteDir, { recursive: true });
    unlock = lockDataDir(opts.pgliteDir);
  }
  try {
    const client = new PGlite(opts.pgliteDir);
    const pdb = drizzlePglite(client, { schema, casing: 'snake_case' });
    await migratePglite(pdb, { migrationsFolder: opts.migrationsFolder });
    return {
      db: pdb as unknown as Db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

/** Another process has the embedded database open (a running server, or `promote-admin`). */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A
 * lock file (`<dir>.lock`, holding the pid) is created exclusively; one left by a dead process is
 * taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir.replace(/[\\/]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DataDirInUseError(
          `The embedded database in ${dir} is in use by process ${pid} (a running server?). ` +
            'Stop it first, or point DATABASE_URL at a PostgreSQL server that every process can share.',
        );
      }
      rmSync(file, { force: true }); // left behind by a process that no longer runs
    }
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dir}`);
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

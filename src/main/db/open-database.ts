import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError, ErrorCode } from '../../shared/errors';
import * as schema from './schema';

export type Schema = typeof schema;

/** A damaged store found at open: moved aside (never overwritten or deleted), a fresh one started. */
export interface StoreRecovery {
  /** The store's path (`…/tickstep.db`). */
  file: string;
  /** Where the damaged file was kept (`…/tickstep.db.damaged-<stamp>`, with its -wal/-shm beside it). */
  keptAt: string;
  /** What was wrong, in words: "it is empty (0 bytes)", "it is not a SQLite database". */
  reason: string;
  /** The sentence every transport shows the trader as is. */
  message: string;
}

export interface Store {
  /** drizzle, for everything but bulk candle work. */
  db: BetterSQLite3Database<Schema>;
  /** The raw driver, for prepared bulk statements and transactions. */
  sqlite: Database.Database;
  /** Set when the store on disk was damaged and a fresh one was started in its place; else null. */
  recovered: StoreRecovery | null;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** For the `damaged-<stamp>` name of a store moved aside; default the system time. */
  now?: () => Date;
}

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_FOLDER = 0o700;
const SIDE_FILES = ['-wal', '-shm'] as const;

/**
 * The store cannot be used and could not be set aside (for example, the folder is read-only).
 * It crosses as STORE_DAMAGED with a message a trader can act on.
 */
export class StoreDamagedError extends AppError {
  constructor(message: string, details?: { file: string; keptAt?: string }) {
    super(ErrorCode.STORE_DAMAGED, message, details);
    this.name = 'StoreDamagedError';
  }
}

/** SQLite's result codes for a file that is not, or no longer, a database. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/**
 * A SQLite corruption error met while the app runs, as STORE_DAMAGED with a plain message instead
 * of INTERNAL with SQLite's words; null for any other error. The dispatcher calls it.
 */
export function storeDamagedFromError(error: unknown): StoreDamagedError | null {
  if (!isCorruptionError(error)) return null;
  return new StoreDamagedError(
    'The store is damaged (SQLite reports it as malformed), so this could not be read or saved. ' +
      'Quit and restart Tickstep: it checks the store at start, keeps the damaged file aside and ' +
      'starts a fresh one.',
  );
}

/** Makes `folder` (created if needed) readable only by its owner, where the system has modes. */
export function ensureOwnerOnlyFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
  if (process.platform === 'win32') return;
  const stat = statSync(folder);
  // Only a folder we own: never try to change /tmp or a shared parent given by mistake.
  if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) chmodSync(folder, OWNER_ONLY_FOLDER);
}

function tightenFile(path: string): void {
  if (process.platform === 'win32' || !existsSync(path)) return;
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY_FILE);
}

/** What the first 100 bytes and the size of a store file say, before SQLite opens it. */
export type HeaderVerdict =
  | { kind: 'absent' }
  | { kind: 'ok' }
  /** Looks like SQLite but shorter than its header says: run `PRAGMA quick_check` to decide. */
  | { kind: 'suspect'; reason: string }
  | { kind: 'damaged'; reason: string };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The cheap part of the integrity check: no SQL, one 100-byte read. A zero-length file, a file
 * without SQLite's magic string or with an impossible page size is damaged; one shorter than the
 * page count in its header is suspect.
 */
export function inspectStoreHeader(file: string): HeaderVerdict {
  if (!existsSync(file)) return { kind: 'absent' };
  const size = statSync(file).size;
  if (size === 0) return { kind: 'damaged', reason: 'it is empty (0 bytes)' };
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || !header.subarray(0, 16).equals(MAGIC))
    return { kind: 'damaged', reason: 'it is not a SQLite database' };
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    return { kind: 'damaged', reason: 'its header is damaged (impossible page size)' };
  // The page count at offset 28 is valid when the "version-valid-for" number equals the change counter.
  const pages = header.readUInt32BE(28);
  if (pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24) && size < pages * pageSize)
    return {
      kind: 'suspect',
      reason: `it is shorter than its header says (${size} of ${pages * pageSize} bytes)`,
    };
  return { kind: 'ok' };
}

/** `2026-12-03T09-41-07Z`: a stamp safe in a file name on every system. */
function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/**
 * Moves a damaged store and its -wal/-shm aside as `<file>.damaged-<stamp>` (a `-2`, `-3`… suffix
 * when that name is taken): never overwrites, never deletes. Returns where it was kept.
 */
export function keepDamagedStoreAside(file: string, now: Date): string {
  const base = `${file}.damaged-${fileStamp(now)}`;
  let keptAt = base;
  for (let n = 2; [keptAt, ...SIDE_FILES.map((s) => keptAt + s)].some((p) => existsSync(p)); n++)
    keptAt = `${base}-${n}`;
  renameSync(file, keptAt);
  for (const suffix of SIDE_FILES) if (existsSync(file + suffix)) renameSync(file + suffix, keptAt + suffix);
  return keptAt;
}

function connect(file: string): Database.Database {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Opens SQLite on an existing file and proves it readable: the schema is read (cheap), and
 * `PRAGMA quick_check` runs only when the header looked suspect. Returns the damage found, or
 * the open connection. Errors that are not damage (busy, permissions) are thrown as they are.
 */
function openChecked(
  file: string,
  verdict: HeaderVerdict,
): { sqlite: Database.Database } | { damaged: string } {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = connect(file);
    sqlite.prepare('select count(*) from sqlite_master').get();
    if (verdict.kind === 'suspect') {
      const first = sqlite.pragma('quick_check(1)', { simple: true });
      if (first !== 'ok') {
        sqlite.close();
        return { damaged: `${verdict.reason}; SQLite's check says: ${String(first)}` };
      }
    }
    return { sqlite };
  } catch (error) {
    sqlite?.close();
    if (isCorruptionError(error)) {
      const malformed = 'SQLite reports it as malformed';
      return { damaged: verdict.kind === 'suspect' ? `${verdict.reason}; ${malformed}` : malformed };
    }
    throw error;
  }
}

/**
 * Opens (creating if needed) the store at `file`. Nothing opens a database at import time.
 *
 * The folder is made owner-only (0700) and the store's files 0600, like the token files. A store
 * that is damaged (empty, not SQLite, malformed) is kept aside as `<file>.damaged-<stamp>` and a
 * fresh store is started; `recovered` says so, and every transport tells the trader where the old
 * file is. A store that is damaged and cannot be moved throws StoreDamagedError.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Store {
  ensureOwnerOnlyFolder(dirname(file));
  let recovered: StoreRecovery | null = null;
  let sqlite: Database.Database | undefined;
  const verdict = inspectStoreHeader(file);
  let damage: string | null = verdict.kind === 'damaged' ? verdict.reason : null;
  if (verdict.kind !== 'absent' && damage === null) {
    for (const path of [file, ...SIDE_FILES.map((s) => file + s)]) tightenFile(path);
    const checked = openChecked(file, verdict);
    if ('damaged' in checked) damage = checked.damaged;
    else sqlite = checked.sqlite;
  }
  if (damage !== null) {
    let keptAt: string;
    try {
      keptAt = keepDamagedStoreAside(file, (options.now ?? (() => new Date()))());
    } catch (error) {
      throw new StoreDamagedError(
        `The store at ${file} is damaged (${damage}) and could not be moved aside ` +
          `(${error instanceof Error ? error.message : String(error)}). Move or rename it yourself, ` +
          'then start Tickstep again to begin a fresh store.',
        { file },
      );
    }
    recovered = {
      file,
      keptAt,
      reason: damage,
      message:
        `The store at ${file} is damaged (${damage}). It was kept at ${keptAt}; ` +
        'a fresh store was started. Your candle files on disk are untouched: import them again.',
    };
  }
  // A new store is created by SQLite inside the owner-only folder, then made 0600; SQLite gives its
  // -wal and -shm the mode of the database file, so they follow.
  sqlite ??= connect(file);
  for (const path of [file, ...SIDE_FILES.map((s) => file + s)]) tightenFile(path);
  const db = drizzle({ client: sqlite, schema, casing: 'snake_case' });
  const connection = sqlite;
  return { db, sqlite: connection, recovered, close: () => connection.close() };
}

/** Applies the generated migrations in `folder` (the repo's `drizzle/desktop`). */
export function runMigrations(store: Store, folder: string): void {
  migrate(store.db, { migrationsFolder: folder });
}

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { blobs } from '../db/schema.js';

/** Where attachment bytes live. An S3-compatible implementation (PutObject/GetObject) satisfies it. */
export interface BlobStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
}

/** Stored bytes no longer match the checksum taken when they were written. */
export class BlobCorruptError extends Error {
  constructor(readonly key: string) {
    super(`stored content of ${key} does not match its MD5`);
    this.name = 'BlobCorruptError';
  }
}

export const md5Hex = (data: Buffer) => createHash('md5').update(data).digest('hex');

/**
 * Content in the server database (table `blobs`), so every instance on that database serves every
 * attachment; PGlite included, so the embedded default needs nothing else. The MD5 is taken on the
 * way in and checked on the way out. Writing a key twice keeps the first content (keys are
 * server-generated, one per file id).
 */
export class PgBlobStorage implements BlobStorage {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async put(key: string, data: Buffer): Promise<void> {
    await this.db
      .insert(blobs)
      .values({ key, data, size: data.length, md5: md5Hex(data), createdAt: this.clock.now() })
      .onConflictDoNothing({ target: blobs.key });
  }

  async get(key: string): Promise<Buffer | null> {
    const row = (await this.db.select().from(blobs).where(eq(blobs.key, key)))[0];
    if (!row) return null;
    if (row.data.length !== row.size || md5Hex(row.data) !== row.md5) throw new BlobCorruptError(key);
    return row.data;
  }
}

/** Writes to `primary`; reads `primary`, then `legacy` (attachments stored on disk by older versions). */
export class FallbackBlobStorage implements BlobStorage {
  constructor(
    private readonly primary: BlobStorage,
    private readonly legacy: BlobStorage,
  ) {}
  put(key: string, data: Buffer): Promise<void> {
    return this.primary.put(key, data);
  }
  async get(key: string): Promise<Buffer | null> {
    return (await this.primary.get(key)) ?? this.legacy.get(key);
  }
}

/** Files under one root folder; keys are server-generated (`files/<uuid>`), never user paths. */
export class DiskBlobStorage implements BlobStorage {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const p = resolve(join(this.root, key));
    if (!p.startsWith(this.root + sep)) throw new Error('storage key escapes the root');
    return p;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const p = this.pathOf(key);
    await mkdir(dirname(p), { recursive: true });
    const tmp = `${p}.tmp-${randomUUID()}`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, p);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}

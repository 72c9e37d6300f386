import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError, ErrorCode } from '../../../shared/errors';
import { files } from '../../db/schema';
import type { ReportsDeps } from './deps';

/** A file the app wrote and recorded as a FILE row. */
export interface StoredFile {
  id: string;
  path: string;
  size: number;
  md5: string;
  createdAt: number;
}

/**
 * Writes `bytes` to `path` through a temp name and a rename, so a failure leaves no half file; then,
 * in one transaction, inserts its FILE row (size, md5, owned by the user, about `entityId`) and
 * whatever `link` adds (the row that says what the file is). If that fails the file goes too: no
 * row, no file.
 */
export function storeFile(
  ctx: ReportsDeps,
  input: { path: string; bytes: Buffer; entityId: string },
  link: (file: StoredFile) => void,
): StoredFile {
  const { path, bytes } = input;
  const temp = `${path}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new AppError(ErrorCode.INVALID_INPUT, `Cannot write ${path}: ${(error as Error).message}`);
  }
  const now = ctx.clock.nowSeconds();
  const file: StoredFile = {
    id: ctx.newId(),
    path,
    size: bytes.length,
    md5: createHash('md5').update(bytes).digest('hex'),
    createdAt: now,
  };
  try {
    ctx.store.sqlite.transaction(() => {
      ctx.store.db
        .insert(files)
        .values({
          id: file.id,
          ownerId: ctx.userId,
          entityId: input.entityId,
          path,
          size: file.size,
          md5: file.md5,
          uploadedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      link(file);
    })();
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  return file;
}

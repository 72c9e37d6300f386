import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UPLOAD_CHUNK_BYTES } from '../../../../shared/contract/market';
import { AppError, ErrorCode } from '../../../../shared/errors';
import type { MarketDeps } from '../deps';

/** Uploads begun and not yet imported; opening one more drops the oldest. */
const MAX_OPEN_UPLOADS = 4;

interface Upload {
  path: string;
  fileName: string;
  sizeBytes: number;
  receivedBytes: number;
}

/**
 * A file the page sends in pieces (browser mode, and files dropped on the desktop window): each
 * piece is appended to a file under the data folder as it arrives, so the import reads it from
 * disk like any other file. Sending the whole text in one contract call held several copies of
 * it in both processes and showed no progress while it crossed.
 */
export function createUploads(ctx: Pick<MarketDeps, 'dataDir' | 'newId'>) {
  const uploads = new Map<string, Upload>();
  const dir = join(ctx.dataDir, 'import-uploads');

  const drop = (id: string) => {
    const upload = uploads.get(id);
    uploads.delete(id);
    if (upload) rmSync(upload.path, { force: true });
  };

  const find = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (!upload) {
      throw new AppError(
        ErrorCode.NOT_FOUND,
        'The file being sent is no longer there (it was imported or dropped): pick the file again',
        { field: 'uploadId' },
      );
    }
    return upload;
  };

  return {
    open(fileName: string, sizeBytes: number): { uploadId: string } {
      while (uploads.size >= MAX_OPEN_UPLOADS) drop(uploads.keys().next().value as string);
      mkdirSync(dir, { recursive: true });
      const uploadId = ctx.newId();
      const path = join(dir, `${uploadId}-${basename(fileName).replace(/[^\w.-]/g, '_')}`);
      writeFileSync(path, '');
      uploads.set(uploadId, { path, fileName: basename(fileName), sizeBytes, receivedBytes: 0 });
      return { uploadId };
    },

    /** Appends the piece that starts at `offset`; pieces come in order, each at most UPLOAD_CHUNK_BYTES. */
    append(uploadId: string, offset: number, base64: string): { receivedBytes: number } {
      const upload = find(uploadId);
      if (offset !== upload.receivedBytes) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `offset: ${offset} is not where the file stands (${upload.receivedBytes} bytes received)`,
          { field: 'offset' },
        );
      }
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length > UPLOAD_CHUNK_BYTES || upload.receivedBytes + bytes.length > upload.sizeBytes) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `base64: the piece goes past the ${upload.sizeBytes} bytes announced for ${upload.fileName}`,
          { field: 'base64' },
        );
      }
      appendFileSync(upload.path, bytes);
      upload.receivedBytes += bytes.length;
      return { receivedBytes: upload.receivedBytes };
    },

    /**
     * The whole file, taken out of the table: the import (or preview) that takes it removes it
     * when done. A file not fully received is refused.
     */
    take(uploadId: string): { path: string; fileName: string } {
      const upload = find(uploadId);
      if (upload.receivedBytes !== upload.sizeBytes) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `uploadId: ${upload.fileName} is not fully sent (${upload.receivedBytes} of ${upload.sizeBytes} bytes)`,
          { field: 'uploadId' },
        );
      }
      uploads.delete(uploadId);
      return { path: upload.path, fileName: upload.fileName };
    },

    /** The name an upload will be imported under (for the plan gate's symbol guess). */
    fileName(uploadId: string): string {
      return find(uploadId).fileName;
    },

    dispose(): void {
      for (const id of [...uploads.keys()]) drop(id);
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type AttachmentInput, MAX_ATTACHMENT_BYTES } from '../../../../shared/contract/online';
import { AppError, ErrorCode } from '../../../../shared/errors';
import type { FileGrants } from '../../../platform/file-grants';

const FILES_DIR = 'support-files';

/** The content types the server accepts for attachments; anything else goes as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.zip': 'application/zip',
};

/** An attachment copied into the data folder, ready to be recorded with its message. */
export interface StagedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  md5: string;
  localPath: string;
}

export interface StagingOptions {
  dataDir: string;
  newId: () => string;
  /** Turns an attachment's handle or data-folder path into a path; refuses any other. */
  files: FileGrants;
}

/** Copies each attachment into the data folder now, so a later sync never depends on the original. */
export function stageFiles(options: StagingOptions, inputs: AttachmentInput[]): StagedFile[] {
  const dir = join(options.dataDir, FILES_DIR);
  mkdirSync(dir, { recursive: true });
  const staged: StagedFile[] = [];
  try {
    for (const [index, input] of inputs.entries()) {
      let name: string;
      let bytes: Buffer;
      if (!('content' in input)) {
        const path = options.files.resolve(input, 'read', `attachments.${index}`);
        if (!existsSync(path) || !statSync(path).isFile())
          throw new AppError(ErrorCode.INVALID_INPUT, `No file at ${path}.`);
        if (statSync(path).size > MAX_ATTACHMENT_BYTES)
          throw new AppError(ErrorCode.INVALID_INPUT, `${basename(path)} is larger than 10 MB.`);
        name = basename(path);
        bytes = readFileSync(path);
      } else {
        name = basename(input.fileName.replace(/\\/g, '/'));
        bytes = Buffer.from(input.content, input.encoding);
      }
      if (bytes.length === 0) throw new AppError(ErrorCode.INVALID_INPUT, `${name} is empty.`);
      if (bytes.length > MAX_ATTACHMENT_BYTES)
        throw new AppError(ErrorCode.INVALID_INPUT, `${name} is larger than 10 MB.`);
      const id = options.newId();
      const localPath = join(FILES_DIR, id);
      writeFileSync(join(options.dataDir, localPath), bytes);
      staged.push({
        id,
        name: name.replace(/[/\\\0]/g, '_').slice(0, 200) || 'attachment',
        contentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        size: bytes.length,
        md5: createHash('md5').update(bytes).digest('hex'),
        localPath,
      });
    }
  } catch (error) {
    discardStaged(options.dataDir, staged);
    throw error;
  }
  return staged;
}

/** Removes staged copies whose message was never recorded. */
export function discardStaged(dataDir: string, files: readonly StagedFile[]): void {
  for (const f of files) rmSync(join(dataDir, f.localPath), { force: true });
}

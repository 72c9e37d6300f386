import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileRef } from '../../shared/contract/file-ref';
import { AppError, ErrorCode } from '../../shared/errors';

/** A handle for reading (an open dialog, an import file) or for writing (a save dialog, an export). */
export type FileAccess = 'read' | 'write';

/** Old handles are forgotten past this many, so a long run cannot grow the table without end. */
const MAX_GRANTS = 1000;

interface Grant {
  path: string;
  access: FileAccess;
}

/**
 * Which files the contract may touch. Paths come in two ways only:
 * - a handle, given by a trusted caller (the native dialogs, the CLI) for a file the trader
 *   picked: opaque, unguessable, valid for this run of the app only, for reading or for writing;
 * - a path inside a subfolder of the data folder, resolved with its links so neither `..` nor a
 *   symbolic link leaves it. The app's own files sit at the top of the data folder (the store,
 *   settings, token files, the machine id), so a file there cannot be named at all.
 * Everything else is refused with a code naming the field, before anything is read or written.
 */
export class FileGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly dataDir: string,
    private readonly token: () => string = () => randomBytes(24).toString('base64url'),
  ) {}

  /** Trusted callers only (a native dialog, the CLI): a handle standing for `path`. */
  grant(path: string, access: FileAccess): string {
    const handle = `fh_${this.token()}`;
    this.grants.set(handle, { path: resolve(path), access });
    if (this.grants.size > MAX_GRANTS) this.grants.delete(this.grants.keys().next().value as string);
    return handle;
  }

  /**
   * The path a contract file reference stands for, checked for `access`. `field` is the input's
   * field as the caller knows it (`source`, `attachments.0`), used in the error.
   */
  resolve(ref: FileRef, access: FileAccess, field: string): string {
    return 'handle' in ref
      ? this.granted(ref.handle, access, `${field}.handle`)
      : this.inDataFolder(ref.path, access, `${field}.path`);
  }

  /** The file behind a handle; an unknown one, or one granted for the other access, is refused. */
  granted(handle: string, access: FileAccess, field: string): string {
    const grant = this.grants.get(handle);
    if (!grant || grant.access !== access) {
      throw new AppError(
        ErrorCode.FILE_NOT_GRANTED,
        `${field}: this file handle is unknown or has expired (handles last until Tickstep quits): choose the file again`,
        { field },
      );
    }
    return grant.path;
  }

  /** A path in a subfolder of the data folder, with links resolved; `..` or a link out is refused. */
  inDataFolder(path: string, access: FileAccess, field: string): string {
    const root = realpathSync(this.dataDir);
    const refuse = (): never => {
      throw new AppError(
        ErrorCode.PATH_NOT_ALLOWED,
        `${field}: only files in a subfolder of the data folder (${this.dataDir}) can be named by path; choose the file instead`,
        { field },
      );
    };
    const lexical = isAbsolute(path) ? resolve(path) : resolve(root, path);
    // Compared as real folders: the data folder itself may be reached through a link (/tmp on
    // macOS), and a subfolder that is a link to elsewhere must not pass.
    const absolute = join(realParentOrSelf(dirname(lexical)), basename(lexical));
    if (!inSubfolder(root, absolute)) refuse();
    if (access === 'read') {
      if (!existsSync(absolute)) {
        throw new AppError(ErrorCode.NOT_FOUND, `${field}: no file at ${path}`, { field });
      }
      const real = realpathSync(absolute);
      if (!inSubfolder(root, real)) refuse();
      return real;
    }
    // A file to write may not exist yet; when it does, it may be a link, which writing would follow.
    if (existsSync(absolute) && !inSubfolder(root, realpathSync(absolute))) refuse();
    return absolute;
  }
}

/** The real path of `path`, or of its nearest existing ancestor followed by the missing rest. */
function realParentOrSelf(path: string): string {
  let existing = path;
  const missing: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(basename(existing));
    existing = parent;
  }
  return join(realpathSync(existing), ...missing);
}

/** True when `path` lies below a folder inside `root` (never a file at the top of `root`). */
function inSubfolder(root: string, path: string): boolean {
  const rest = relative(root, path);
  if (!rest || rest.startsWith('..') || isAbsolute(rest)) return false;
  return rest.split(sep).length >= 2 && !rest.split(sep).includes('..');
}

import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a secret (the licence token; later the sign-in tokens) is kept. The desktop app backs it
 * with Electron safeStorage (src/main/electron/safe-storage.ts); browser mode and the CLI use
 * `createFileSecretStore`, a file readable only by the user.
 */
export interface SecretStore {
  read(): string | null;
  write(secret: string): void;
  clear(): void;
  /** Where and how it is kept, for messages ("file ~/.config/Tickstep/licence.token"). */
  readonly description: string;
}

/** Builds the store for one named secret (`licence`, …). */
export type SecretStoreFactory = (name: string) => SecretStore;

const OWNER_ONLY = 0o600;

/**
 * Writes `bytes` to `path` readable and writable by the owner only: a temp file created with mode
 * 0600, then renamed over the old one, so a crash never leaves half a secret and no other user
 * ever sees it. (On Windows the mode is ignored; the user profile's ACL protects the file.)
 */
export function writeOwnerOnlyFile(path: string, bytes: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  writeFileSync(temp, bytes, { mode: OWNER_ONLY, flag: 'wx' });
  chmodSync(temp, OWNER_ONLY);
  renameSync(temp, path);
}

/** Reads a secret file, first tightening its mode if someone widened it. Null when absent. */
export function readOwnerOnlyFile(path: string): Buffer | null {
  if (!existsSync(path)) return null;
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
  return readFileSync(path);
}

/** A plain-text secret in a file with mode 0600. */
export function createFileSecretStore(path: string): SecretStore {
  return {
    description: `file ${path} (readable only by you)`,
    read() {
      const bytes = readOwnerOnlyFile(path);
      const text = bytes?.toString('utf8').trim();
      return text ? text : null;
    },
    write(secret) {
      writeOwnerOnlyFile(path, `${secret}\n`);
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}

/** Browser mode and the CLI: `<dataDir>/<name>.token`, mode 0600. */
export function fileSecretStores(dataDir: string): SecretStoreFactory {
  return (name) => createFileSecretStore(join(dataDir, `${name}.token`));
}

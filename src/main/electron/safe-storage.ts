import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import {
  createFileSecretStore,
  readOwnerOnlyFile,
  type SecretStore,
  type SecretStoreFactory,
  writeOwnerOnlyFile,
} from '../platform/secret-store';

/**
 * Secrets encrypted with Electron safeStorage (Keychain on macOS, DPAPI on Windows, the desktop
 * keyring on Linux) in `<dataDir>/<name>.secret`, itself mode 0600. Where no encryption is
 * available (a Linux session without a keyring) it falls back to the plain 0600 file browser mode
 * and the CLI use, `<dataDir>/<name>.token`. Call only after `app` is ready.
 */
export function safeStorageSecretStores(dataDir: string): SecretStoreFactory {
  return (name) => {
    const plain = createFileSecretStore(join(dataDir, `${name}.token`));
    if (!encryptionAvailable()) return plain;
    const path = join(dataDir, `${name}.secret`);
    const store: SecretStore = {
      description: `file ${path}, encrypted by the operating system`,
      read() {
        const bytes = readOwnerOnlyFile(path);
        if (bytes && bytes.length > 0) {
          try {
            return safeStorage.decryptString(bytes);
          } catch {
            return null;
          }
        }
        return null;
      },
      write(secret) {
        writeOwnerOnlyFile(path, safeStorage.encryptString(secret));
        plain.clear();
      },
      clear() {
        rmSync(path, { force: true });
        plain.clear();
      },
    };
    return store;
  };
}

/** True when the OS really encrypts: on Linux, `basic_text` (no keyring) is a fixed key, no better than a 0600 file. */
function encryptionAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

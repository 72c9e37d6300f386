import { timingSafeEqual } from 'node:crypto';
import type { AutomationClientDto } from '../../../shared/contract/automation';
import type { KeyRow } from './store';

/** A key that passed the full check, with its client as it was then. */
export interface VerifiedKey {
  row: KeyRow;
  client: AutomationClientDto;
}

/**
 * Keys that passed the full check (row found by prefix, sha256 compared in constant time), so the
 * next request with the same key compares the presented bytes in constant time and skips the two
 * row reads and the hash. The whole cache is dropped as soon as `version()` changes (any write of
 * a key or client row, here or by another process), so a revocation, an expiry change or a
 * disabled client counts from the very next request. Expiry itself is checked on every request.
 */
export class VerifiedKeys {
  private readonly byPrefix = new Map<string, { key: Buffer; verified: VerifiedKey }>();
  private version = '';

  constructor(private readonly currentVersion: () => string) {}

  /** The verified row and client of `key` (whose prefix is `prefix`), or null to check it in full. */
  get(prefix: string, key: string): VerifiedKey | null {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.byPrefix.clear();
      this.version = version;
      return null;
    }
    const entry = this.byPrefix.get(prefix);
    if (!entry) return null;
    const given = Buffer.from(key, 'utf8');
    return given.length === entry.key.length && timingSafeEqual(given, entry.key) ? entry.verified : null;
  }

  /** Remembers a key that just passed the full check at the current version. */
  remember(prefix: string, key: string, verified: VerifiedKey): void {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.byPrefix.clear();
      this.version = version;
    }
    this.byPrefix.set(prefix, { key: Buffer.from(key, 'utf8'), verified });
  }
}

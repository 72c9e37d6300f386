import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `tsk_<12 hex>_<43 base64url>`: 256 random bits after a 48-bit visible
 * prefix. Only the sha256 of the whole key is stored (enough for a key of this entropy; a slow
 * hash would only slow every request), and the prefix finds the row.
 */
const KEY_PATTERN = /^(tsk_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `tsk_${randomBytes(6).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The visible prefix of a well-formed key, else null. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Compares a presented key with a stored hash in constant time. */
export function keyMatches(key: string, storedHashHex: string): boolean {
  const given = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHashHex, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A webhook signing secret: `whsec_` and 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

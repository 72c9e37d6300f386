/**
 * Token buckets, one per API key: `perMinute` tokens at most, refilled evenly (perMinute / 60
 * a second). A request takes one token; an empty bucket answers how long until the next one.
 * Kept in memory: a restart refills every bucket, which only ever errs towards the client.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number; perMinute: number }>();

  constructor(private readonly nowMs: () => number) {}

  take(keyId: string, perMinute: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.nowMs();
    let bucket = this.buckets.get(keyId);
    if (!bucket || bucket.perMinute !== perMinute) {
      bucket = { tokens: perMinute, atMs: now, perMinute };
      this.buckets.set(keyId, bucket);
    }
    const refill = ((now - bucket.atMs) * perMinute) / 60_000;
    bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
    bucket.atMs = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const msToToken = ((1 - bucket.tokens) * 60_000) / perMinute;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(msToToken / 1000)) };
  }

  forget(keyId: string): void {
    this.buckets.delete(keyId);
  }
}

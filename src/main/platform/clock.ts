/** Wall time for records (created_at and the like); never used for replay time. */
export interface Clock {
  nowSeconds(): number;
}

export const systemClock: Clock = { nowSeconds: () => Math.floor(Date.now() / 1000) };

/** Wall-clock milliseconds, for timing (rate limits, retry backoff); tests pass their own. */
export const systemNowMs = (): number => Date.now();

import { TIMEFRAME_SECONDS, TIMEFRAMES, type Timeframe } from './timeframes';

/**
 * The bar length of a series from its open times (any order): the most common gap between
 * neighbours, which weekends and holidays cannot outvote. A gap that is no timeframe's length
 * maps to the largest timeframe dividing it. Undefined with fewer than two distinct times.
 */
export function inferTimeframe(times: ArrayLike<number>): Timeframe | undefined {
  const sorted = Array.from(times).sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let mode = 0;
  let best = 0;
  for (const [gap, n] of counts) {
    if (n > best || (n === best && gap < mode)) {
      mode = gap;
      best = n;
    }
  }
  if (mode === 0) return undefined;
  for (const tf of TIMEFRAMES) if (TIMEFRAME_SECONDS[tf] === mode) return tf;
  // Daily bars of a market that skips weekends still have a mode of one day; longer
  // (monthly) bars are served as weekly, the coarsest timeframe.
  if (mode > TIMEFRAME_SECONDS.W1) return 'W1';
  let pick: Timeframe | undefined;
  for (const tf of TIMEFRAMES) if (mode % TIMEFRAME_SECONDS[tf] === 0) pick = tf;
  return pick;
}

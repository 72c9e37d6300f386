/**
 * Maps UTC seconds to the chart's logical bar index and back, from the open times of the bars on
 * the chart. Between two bars it interpolates (weekend gaps stay proportional); before the first
 * and after the last bar it extrapolates by one bar length, so a drawing may reach into the empty
 * space right of the last revealed bar without any data existing there.
 */
export interface TimeMap {
  toLogical(ts: number): number | null;
  /** The open time of the bar at `logical` (rounded to the nearest bar). */
  toTs(logical: number): number | null;
  barSeconds: number;
}

/** The usual spacing of the bars: the smallest positive step among the last ones; 60 if unknown. */
export function barSecondsOf(times: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = Math.max(1, times.length - 64); i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    if (step > 0 && step < best) best = step;
  }
  return Number.isFinite(best) ? best : 60;
}

export function createTimeMap(times: readonly number[]): TimeMap {
  const barSeconds = barSecondsOf(times);
  const n = times.length;
  return {
    barSeconds,
    toLogical: (ts) => {
      if (n === 0) return null;
      const first = times[0]!;
      const last = times[n - 1]!;
      if (ts <= first) return (ts - first) / barSeconds;
      if (ts >= last) return n - 1 + (ts - last) / barSeconds;
      let lo = 0;
      let hi = n - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (times[mid]! <= ts) lo = mid;
        else hi = mid;
      }
      const a = times[lo]!;
      const b = times[hi]!;
      return lo + (ts - a) / (b - a);
    },
    toTs: (logical) => {
      if (n === 0 || !Number.isFinite(logical)) return null;
      const index = Math.round(logical);
      if (index < 0) return times[0]! + index * barSeconds;
      if (index > n - 1) return times[n - 1]! + (index - (n - 1)) * barSeconds;
      return times[index]!;
    },
  };
}

import type { CandleDto } from '../../../../../shared/dto';

/** Upserts the forming bar into a list of revealed bars (for the desk's `candles` state). */
export function upsertCandle(
  list: readonly CandleDto[],
  bar: CandleDto,
  max = Number.POSITIVE_INFINITY,
): CandleDto[] {
  const last = list.at(-1);
  if (last && last.ts === bar.ts) return [...list.slice(0, -1), bar];
  if (last && bar.ts < last.ts) return list as CandleDto[];
  const next = [...list, bar];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * The bars an indicator can take incrementally when the revealed list goes from `prev` to `next`,
 * or null when it must be recomputed from `next`. Incremental only when `next` is `prev` with its
 * last bar updated or one bar added: the earlier bars must be the very same objects (the desk's
 * upsert keeps them), so a snapshot after a jump or a timeframe change, which ends on the same
 * bar as the tick before it but holds other bars, is always a full recompute.
 */
export function incrementalBars(prev: readonly CandleDto[], next: readonly CandleDto[]): CandleDto[] | null {
  const n = next.length;
  const m = prev.length;
  const last = next[n - 1];
  if (!last || m === 0) return null;
  const prevLast = prev[m - 1]!;
  if (last.ts === prevLast.ts) return next[n - 2] === prev[m - 2] ? [last] : null;
  if (next[n - 2] === prevLast) return [prevLast, last];
  return null;
}

import { formatBlindDay, isMaskedTs } from './blind-time';
import type { BasePeriodDto } from './dto';

// A blind session's times are masked: they name its day ("Day 3"), never a date.
const day = (ts: number) =>
  isMaskedTs(ts) ? formatBlindDay(ts) : new Date(ts * 1000).toISOString().slice(0, 10);

/**
 * The base data a replay used, as the desk, the report and its exports say it:
 * "2017-12-20 – 2017-12-31 M1, then 2018-01-01 – 2018-01-10 H1" (UTC dates of each period's first
 * and last base bar). Empty when nothing was replayed.
 */
export function describeBasePeriods(periods: readonly BasePeriodDto[]): string {
  return periods.map((p) => `${day(p.fromTs)} – ${day(p.toTs)} ${p.timeframe}`).join(', then ');
}

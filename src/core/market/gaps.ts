import { TIMEFRAME_SECONDS, type Timeframe } from './timeframes';

/** A stretch with no bars, longer than the market's normal closures. `toTs` is the next bar's open. */
export interface DataGap {
  fromTs: number;
  toTs: number;
}

const HOUR = 3600;
const DAY = 86_400;

/**
 * Whether a pause is a normal closure: intraday, any pause up to 2 hours (daily rollover,
 * thin hours) and a weekend pause (the gap covers a whole Saturday UTC and lasts at most
 * 3 days); daily bars may skip a weekend plus holidays (up to 5 days); weekly bars 2 weeks.
 */
export function isNormalClosure(fromTs: number, toTs: number, timeframe: Timeframe): boolean {
  const pause = toTs - fromTs;
  const bar = TIMEFRAME_SECONDS[timeframe];
  if (timeframe === 'W1') return pause <= 2 * bar;
  if (timeframe === 'D1') return pause <= 5 * DAY;
  if (pause <= Math.max(2 * HOUR, 2 * bar)) return true;
  // Saturday 00:00 UTC of the week of `fromTs` (epoch day 2 was a Saturday).
  const day = Math.floor(fromTs / DAY);
  const nextSaturday = (day + ((2 - (day % 7) + 7) % 7)) * DAY;
  const coversSaturday = nextSaturday >= fromTs && nextSaturday + DAY <= toTs;
  return coversSaturday && pause <= 3 * DAY + 2 * HOUR;
}

/**
 * Scans ascending open times and collects abnormal gaps. Feed with `push`; `max` caps the list.
 */
export class GapFinder {
  readonly gaps: DataGap[] = [];
  total = 0;
  private last = Number.NaN;
  private readonly bar: number;

  constructor(
    private readonly timeframe: Timeframe,
    private readonly max = 1000,
  ) {
    this.bar = TIMEFRAME_SECONDS[timeframe];
  }

  push(ts: number): void {
    const last = this.last;
    this.last = ts;
    if (Number.isNaN(last) || ts - last <= this.bar) return;
    const fromTs = last + this.bar;
    if (isNormalClosure(fromTs, ts, this.timeframe)) return;
    this.total++;
    if (this.gaps.length < this.max) this.gaps.push({ fromTs, toTs: ts });
  }
}

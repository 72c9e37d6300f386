import type { Time } from 'lightweight-charts';
import { formatBlindDay, formatBlindTs, isMaskedTs } from '../../../../../shared/blind-time';
import { formatTs } from '../../../shared/format';

const asSeconds = (time: Time): number | null => (typeof time === 'number' ? time : null);

/**
 * Axis labels of a blind session's chart: "Day 3" where the chart would name a year, month or
 * day, "14:05" where it would show a time. Null for any other chart: the library's own labels.
 */
export function blindTickMark(time: Time, tickMarkType: number): string | null {
  const ts = asSeconds(time);
  if (ts === null || !isMaskedTs(ts)) return null;
  // TickMarkType: 0 year, 1 month, 2 day of month, 3 time, 4 time with seconds.
  return tickMarkType <= 2 ? formatBlindDay(ts) : formatBlindTs(ts).split(' ').at(-1)!;
}

/** The crosshair's time label once a blind session was drawn: "Day 3 14:05". */
export function blindCrosshairTime(time: Time): string {
  const ts = asSeconds(time);
  return ts === null ? String(time) : formatTs(ts);
}

import { DateTime } from 'luxon';
import type { RolloverClock } from '../../../core/execution/swap';

/** Where the FX day turns: 17:00 New York, daylight saving included (22:00 UTC in winter, 21:00 in summer). */
export const ROLLOVER_ZONE = 'America/New_York';
export const ROLLOVER_HOUR = 17;

/**
 * Rollovers at `hour`:00 in `zone`, Monday to Friday (a weekend has none: the Wednesday triple
 * pays for it). Luxon resolves the zone, so the core only ever sees UTC seconds.
 */
export function zonedRollover(zone = ROLLOVER_ZONE, hour = ROLLOVER_HOUR): RolloverClock {
  return {
    nextAfter(ts) {
      let day = DateTime.fromSeconds(ts, { zone }).startOf('day');
      for (let i = 0; i < 10; i++) {
        const at = day.set({ hour }).toSeconds();
        if (at > ts && day.weekday <= 5) return at;
        day = day.plus({ days: 1 });
      }
      throw new Error(`No rollover found after ${ts} in ${zone}`);
    },
    weekdayOf(ts) {
      // Luxon counts Monday 1 … Sunday 7; the engine 0 Sunday … 6 Saturday.
      return DateTime.fromSeconds(ts, { zone }).weekday % 7;
    },
  };
}

/** The default clock every session uses. */
export const NEW_YORK_ROLLOVER = zonedRollover();

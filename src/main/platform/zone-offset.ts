import type { ZoneOffset } from '../../core/challenges/rulebook';

/**
 * The time-zone offsets the challenge rulebooks read (the core carries no tz database): Intl's,
 * one formatter per zone, offsets cached per UTC quarter hour (Lord Howe changes at :30).
 */
export function intlZoneOffset(): ZoneOffset {
  const formats = new Map<string, Intl.DateTimeFormat>();
  const cache = new Map<string, number>();
  return (zone, ts) => {
    const quarter = Math.floor(ts / 900);
    const key = `${zone}@${quarter}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let format = formats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      formats.set(zone, format);
    }
    const parts = format.formatToParts(quarter * 900_000);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) / 1000;
    const offset = Math.round((wall - quarter * 900) / 60);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, offset);
    return offset;
  };
}

/** True when Intl knows the zone (a template naming an unknown zone is refused with the field). */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Source time zones: a fixed offset ('UTC', '+03:00', 'UTC-05:00', 'GMT+2', 'EST') or an IANA
 * name ('America/New_York', DST-aware through Intl). Converts wall-clock seconds (a local
 * date-time read as if it were UTC) to real UTC seconds.
 */
export interface SourceZone {
  /** Canonical name shown to the trader: 'UTC', 'UTC-05:00', 'Europe/Berlin'. */
  name: string;
  /** UTC seconds for the wall-clock seconds `wall` in this zone. */
  toUtc(wall: number): number;
}

const FIXED_ALIASES: Record<string, number> = { UTC: 0, GMT: 0, Z: 0, EST: -300, EET: 120, CET: 60 };

/** '+03:00' style name for an offset in minutes; 0 is 'UTC'. */
export function offsetName(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function fixedZone(minutes: number): SourceZone {
  const shift = minutes * 60;
  return { name: offsetName(minutes), toUtc: (wall) => wall - shift };
}

/** Parses '+0300', '-05:00', '+3', 'UTC+2', 'GMT-08:00' into minutes; undefined if not an offset. */
export function parseOffset(text: string): number | undefined {
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text.trim());
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

/** The zone for a user's `--tz` value; undefined when the name is not known. */
export function resolveZone(text: string): SourceZone | undefined {
  const trimmed = text.trim();
  const alias = FIXED_ALIASES[trimmed.toUpperCase()];
  if (alias !== undefined) return fixedZone(alias);
  const offset = parseOffset(trimmed);
  if (offset !== undefined) return fixedZone(offset);
  return ianaZone(trimmed);
}

function ianaZone(name: string): SourceZone | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const canonical = format.resolvedOptions().timeZone;
  // Offsets change at most a few times a year: cache them per UTC hour.
  const cache = new Map<number, number>();
  const offsetAt = (utc: number): number => {
    const hour = Math.floor(utc / 3600);
    let offset = cache.get(hour);
    if (offset === undefined) {
      const parts = format.formatToParts(hour * 3600 * 1000);
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
      const wall =
        Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
      offset = wall - hour * 3600;
      if (cache.size > 100_000) cache.clear();
      cache.set(hour, offset);
    }
    return offset;
  };
  return {
    name: canonical,
    toUtc: (wall) => {
      // Two passes settle the offset except inside a DST gap or overlap, where the first
      // (standard-time) reading wins, as most charting tools do.
      const first = wall - offsetAt(wall);
      return wall - offsetAt(first);
    },
  };
}

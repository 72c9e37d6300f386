import { daysFromCivil, validDate } from './stamp';

/** How a fast-read stamp maps to UTC, as `parseStamp` would report it. */
export const STAMP_WALL = 0;
export const STAMP_UTC = 1;
export const STAMP_EPOCH = 2;

export interface ByteStamp {
  kind: number;
}

function two(b: Uint8Array, i: number): number {
  const hi = b[i]! - 48;
  const lo = b[i + 1]! - 48;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : Number.NaN;
}

function four(b: Uint8Array, i: number): number {
  return two(b, i) * 100 + two(b, i + 2);
}

const isSeparator = (c: number | undefined) => c === 46 || c === 45 || c === 47; // . - /

/** 'HH:MM' or 'HH:MM:SS' at [i, end) → seconds, else NaN. */
function colonTime(b: Uint8Array, i: number, end: number): number {
  const n = end - i;
  if ((n !== 5 && n !== 8) || b[i + 2] !== 58) return Number.NaN;
  const h = two(b, i);
  const m = two(b, i + 3);
  let s = 0;
  if (n === 8) {
    if (b[i + 5] !== 58) return Number.NaN;
    s = two(b, i + 6);
  }
  // Hour 24 and leap seconds are legal for parseStamp: leave them to it.
  return h <= 23 && m <= 59 && s <= 59 ? h * 3600 + m * 60 + s : Number.NaN;
}

/** 'HHMMSS' at [i, i + 6) → seconds, else NaN. */
function compactTime(b: Uint8Array, i: number): number {
  const h = two(b, i);
  const m = two(b, i + 2);
  const s = two(b, i + 4);
  return h <= 23 && m <= 59 && s <= 59 ? h * 3600 + m * 60 + s : Number.NaN;
}

function dayStart(y: number, m: number, d: number): number {
  return validDate(y, m, d) ? daysFromCivil(y, m, d) * 86400 : Number.NaN;
}

/**
 * The stamps of the big files, read straight from bytes: `2019.01.02` + `00:00` (MetaTrader),
 * `2024-01-02T03:04:05Z` / `2024-01-02 03:04:05` (ISO), `20120201 000000` (HistData,
 * NinjaTrader), unix seconds and milliseconds. Returns wall-clock seconds with `out.kind`
 * saying whether a zone still applies, or NaN for any other shape (then `parseStamp` decides):
 * a shape is only taken here where `parseStamp` gives the same answer.
 */
export function readByteStamp(
  b: Uint8Array,
  start: number,
  end: number,
  timeStart: number,
  timeEnd: number,
  out: ByteStamp,
): number {
  const n = end - start;
  const separateTime = timeStart >= 0;
  if (n >= 10 && isSeparator(b[start + 4]) && isSeparator(b[start + 7])) {
    const day = dayStart(four(b, start), two(b, start + 5), two(b, start + 8));
    if (separateTime) {
      if (n !== 10) return Number.NaN;
      out.kind = STAMP_WALL;
      return day + colonTime(b, timeStart, timeEnd);
    }
    const t = b[start + 10];
    if (n === 10 || (t !== 84 && t !== 32)) return Number.NaN; // a date alone, or not 'T' / ' '
    let timeEndAt = end;
    out.kind = STAMP_WALL;
    if (b[end - 1] === 90) {
      // 'Z'
      timeEndAt--;
      out.kind = STAMP_UTC;
    }
    return day + colonTime(b, start + 11, timeEndAt);
  }
  if (separateTime) {
    if (n !== 8 || timeEnd - timeStart !== 6) return Number.NaN;
    out.kind = STAMP_WALL;
    return dayStart(four(b, start), two(b, start + 4), two(b, start + 6)) + compactTime(b, timeStart);
  }
  if (n === 15 && b[start + 8] === 32) {
    out.kind = STAMP_WALL;
    return dayStart(four(b, start), two(b, start + 4), two(b, start + 6)) + compactTime(b, start + 9);
  }
  // Unix seconds (9 to 11 digits) or milliseconds (13), as parseStamp tells them apart.
  if ((n >= 9 && n <= 11) || n === 13) {
    let v = 0;
    for (let i = start; i < end; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) return Number.NaN;
      v = v * 10 + d;
    }
    out.kind = STAMP_EPOCH;
    return n === 13 ? v / 1000 : v;
  }
  return Number.NaN;
}

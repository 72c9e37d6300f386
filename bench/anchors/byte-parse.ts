import { readFileSync } from 'node:fs';

/** Columns of M1 bars, bid prices, open time in UTC seconds. */
export interface Bars {
  n: number;
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const COMMA = 44;
const NL = 10;
const CR = 13;
const DOT = 46;
const ZERO = 48;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The anchor for the import's parse thread: one tight loop over the file's bytes for MT4 History
 * Center rows (`YYYY.MM.DD,HH:MM,O,H,L,C,V`), no header, no validation beyond the shape. Numbers
 * are `digits / 10^decimals`, which for up to 15 significant digits is the correctly rounded
 * double, the same value `Number()` gives.
 */
export function parseMt4Bytes(buf: Buffer): Bars {
  // Upper bound on rows: every row is at least 30 bytes; grown on demand anyway.
  let cap = Math.max(16, Math.ceil(buf.length / 40));
  let ts = new Float64Array(cap);
  let open = new Float64Array(cap);
  let high = new Float64Array(cap);
  let low = new Float64Array(cap);
  let close = new Float64Array(cap);
  let volume = new Float64Array(cap);
  const len = buf.length;
  let n = 0;
  let i = 0;
  let lastDateKey = -1;
  let lastDays = 0;
  const fields = new Float64Array(5);
  while (i < len) {
    // Date: YYYY.MM.DD
    const y =
      (buf[i]! - ZERO) * 1000 + (buf[i + 1]! - ZERO) * 100 + (buf[i + 2]! - ZERO) * 10 + buf[i + 3]! - ZERO;
    const mo = (buf[i + 5]! - ZERO) * 10 + buf[i + 6]! - ZERO;
    const d = (buf[i + 8]! - ZERO) * 10 + buf[i + 9]! - ZERO;
    const key = y * 10_000 + mo * 100 + d;
    if (key !== lastDateKey) {
      lastDateKey = key;
      lastDays = daysFromCivil(y, mo, d);
    }
    // Time: HH:MM after the comma at i + 10.
    const hh = (buf[i + 11]! - ZERO) * 10 + buf[i + 12]! - ZERO;
    const mi = (buf[i + 14]! - ZERO) * 10 + buf[i + 15]! - ZERO;
    i += 17; // past "YYYY.MM.DD,HH:MM,"
    for (let f = 0; f < 5; f++) {
      let mant = 0;
      let dec = -1;
      let c = buf[i]!;
      while (c !== COMMA && c !== NL && c !== CR && i < len) {
        if (c === DOT) dec = 0;
        else {
          mant = mant * 10 + (c - ZERO);
          if (dec >= 0) dec++;
        }
        c = buf[++i]!;
      }
      fields[f] = dec > 0 ? mant / POW10[dec]! : mant;
      i++; // the separator
    }
    if (buf[i - 1] === CR && buf[i] === NL) i++;
    if (n === cap) {
      cap *= 2;
      const grow = (a: Float64Array) => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      };
      ts = grow(ts);
      open = grow(open);
      high = grow(high);
      low = grow(low);
      close = grow(close);
      volume = grow(volume);
    }
    ts[n] = lastDays * 86_400 + hh * 3600 + mi * 60;
    open[n] = fields[0]!;
    high[n] = fields[1]!;
    low[n] = fields[2]!;
    close[n] = fields[3]!;
    volume[n] = fields[4]!;
    n++;
  }
  return {
    n,
    ts: ts.subarray(0, n),
    open: open.subarray(0, n),
    high: high.subarray(0, n),
    low: low.subarray(0, n),
    close: close.subarray(0, n),
    volume: volume.subarray(0, n),
  };
}

/** Reads and parses the whole file: what the bench times as the byte-level anchor. */
export function parseMt4File(path: string): Bars {
  return parseMt4Bytes(readFileSync(path));
}

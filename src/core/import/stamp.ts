import { parseOffset } from './time-zone';

/**
 * Reads the date-time stamps candle files use, by character inspection (regexes cost too much
 * at a million rows): '2019.01.02 00:00', '20170102 020000', '20200101 170000065',
 * '01.11.2006 00:00:00.000 GMT-0800', '2024-12-01T03:00:00+03:00', '1640995200000',
 * 'Jul 20, 2022', '1/2/2020 5:00 PM', '2020-03-13 08-PM'. Returns wall-clock seconds (the local date-time read as
 * UTC), or NaN; `out` says whether a time of day and an explicit offset were present.
 */
export interface StampInfo {
  hasTime: boolean;
  /** Offset written in the stamp, minutes east of UTC; null when there is none. */
  offset: number | null;
  /** True when the stamp was an absolute epoch number (no zone applies). */
  epoch: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

function runOfDigits(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j - i;
}

export function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar, no Date allocation.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Index histories reach back to the 1700s: any year from 1600 is a date. */
export function validDate(y: number, m: number, d: number): boolean {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1600 && y <= 2200)) return false;
  if (m === 2 && d === 29) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]!;
}

// Rows come in runs of the same day: remember the last date text and its day.
let lastDate = '';
let lastDay = 0;
let lastDayFirst = false;

/** Parses `s`; `dayFirst` decides 01/02/2020 (true: 1 February). */
export function parseStamp(s: string, dayFirst: boolean, out: StampInfo): number {
  out.hasTime = false;
  out.offset = null;
  out.epoch = false;
  let str = s;
  if (str.length === 0) return Number.NaN;
  const c0 = str.charCodeAt(0);
  if (c0 === 32 || str.charCodeAt(str.length - 1) === 32) str = str.trim();
  const cached = lastDate.length;
  if (
    cached > 0 &&
    lastDayFirst === dayFirst &&
    str.startsWith(lastDate) &&
    (str.length === cached || str.charCodeAt(cached) < 48 || str.charCodeAt(cached) > 57)
  ) {
    const t = parseTimeOfDay(str, cached, out);
    return Number.isNaN(t) ? t : lastDay + t;
  }
  const lead = runOfDigits(str, 0);
  let y: number;
  let m: number;
  let d: number;
  let i: number;
  if (lead === str.length || (lead >= 9 && str.charCodeAt(lead) === 46)) {
    return parseEpochOrCompact(str, lead, out);
  }
  if (lead === 4) {
    y = digitsAt(str, 0, 4);
    const ml = runOfDigits(str, 5);
    m = digitsAt(str, 5, ml);
    const dl = runOfDigits(str, 6 + ml);
    d = digitsAt(str, 6 + ml, dl);
    i = 6 + ml + dl;
    if (ml < 1 || ml > 2 || dl < 1 || dl > 2) return Number.NaN;
  } else if (lead === 8) {
    y = digitsAt(str, 0, 4);
    m = digitsAt(str, 4, 2);
    d = digitsAt(str, 6, 2);
    i = 8;
  } else if (lead === 1 || lead === 2) {
    const a = digitsAt(str, 0, lead);
    const sep = str.charCodeAt(lead);
    if (sep === 32) return parseNamed(str, out);
    const bl = runOfDigits(str, lead + 1);
    const b = digitsAt(str, lead + 1, bl);
    if (bl === 0) return parseNamed(str, out);
    const yl = runOfDigits(str, lead + 2 + bl);
    y = digitsAt(str, lead + 2 + bl, yl);
    if (yl === 2) y += y < 70 ? 2000 : 1900;
    else if (yl !== 4) return Number.NaN;
    i = lead + 2 + bl + yl;
    // Dotted dates (01.11.2006) are European everywhere; slashes follow `dayFirst`.
    if (dayFirst || sep === 46) {
      d = a;
      m = b;
    } else {
      m = a;
      d = b;
    }
  } else if (lead === 0) {
    return parseNamed(str, out);
  } else {
    return Number.NaN;
  }
  if (!validDate(y, m, d)) return Number.NaN;
  const day = daysFromCivil(y, m, d) * 86400;
  lastDate = str.slice(0, i);
  lastDay = day;
  lastDayFirst = dayFirst;
  const t = parseTimeOfDay(str, i, out);
  return Number.isNaN(t) ? t : day + t;
}

function parseEpochOrCompact(s: string, lead: number, out: StampInfo): number {
  if (lead === 8) {
    const y = digitsAt(s, 0, 4);
    const m = digitsAt(s, 4, 2);
    const d = digitsAt(s, 6, 2);
    return validDate(y, m, d) ? daysFromCivil(y, m, d) * 86400 : Number.NaN;
  }
  if (lead === 12 || lead === 14) {
    const y = digitsAt(s, 0, 4);
    const m = digitsAt(s, 4, 2);
    const d = digitsAt(s, 6, 2);
    if (validDate(y, m, d)) {
      out.hasTime = true;
      const sec = lead === 14 ? digitsAt(s, 12, 2) : 0;
      return daysFromCivil(y, m, d) * 86400 + digitsAt(s, 8, 2) * 3600 + digitsAt(s, 10, 2) * 60 + sec;
    }
  }
  const n = Number(s);
  if (!Number.isFinite(n)) return Number.NaN;
  out.epoch = true;
  out.hasTime = true;
  out.offset = 0;
  // Seconds, milliseconds or microseconds since 1970, told apart by magnitude.
  if (lead <= 11) return n;
  if (lead <= 14) return n / 1000;
  return n / 1_000_000;
}

/** 'HH:MM[:SS[.fff]]', 'HHMM[SS[fff]]', then 'AM'/'PM' and an offset ('Z', '+03:00', 'GMT-0800'). */
function parseTimeOfDay(s: string, start: number, out: StampInfo): number {
  let i = start;
  while (i < s.length && (s[i] === ' ' || s[i] === 'T' || s[i] === ',')) i++;
  if (i >= s.length) return 0;
  let seconds = 0;
  const run = runOfDigits(s, i);
  if (run === 0) return parseZone(s, i, out) ? 0 : Number.NaN;
  out.hasTime = true;
  if (s.charCodeAt(i + run) === 58 /* : */ || run <= 2) {
    const h = digitsAt(s, i, run);
    i += run;
    let mi = 0;
    let se = 0;
    if (s[i] === ':') {
      const ml = runOfDigits(s, i + 1);
      mi = digitsAt(s, i + 1, ml);
      i += 1 + ml;
      if (s[i] === ':') {
        const sl = runOfDigits(s, i + 1);
        se = digitsAt(s, i + 1, sl);
        i += 1 + sl;
      }
    }
    seconds = h * 3600 + mi * 60 + se;
    if (h > 24 || mi > 59 || se > 60) return Number.NaN;
  } else {
    if (run !== 4 && run !== 6 && run !== 9) return Number.NaN;
    const h = digitsAt(s, i, 2);
    const mi = digitsAt(s, i + 2, 2);
    const se = run >= 6 ? digitsAt(s, i + 4, 2) : 0;
    if (h > 23 || mi > 59 || se > 60) return Number.NaN;
    seconds = h * 3600 + mi * 60 + se + (run === 9 ? digitsAt(s, i + 6, 3) / 1000 : 0);
    i += run;
  }
  if (s[i] === '.' || (s[i] === ',' && runOfDigits(s, i + 1) > 0)) {
    const fl = runOfDigits(s, i + 1);
    if (fl > 0) seconds += digitsAt(s, i + 1, Math.min(fl, 6)) / 10 ** Math.min(fl, 6);
    i += 1 + fl;
  }
  while (s[i] === ' ') i++;
  // CryptoDataDownload's hourly files: '2020-03-13 08-PM'.
  if (s[i] === '-' && ((s.charCodeAt(i + 1) | 32) === 97 || (s.charCodeAt(i + 1) | 32) === 112)) i++;
  // NinjaTrader ticks: 'yyyyMMdd HHmmss fffffff', the fraction after a space.
  const fraction = runOfDigits(s, i);
  if (fraction >= 3 && fraction <= 7 && i + fraction === s.length) {
    return seconds + digitsAt(s, i, Math.min(fraction, 6)) / 10 ** Math.min(fraction, 6);
  }
  const letter = s.charCodeAt(i) | 32;
  const ampm =
    (letter === 97 || letter === 112) && (s.charCodeAt(i + 1) | 32) === 109
      ? letter === 97
        ? 'AM'
        : 'PM'
      : '';
  if (ampm !== '') {
    const h = Math.floor(seconds / 3600);
    if (h > 12) return Number.NaN;
    if (ampm === 'AM' && h === 12) seconds -= 43200;
    if (ampm === 'PM' && h !== 12) seconds += 43200;
    i += 2;
  }
  if (i >= s.length) return seconds;
  return parseZone(s, i, out) ? seconds : Number.NaN;
}

function parseZone(s: string, start: number, out: StampInfo): boolean {
  const rest = s.slice(start).trim();
  if (rest === '') return true;
  if (rest === 'Z' || rest === 'UTC' || rest === 'GMT') {
    out.offset = 0;
    return true;
  }
  const minutes = parseOffset(rest);
  if (minutes === undefined) return false;
  out.offset = minutes;
  return true;
}

/** 'Jul 20, 2022', 'July 20 2022 10:00', '20 Jul 2022', '20-Jul-2022': slow path, daily files only. */
function parseNamed(s: string, out: StampInfo): number {
  let m = /^([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{1,2}),? (\d{4})(.*)$/.exec(s);
  let y: number;
  let mo: number | undefined;
  let d: number;
  let rest: string;
  if (m) {
    mo = MONTHS[m[1]!.toLowerCase()];
    d = Number(m[2]);
    y = Number(m[3]);
    rest = m[4]!;
  } else {
    m = /^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4}|\d{2})(?!\d)(.*)$/.exec(s);
    if (!m) return Number.NaN;
    d = Number(m[1]);
    mo = MONTHS[m[2]!.toLowerCase()];
    y = Number(m[3]);
    if (y < 100) y += y < 70 ? 2000 : 1900;
    rest = m[4]!;
  }
  if (mo === undefined || !validDate(y, mo, d)) return Number.NaN;
  const t = parseTimeOfDay(rest, 0, out);
  return Number.isNaN(t) ? t : daysFromCivil(y, mo, d) * 86400 + t;
}

import { type ColumnMap, FORMAT_ZONES, type FormatId, type ImportLayout } from './format';
import { parseStamp, type StampInfo } from './stamp';
import { resolveZone } from './time-zone';

/** Overrides a trader may set in the preview (or on the CLI); everything else is detected. */
export interface LayoutOverrides {
  format?: FormatId;
  delimiter?: string;
  columns?: Partial<ColumnMap>;
  dayFirst?: boolean;
  decimalComma?: boolean;
  headerLines?: number;
}

export class DetectError extends Error {}

/**
 * A picture, an archive or a spreadsheet picked by mistake: NUL bytes, or more than 1 in 50
 * characters that no text export writes (control characters, bytes that are not UTF-8). Telling
 * the trader so beats "cannot find the column delimiter".
 */
export function looksBinary(sample: string): boolean {
  if (sample.length === 0) return false;
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) odd++;
  }
  return odd * 50 > sample.length;
}

/** Quote-aware split of one sample line (the bulk parser is papaparse; this only reads a sample). */
export function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter).map((f) => f.trim());
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

/** Sample lines without BOM, line ends or blank lines. */
export function sampleLines(sample: string, max = 60): string[] {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const lines = text.split(/\r\n|\n|\r/);
  // The last line of a sample may be cut in the middle; keep it only if it is the whole text.
  if (lines.length > 1) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}

function chooseDelimiter(lines: string[]): string {
  // ';' and tab first: a decimal-comma file also has commas, a comma file never has ';' columns.
  // The most common field count must hold on most lines (a few broken lines are the validator's job).
  for (const delimiter of ['\t', ';', '|', ',']) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      const n = splitLine(l, delimiter).length;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let mode = 0;
    let freq = 0;
    for (const [n, f] of counts) if (f > freq || (f === freq && n > mode)) [mode, freq] = [n, f];
    if (mode >= 3 && freq >= Math.max(1, Math.ceil(lines.length * 0.6))) return delimiter;
  }
  throw new DetectError('cannot find the column delimiter (tried comma, semicolon, tab and |)');
}

const NAME_SYNONYMS: [keyof ColumnMap, string[]][] = [
  [
    'date',
    [
      'date',
      'day',
      'data',
      'gmttime',
      'localtime',
      'datetime',
      'timestamp',
      'opentime',
      'dtyyyymmdd',
      'datum',
      'fecha',
      'dateutc',
      'timeutc',
      'date/time',
      'datetimeutc',
      'time(utc)',
      'utctime',
    ],
  ],
  ['time', ['time', 'hour', 'czas', 'hora', 'zeit', 'timeofday']],
  ['open', ['open', 'o', 'otwarcie', 'openprice', 'first', 'opening', 'eröffnung', 'apertura', 'bidopen']],
  ['high', ['high', 'h', 'najwyzszy', 'max', 'highprice', 'hoch', 'maximo', 'bidhigh']],
  ['low', ['low', 'l', 'najnizszy', 'min', 'lowprice', 'tief', 'minimo', 'bidlow']],
  [
    'close',
    [
      'close',
      'c',
      'zamkniecie',
      'price',
      'last',
      'close/last',
      'closeprice',
      'schluss',
      'cierre',
      'ultimo',
      'bidclose',
    ],
  ],
  [
    'volume',
    [
      'tickvol',
      'tickvolume',
      'volume',
      'vol',
      'v',
      'wolumen',
      'volumen',
      'vol.',
      'realvolume',
      'basevolume',
      // CryptoCompare: volumefrom is the base asset's, volumeto the quote's.
      'volumefrom',
    ],
  ],
  ['bid', ['bid', 'bidprice', 'bid_price']],
  ['ask', ['ask', 'askprice', 'offer']],
];

function normalizeName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .replace(/[<>"'\s_]/g, '')
    .toLowerCase();
}

/** Currencies a pair is quoted in: a volume named after one of them is the quote volume. */
const QUOTE_CURRENCIES = new Set(['usd', 'usdt', 'usdc', 'busd', 'eur', 'gbp', 'jpy', 'to', 'quote']);

function mapHeader(header: string[], firstRow: string[]): ColumnMap | undefined {
  const names = header.map(normalizeName);
  const map: Partial<ColumnMap> = {};
  for (const [key, synonyms] of NAME_SYNONYMS) {
    for (const synonym of synonyms) {
      const index = names.indexOf(synonym);
      if (index >= 0 && !Object.values(map).includes(index)) {
        map[key] = index;
        break;
      }
    }
  }
  // 'Volume BTC' beside 'Volume USDT' (CryptoDataDownload): the base asset's, not the quote currency's.
  if (map.volume === undefined) {
    const index = names.findIndex((n) => {
      const m = /^vol(?:ume)?\.?([a-z]{2,6})$/.exec(n);
      return m !== null && !QUOTE_CURRENCIES.has(m[1]!) && !Object.values(map).includes(names.indexOf(n));
    });
    if (index >= 0) map.volume = index;
  }
  // 'time' alone (TradingView) is the stamp, not a time of day.
  if (map.date === undefined && map.time !== undefined) {
    map.date = map.time;
    delete map.time;
  }
  if (map.date === undefined) {
    const index = firstRow.findIndex((f) => !Number.isNaN(parseStamp(f, false, info())));
    if (index >= 0 && !Object.values(map).includes(index)) map.date = index;
  }
  if (map.time !== undefined && !isNamedTimeOfDay(firstRow[map.time] ?? '')) {
    delete map.time;
  }
  if (map.date === undefined) return undefined;
  // A Unix time beside a text date: named so, and written as a number where the date is not.
  if (!/^\d+$/.test(firstRow[map.date] ?? '')) {
    const used = Object.values(map);
    const index = names.findIndex(
      (n, i) =>
        !used.includes(i) && EPOCH_NAMES.has(n) && /^\d{9,16}(\.\d+)?$/.test(firstRow[i]?.trim() ?? ''),
    );
    if (index >= 0) map.epoch = index;
  }
  return map as ColumnMap;
}

const EPOCH_NAMES = new Set(['unix', 'unixtime', 'unixtimestamp', 'epoch', 'timestamp', 'time', 'ts']);

/**
 * 'Date,Open,…' over rows '2006-01-02,09:01:00,…' (backtrader's minute files): the data has one
 * field more than the header, a time of day right after the date. Every named column after the
 * date moves one to the right.
 */
function withUnnamedTime(map: ColumnMap, header: string[], row: string[]): ColumnMap {
  const date = map.date;
  if (map.time !== undefined || row.length !== header.length + 1 || !isTimeOfDay(row[date + 1] ?? '')) {
    return map;
  }
  const shifted: ColumnMap = { date, time: date + 1 };
  for (const [key, index] of Object.entries(map) as [keyof ColumnMap, number][]) {
    if (key !== 'date') shifted[key] = index > date ? index + 1 : index;
  }
  return shifted;
}

const info = (): StampInfo => ({ hasTime: false, offset: null, epoch: false });
const isNumber = (f: string) => f !== '' && Number.isFinite(Number(f.replace(',', '.')));
const TWELVE_HOUR = /^\d{1,2}(:\d{2}(:\d{2})?)?[\s-]?[AaPp][Mm]$/;
/** '17:00', '17:00:00', '170000', and 12-hour clocks: '7:00 PM', '07-AM', '12:00 AM'. */
const isTimeOfDay = (f: string) =>
  /^\d{1,2}:\d{2}(:\d{2})?$/.test(f) || /^\d{6}$/.test(f) || TWELVE_HOUR.test(f);
/** Under a header that names it a time: '1700' and fractions of seconds too. */
const isNamedTimeOfDay = (f: string) => /^\d{1,2}:?\d{2}(:?\d{2})?([.,]\d+)?$/.test(f) || TWELVE_HOUR.test(f);

function mapPositional(row: string[]): ColumnMap | undefined {
  const date = row.findIndex((f) =>
    !isNumber(f) || /^\d{8}$/.test(f) || /^\d{10,}$/.test(f)
      ? !Number.isNaN(parseStamp(f, false, info()))
      : false,
  );
  if (date < 0) return undefined;
  let next = date + 1;
  const map: ColumnMap = { date };
  if (
    /^\d{8}$/.test(row[date]!) ||
    /^\d{4}[./-]\d{2}[./-]\d{2}$/.test(row[date]!) ||
    /^\d{2}[./-]\d{2}[./-]\d{4}$/.test(row[date]!)
  ) {
    if (isTimeOfDay(row[next] ?? '')) map.time = next++;
  }
  const numeric = row.slice(next).filter(isNumber).length;
  if (numeric >= 4) {
    Object.assign(map, { open: next, high: next + 1, low: next + 2, close: next + 3 });
    if (next + 4 < row.length && isNumber(row[next + 4]!)) map.volume = next + 4;
  } else if (numeric >= 2) {
    Object.assign(map, { bid: next, ask: next + 1 });
    if (next + 2 < row.length && isNumber(row[next + 2]!)) map.volume = next + 2;
  } else return undefined;
  return map;
}

function guessFormat(names: string[] | null, row: string[], delimiter: string, map: ColumnMap): FormatId {
  const ticks = map.bid !== undefined && map.open === undefined;
  if (names) {
    const n = names.map(normalizeName);
    // Finam and Stooq's intraday files: <TICKER>,<PER>,<DATE>,<TIME>,…; Stooq adds <OPENINT> and
    // writes a number of minutes as the period (D, W, M on its daily files, which are dates).
    if (n.includes('ticker') && n.includes('per')) {
      if (!n.includes('openint')) return 'finam';
      return /^\d+$/.test(row[n.indexOf('per')] ?? '') ? 'stooq-intraday' : 'stooq';
    }
    if (n.includes('dtyyyymmdd') || n.includes('ticker')) return 'forextester';
    if (n.includes('tickvol') || (n[0] === 'date' && names[0]!.startsWith('<'))) return 'mt5';
    if (n[0] === 'gmttime' || n[0] === 'localtime') return ticks ? 'dukascopy-tick' : 'dukascopy';
    if (n.includes('adjclose')) return 'yahoo';
    if (n.includes('otwarcie') || n.includes('zamkniecie')) return 'stooq';
    if (n.includes('price') && n.some((x) => x.startsWith('change'))) return 'investing';
    if (n.includes('opentime') && (n.includes('closetime') || n.length >= 11)) return 'binance';
    if (names[0] === 'time' && names[1] === 'open') return 'tradingview';
    return 'generic';
  }
  const stamp = row[map.date] ?? '';
  if (ticks && /^\d{8} \d{9}$/.test(stamp)) return 'histdata-tick';
  if (row.length === 12 && /^\d{13,16}$/.test(stamp)) return 'binance';
  if (delimiter === ';' && /^\d{8} \d{6}$/.test(stamp)) return 'histdata';
  // MetaTrader 4: a date, a time of day, then prices. yyyy.mm.dd in most terminals; some
  // locales and export scripts write the date the other way round or split with ';'.
  if (
    (delimiter === ',' || delimiter === ';') &&
    map.time !== undefined &&
    (row[map.time] ?? '').includes(':') &&
    /^(\d{4}[./-]\d{2}[./-]\d{2}|\d{2}[./-]\d{2}[./-]\d{4})$/.test(stamp)
  ) {
    return 'mt4';
  }
  return 'generic';
}

const SLASH_DATE = /^(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})/;

/**
 * The order of 01/02/2020 from the data itself: a part above 12 is the day; else, between rows
 * of different dates, the part that moves alone is the day (bars change day far more often
 * than month). Undefined when the rows cannot tell (one ambiguous date, or no such dates).
 */
export function dayOrderOf(rows: string[][], dateIndex: number): boolean | undefined {
  let first = 0;
  let second = 0;
  let previous: RegExpExecArray | null = null;
  for (const row of rows) {
    const m = SLASH_DATE.exec(row[dateIndex] ?? '');
    if (!m) continue;
    if (Number(m[1]) > 12) return true;
    if (Number(m[3]) > 12) return false;
    if (previous && previous[4] === m[4]) {
      if (previous[1] !== m[1] && previous[3] === m[3]) first++;
      if (previous[3] !== m[3] && previous[1] === m[1]) second++;
    }
    previous = m;
  }
  return first === second ? undefined : first > second;
}

/** Whether the stamps are d/m/y-like at all (only then does the day order matter). */
export const hasSlashDates = (rows: string[][], dateIndex: number): boolean =>
  rows.some((r) => SLASH_DATE.test(r[dateIndex] ?? ''));

/** With no evidence: dotted dates and European files (';', decimal comma) are day first. */
function defaultDayFirst(rows: string[][], dateIndex: number, delimiter: string, decimalComma: boolean) {
  const m = rows.map((r) => SLASH_DATE.exec(r[dateIndex] ?? '')).find((x) => x !== null);
  return m ? m[2] !== '/' || delimiter === ';' || decimalComma : true;
}

const HEADER_ZONES: Record<string, string> = {
  UTC: 'UTC',
  GMT: 'UTC',
  EET: 'Europe/Athens',
  CET: 'Europe/Berlin',
  EST: 'UTC-05:00',
  ET: 'America/New_York',
  NY: 'America/New_York',
};

/** 'Time (EET)', 'Date(UTC)': the zone a header names for its stamp column. */
function zoneFromHeader(header: string[] | null, dateIndex: number): string | undefined {
  const name = header?.[dateIndex]?.trim() ?? '';
  // Dukascopy's newer export names the stamp column after the zone itself: 'Etc/UTC'.
  if (/^[A-Za-z]+\/[A-Za-z_+-]+(\/[A-Za-z_]+)?$/.test(name) && resolveZone(name)) return name;
  const m = /\(([A-Za-z]{2,4})\)/.exec(name);
  return m ? HEADER_ZONES[m[1]!.toUpperCase()] : undefined;
}

/** Formats whose vendor states the zone of its stamps (HistData: EST; Dukascopy: GMT; Binance: UTC). */
const ZONE_DOCUMENTED = new Set([
  'histdata',
  'histdata-tick',
  'dukascopy',
  'dukascopy-tick',
  'binance',
  'finam',
  'stooq-intraday',
]);

/**
 * Lines above the header that are not part of the table (a vendor's URL, a title): fewer
 * fields than the table's lines. Counted up to the first line with the table's field count.
 */
function junkLines(rows: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 0;
  let freq = 0;
  for (const [n, f] of counts) if (f > freq || (f === freq && n > width)) [width, freq] = [n, f];
  const first = rows.findIndex((r) => r.length >= Math.min(width, 3));
  return Math.max(0, Math.min(first, 5));
}

/** Some tools quote each whole line of a tab file: '"2022-01-04 18:00:00\t1.12834\t…"'. */
const isQuotedLine = (l: string) => l.length > 1 && l[0] === '"' && l.indexOf('"', 1) === l.length - 1;

/** Detects the layout of a file from its first bytes (and its name, for tick hints). */
export function detectLayout(sample: string, overrides: LayoutOverrides = {}): ImportLayout {
  const quotedLines = sampleLines(sample);
  if (quotedLines.length === 0) throw new DetectError('the file is empty');
  const lineQuoted = quotedLines.every(isQuotedLine);
  const lines = lineQuoted ? quotedLines.map((l) => l.slice(1, -1)) : quotedLines;
  const delimiter = overrides.delimiter ?? chooseDelimiter(lines);
  const allRows = lines.map((l) => splitLine(l, delimiter));
  const junk = overrides.headerLines === undefined ? junkLines(allRows) : 0;
  const rows = allRows.slice(junk);
  if (rows.length === 0) throw new DetectError('the file is empty');
  const first = rows[0]!;
  const firstIsData =
    first.some(isNumber) &&
    !Number.isNaN(parseStamp(first[mapPositional(first)?.date ?? 0] ?? '', false, info()));
  const tableHeader = firstIsData ? 0 : 1;
  // Junk lines count as lines of the file, blank ones between them too.
  const headerLines =
    overrides.headerLines ?? (junk > 0 ? physicalLineOf(sample, quotedLines[junk]!) : 0) + tableHeader;
  const hasHeader = overrides.headerLines !== undefined ? overrides.headerLines > 0 : tableHeader > 0;
  const header = hasHeader ? first : null;
  if (header && rows.length === 1) throw new DetectError('the file has a header line but no data rows');
  const dataRow = rows[hasHeader ? 1 : 0] ?? first;
  let columns = header ? mapHeader(header, dataRow) : mapPositional(dataRow);
  if (columns && header) columns = withUnnamedTime(columns, header, dataRow);
  if (columns && header && columns.open === undefined && columns.bid === undefined) columns = undefined;
  if (!columns && !overrides.columns) {
    throw new DetectError(
      header
        ? `cannot map the columns ${JSON.stringify(header)} to date/time, open, high, low, close (or bid, ask)`
        : 'cannot find a date column followed by prices in the first line',
    );
  }
  const merged = { ...columns, ...overrides.columns } as ColumnMap;
  const format = overrides.format ?? guessFormat(header, dataRow, delimiter, merged);
  // MT5 writes each bar's spread in points; other files' spread columns say no unit and stay unread.
  if (format === 'mt5' && header && merged.spread === undefined) {
    const index = header.map(normalizeName).indexOf('spread');
    if (index >= 0 && !Object.values(merged).includes(index)) merged.spread = index;
  }
  const dataRows = rows.slice(header ? 1 : 0);
  const priceIndex = merged.close ?? merged.bid ?? 1;
  const decimalComma =
    overrides.decimalComma ??
    (delimiter !== ',' && dataRows.some((r) => /^-?\d+,\d+$/.test(r[priceIndex] ?? '')));
  const stamps = dataRows.slice(0, 5).map((r) => r[merged.date] ?? '');
  const used = new Set(Object.values(merged));
  const ignoredColumns = header ? header.filter((name, i) => !used.has(i) && name.trim() !== '') : [];
  const headerZone = zoneFromHeader(header, merged.date);
  const dayOrder = overrides.dayFirst ?? dayOrderOf(dataRows, merged.date);
  return {
    format,
    kind: merged.bid !== undefined && merged.open === undefined ? 'ticks' : 'bars',
    delimiter,
    lineQuoted,
    headerLines,
    header,
    columns: merged,
    decimalComma,
    dayFirst: dayOrder ?? defaultDayFirst(dataRows, merged.date, delimiter, decimalComma),
    dayOrderGuessed: dayOrder === undefined && hasSlashDates(dataRows, merged.date),
    defaultZone: headerZone ?? FORMAT_ZONES[format],
    ignoredColumns,
    zoneAssumed: headerZone === undefined && !ZONE_DOCUMENTED.has(format),
    newestFirst: stamps.length > 1 && stamps[0]! > stamps[stamps.length - 1]! && format === 'investing',
    barEndLabels: format === 'stooq-intraday',
    labelShiftSeconds: 0,
  };
}

/** 0-based index of the first physical line of `sample` equal to `line` (BOM aside). */
function physicalLineOf(sample: string, line: string): number {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const index = text.split(/\r\n|\n|\r/).indexOf(line);
  return Math.max(0, index);
}

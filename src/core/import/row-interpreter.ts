import { parsePlainDecimal } from './byte-numbers';
import { type ByteStamp, readByteStamp, STAMP_EPOCH, STAMP_UTC } from './byte-stamp';
import type { FieldSpans } from './field-splitter';
import type { ImportLayout } from './format';
import { parseStamp, type StampInfo } from './stamp';
import { offsetName, type SourceZone } from './time-zone';

/** Candles ready to store, columnar so a million of them stay small and cross threads cheaply. */
export interface CandleBatch {
  count: number;
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** The bar's own spread in points (MT5's `<SPREAD>`), NaN where the row had none; only when the layout reads one. */
  spread?: Float64Array;
  /** 1-based line of each candle in the file (for ticks: the first tick of the minute). */
  line: Int32Array;
}

export interface RowIssue {
  line: number;
  reason: string;
}

export interface InterpreterSink {
  batch(batch: CandleBatch): void;
  /** Returns false to stop (strict mode has seen enough). */
  issue(issue: RowIssue): boolean;
}

export const BATCH_SIZE = 8192;

const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };

/** What Yahoo and others write for a day without prices: the row is a placeholder, not a bar. */
const isNoPrice = (field: string | undefined) => {
  const t = field?.trim().toLowerCase() ?? '';
  return t === '' || t === 'null' || t === 'nan' || t === '-' || t === 'n/a';
};

/** Seconds, milliseconds or microseconds since 1970, told apart by their digits as `parseStamp` does. */
function epochSeconds(text: string): number {
  const digits = text.indexOf('.') < 0 ? text.length : text.indexOf('.');
  const n = Number(text);
  return digits <= 11 ? n : digits <= 14 ? n / 1000 : n / 1_000_000;
}

/** '2020-03-13 20:00 UTC', for messages. */
const utcText = (ts: number) =>
  `${new Date(Math.floor(ts) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function newBatch(withSpread: boolean): CandleBatch {
  const batch: CandleBatch = {
    count: 0,
    ts: new Float64Array(BATCH_SIZE),
    open: new Float64Array(BATCH_SIZE),
    high: new Float64Array(BATCH_SIZE),
    low: new Float64Array(BATCH_SIZE),
    close: new Float64Array(BATCH_SIZE),
    volume: new Float64Array(BATCH_SIZE),
    line: new Int32Array(BATCH_SIZE),
  };
  if (withSpread) batch.spread = new Float64Array(BATCH_SIZE);
  return batch;
}

/** How the stamps of a file were turned into UTC, for the result and the preview. */
export interface ZoneUse {
  /** Offsets written in the stamps, minutes; more than one means the file changes offset. */
  embedded: Set<number>;
  zoneApplied: boolean;
  epoch: boolean;
  dateOnly: boolean;
}

export function describeZone(use: ZoneUse, zone: SourceZone): string {
  if (use.embedded.size === 1) return offsetName([...use.embedded][0]!);
  if (use.embedded.size > 1) return 'offset in file';
  if (use.epoch && !use.zoneApplied) return 'UTC';
  if (use.dateOnly && !use.zoneApplied) return 'UTC';
  return zone.name;
}

/**
 * Turns split rows into validated candles: reads stamps, applies the source zone, converts
 * numbers by hand (papaparse's dynamic typing is 2.5x slower), checks OHLC rules and, for
 * tick files, builds M1 bid candles.
 */
export class RowInterpreter {
  readonly zoneUse: ZoneUse = { embedded: new Set(), zoneApplied: false, epoch: false, dateOnly: false };
  rows = 0;
  invalid = 0;
  /** True while every candle came strictly after the previous one. */
  ascending = true;
  lastTs = Number.NEGATIVE_INFINITY;
  private batch: CandleBatch;
  private readonly info: StampInfo = { hasTime: false, offset: null, epoch: false };
  private readonly byteStamp: ByteStamp = { kind: 0 };
  private stopped = false;
  private readonly minColumns: number;
  // Tick aggregation state: the minute being built.
  private tickMinute = Number.NaN;
  private tickOpen = 0;
  private tickHigh = 0;
  private tickLow = 0;
  private tickClose = 0;
  private tickCount = 0;
  private tickLine = 0;
  private nextSpread = Number.NaN;

  constructor(
    private readonly layout: ImportLayout,
    private readonly zone: SourceZone,
    private readonly sink: InterpreterSink,
  ) {
    const c = layout.columns;
    this.batch = newBatch(c.spread !== undefined);
    this.minColumns =
      Math.max(
        c.date,
        c.time ?? 0,
        c.open ?? 0,
        c.high ?? 0,
        c.low ?? 0,
        c.close ?? 0,
        c.bid ?? 0,
        c.ask ?? 0,
        c.epoch ?? 0,
      ) + 1;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private report(line: number, reason: string): void {
    this.invalid++;
    if (!this.sink.issue({ line, reason })) this.stopped = true;
  }

  private num(field: string | undefined): number {
    if (field === undefined || field.length === 0) return Number.NaN;
    const text = this.layout.decimalComma ? field.replace(',', '.') : field;
    const n = +text;
    // +' ' is 0: a blank is missing, not zero.
    if (n === 0 && text.trim() === '') return Number.NaN;
    return Number.isNaN(n) ? this.slowNum(field) : n;
  }

  /**
   * Thousands separators ('4,123.45', '4.123,45', '4 123.45') and Investing.com's volume
   * suffixes ('73.28K', '1.25M', '2.1B'): rare, so off the hot path.
   */
  private slowNum(field: string): number {
    const suffix = /^\s*(-?[\d.,]+)\s*([KMB])\s*$/i.exec(field);
    if (suffix) return this.slowNum(suffix[1]!) * SCALE[suffix[2]!.toUpperCase()]!;
    // Currency symbols ('$257.26', Nasdaq's downloads) say nothing about the number.
    const t = field.trim().replace(/[\s'$€£¥]/g, '');
    const grouped = this.layout.decimalComma
      ? /^-?\d{1,3}(\.\d{3})+(,\d+)?$/
      : /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
    if (!grouped.test(t)) return +t;
    return this.layout.decimalComma ? +t.replace(/\./g, '').replace(',', '.') : +t.replace(/,/g, '');
  }

  private stamp(row: string[], line: number): number {
    const c = this.layout.columns;
    if (c.epoch !== undefined) return this.epochStamp(row, line, c.epoch);
    const raw = c.time === undefined ? row[c.date]! : `${row[c.date]} ${row[c.time]}`;
    const wall = parseStamp(raw, this.layout.dayFirst, this.info);
    if (Number.isNaN(wall)) {
      this.report(line, `date '${raw}' is not a date-time this importer can read`);
      return Number.NaN;
    }
    const info = this.info;
    if (info.epoch) {
      this.zoneUse.epoch = true;
      return wall;
    }
    if (info.offset !== null) {
      this.zoneUse.embedded.add(info.offset);
      return wall - info.offset * 60;
    }
    if (!info.hasTime) {
      // A date alone is a trading date: kept at 00:00 UTC whatever the source zone.
      this.zoneUse.dateOnly = true;
      return wall;
    }
    this.zoneUse.zoneApplied = true;
    return this.zone.toUtc(wall) - this.layout.labelShiftSeconds;
  }

  /**
   * The Unix time of a row that also carries a text date, once the two agree: the text read as
   * any other stamp (its zone, its offset), or for a date alone its UTC day.
   */
  private epochStamp(row: string[], line: number, index: number): number {
    const c = this.layout.columns;
    const text = row[index]?.trim() ?? '';
    const epoch = /^\d{9,16}(\.\d+)?$/.test(text) ? epochSeconds(text) : Number.NaN;
    if (Number.isNaN(epoch)) {
      this.report(line, `unix time '${text}' is not a number of seconds or milliseconds since 1970`);
      return Number.NaN;
    }
    const raw = c.time === undefined ? row[c.date]! : `${row[c.date]} ${row[c.time]}`;
    const wall = parseStamp(raw, this.layout.dayFirst, this.info);
    if (Number.isNaN(wall)) {
      this.report(line, `date '${raw}' is not a date-time this importer can read`);
      return Number.NaN;
    }
    const info = this.info;
    const utc = info.epoch
      ? wall
      : info.offset !== null
        ? wall - info.offset * 60
        : info.hasTime
          ? this.zone.toUtc(wall) - this.layout.labelShiftSeconds
          : wall;
    const agree = info.hasTime
      ? Math.floor(utc) === Math.floor(epoch)
      : Math.floor(epoch / 86400) * 86400 === utc;
    if (!agree) {
      this.report(
        line,
        `unix time ${text} (${utcText(epoch)}) and date '${raw}' (${info.hasTime ? utcText(utc) : raw}) disagree`,
      );
      return Number.NaN;
    }
    this.zoneUse.epoch = true;
    return epoch;
  }

  /** Interprets rows whose first one is on 1-based line `firstLine`. Blank rows are skipped. */
  push(rows: string[][], firstLine: number): void {
    for (let r = 0; r < rows.length && !this.stopped; r++) this.pushRow(rows[r]!, firstLine + r);
  }

  private pushRow(row: string[], line: number): void {
    const c = this.layout.columns;
    if (row.length === 1 && row[0]!.trim() === '') return;
    if (row.length < this.minColumns) {
      this.report(line, `expected at least ${this.minColumns} columns, found ${row.length}`);
      return;
    }
    const ts = this.stamp(row, line);
    if (Number.isNaN(ts)) return;
    if (this.layout.kind === 'ticks') {
      this.pushTick(row, ts, line);
      return;
    }
    const open = this.num(row[c.open!]);
    const high = this.num(row[c.high!]);
    const low = this.num(row[c.low!]);
    const close = this.num(row[c.close!]);
    const volume = c.volume === undefined ? 0 : this.num(row[c.volume]);
    if (!this.checkBar(line, row, open, high, low, close)) return;
    if (c.spread !== undefined) this.spreadOf(this.num(row[c.spread]));
    this.emit(
      Math.floor(ts),
      open,
      high,
      low,
      close,
      Number.isFinite(volume) && volume > 0 ? volume : 0,
      line,
    );
  }

  /**
   * Interprets one line given as byte spans (see `splitLines`). The common case (a plain bar
   * with a stamp `readByteStamp` knows and plain decimals) is read without making a string;
   * anything else is decoded and goes through `push`'s path, so both give the same candles and
   * the same issues. Returns false once the interpreter has stopped.
   */
  pushFields(
    bytes: Uint8Array,
    f: FieldSpans,
    line: number,
    decode: (bytes: Uint8Array, start: number, end: number) => string,
  ): boolean {
    if (this.stopped) return false;
    if (!this.fastBar(bytes, f, line)) {
      const row: string[] = new Array(f.count);
      for (let k = 0; k < f.count; k++) row[k] = decode(bytes, f.starts[k]!, f.ends[k]!);
      this.pushRow(row, line);
    }
    return !this.stopped;
  }

  private fastBar(b: Uint8Array, f: FieldSpans, line: number): boolean {
    const c = this.layout.columns;
    if (this.layout.kind === 'ticks' || f.count < this.minColumns || c.epoch !== undefined) return false;
    const { starts, ends } = f;
    const t = c.time;
    const wall = readByteStamp(
      b,
      starts[c.date]!,
      ends[c.date]!,
      t === undefined ? -1 : starts[t]!,
      t === undefined ? -1 : ends[t]!,
      this.byteStamp,
    );
    if (Number.isNaN(wall)) return false;
    const comma = this.layout.decimalComma;
    const open = parsePlainDecimal(b, starts[c.open!]!, ends[c.open!]!, comma);
    const high = parsePlainDecimal(b, starts[c.high!]!, ends[c.high!]!, comma);
    const low = parsePlainDecimal(b, starts[c.low!]!, ends[c.low!]!, comma);
    const close = parsePlainDecimal(b, starts[c.close!]!, ends[c.close!]!, comma);
    // A missing volume column reads as 0, as on the string path (spans past `count` are stale).
    const volume =
      c.volume === undefined || c.volume >= f.count
        ? 0
        : parsePlainDecimal(b, starts[c.volume]!, ends[c.volume]!, comma);
    // NaN fails every comparison: any field not read here sends the row to the string path.
    if (!(open > 0 && close > 0 && low > 0 && high >= open && high >= close && low <= open && low <= close))
      return false;
    if (!Number.isFinite(high) || Number.isNaN(volume)) return false;
    if (c.spread !== undefined) {
      if (c.spread >= f.count) return false;
      this.spreadOf(parsePlainDecimal(b, starts[c.spread]!, ends[c.spread]!, comma));
    }
    let ts: number;
    const kind = this.byteStamp.kind;
    if (kind === STAMP_UTC) {
      this.zoneUse.embedded.add(0);
      ts = wall;
    } else if (kind === STAMP_EPOCH) {
      this.zoneUse.epoch = true;
      ts = wall;
    } else {
      this.zoneUse.zoneApplied = true;
      ts = this.zone.toUtc(wall) - this.layout.labelShiftSeconds;
    }
    this.emit(Math.floor(ts), open, high, low, close, Math.max(volume, 0), line);
    return true;
  }

  private checkBar(
    line: number,
    row: string[],
    open: number,
    high: number,
    low: number,
    close: number,
  ): boolean {
    // Fast path first (NaN fails every comparison); the detailed reason only for a bad row.
    if (open > 0 && close > 0 && low > 0 && high >= open && high >= close && low <= open && low <= close) {
      return Number.isFinite(high);
    }
    const c = this.layout.columns;
    if ([c.open, c.high, c.low, c.close].every((i) => isNoPrice(row[i!]))) return false;
    const fields: [string, number, number][] = [
      ['open', open, c.open!],
      ['high', high, c.high!],
      ['low', low, c.low!],
      ['close', close, c.close!],
    ];
    for (const [name, value, index] of fields) {
      if (!Number.isFinite(value)) {
        const text = row[index] ?? '';
        const quote = text.includes('"') ? ' (a quote opened and never closed on this line)' : '';
        this.report(line, `${name} '${text}' is not a number${quote}`);
        return false;
      }
      if (value <= 0) {
        this.report(line, `${name} ${value} is not a positive price`);
        return false;
      }
    }
    if (high < Math.max(open, close)) {
      this.report(line, `high ${high} is below max(open, close) ${Math.max(open, close)}`);
      return false;
    }
    if (low > Math.min(open, close)) {
      this.report(line, `low ${low} is above min(open, close) ${Math.min(open, close)}`);
      return false;
    }
    return true;
  }

  private pushTick(row: string[], ts: number, line: number): void {
    const c = this.layout.columns;
    const raw = row[c.bid!];
    // MetaTrader 5 leaves the bid empty on ticks where only the ask changed: nothing to add.
    if (raw === undefined || raw.trim() === '') return;
    const bid = this.num(raw);
    if (!Number.isFinite(bid) || bid <= 0) {
      this.report(line, `bid '${row[c.bid!] ?? ''}' is not a positive number`);
      return;
    }
    const minute = Math.floor(ts / 60) * 60;
    if (minute === this.tickMinute) {
      if (bid > this.tickHigh) this.tickHigh = bid;
      if (bid < this.tickLow) this.tickLow = bid;
      this.tickClose = bid;
      this.tickCount++;
      return;
    }
    if (minute < this.tickMinute) {
      this.report(line, 'tick is earlier than the one before it (tick files must be in time order)');
      return;
    }
    this.flushTicks();
    this.tickMinute = minute;
    this.tickOpen = this.tickHigh = this.tickLow = this.tickClose = bid;
    this.tickCount = 1;
    this.tickLine = line;
  }

  private flushTicks(): void {
    if (Number.isNaN(this.tickMinute)) return;
    // Volume of a tick-built bar is its tick count, as MetaTrader's tick volume.
    this.emit(
      this.tickMinute,
      this.tickOpen,
      this.tickHigh,
      this.tickLow,
      this.tickClose,
      this.tickCount,
      this.tickLine,
    );
    this.tickMinute = Number.NaN;
  }

  /** Sets the spread of the next emitted bar: whole non-negative points, else none (NaN). */
  private spreadOf(pts: number): void {
    this.nextSpread = Number.isInteger(pts) && pts >= 0 ? pts : Number.NaN;
  }

  private emit(
    ts: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    line: number,
  ) {
    const b = this.batch;
    const i = b.count++;
    b.ts[i] = ts;
    b.open[i] = open;
    b.high[i] = high;
    b.low[i] = low;
    b.close[i] = close;
    b.volume[i] = volume;
    if (b.spread) b.spread[i] = this.nextSpread;
    b.line[i] = line;
    this.rows++;
    if (ts <= this.lastTs) this.ascending = false;
    this.lastTs = ts;
    if (b.count === BATCH_SIZE) this.flushBatch();
  }

  private flushBatch(): void {
    if (this.batch.count === 0) return;
    this.sink.batch(this.batch);
    this.batch = newBatch(this.batch.spread !== undefined);
  }

  /** Emits the last tick minute and the last partial batch. */
  end(): void {
    if (this.layout.kind === 'ticks') this.flushTicks();
    this.flushBatch();
  }
}

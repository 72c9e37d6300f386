/** What the importer knows about a file's layout, detected from a sample and overridable. */

export const FORMAT_IDS = [
  'mt4',
  'mt5',
  'histdata',
  'histdata-tick',
  'dukascopy',
  'dukascopy-tick',
  'tradingview',
  'yahoo',
  'stooq',
  'ninjatrader',
  'binance',
  'forextester',
  'investing',
  'finam',
  'stooq-intraday',
  'generic',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

export function isFormatId(value: string): value is FormatId {
  return (FORMAT_IDS as readonly string[]).includes(value);
}

/** Column indices; `time` is set when date and time of day are separate columns. */
export interface ColumnMap {
  date: number;
  time?: number;
  open?: number;
  high?: number;
  low?: number;
  close?: number;
  volume?: number;
  /** Tick files: prices per tick; candles are built from the bid. */
  bid?: number;
  ask?: number;
  /**
   * A Unix time column beside a text `date` (CryptoDataDownload's `unix`): the candle's time when
   * the two agree; a row where they do not is reported.
   */
  epoch?: number;
  /** The bar's own spread in points (MT5's `<SPREAD>`; only MT5 says its unit). */
  spread?: number;
}

export interface ImportLayout {
  format: FormatId;
  kind: 'bars' | 'ticks';
  delimiter: string;
  /** Every line is wrapped in one pair of quotes, to be dropped before splitting. */
  lineQuoted: boolean;
  /** Lines to skip before the data: junk lines above the header (a vendor's URL), then the header. */
  headerLines: number;
  header: string[] | null;
  columns: ColumnMap;
  /** ',' when prices are written 1,2345 (only with a ';' or tab delimiter). */
  decimalComma: boolean;
  /** 01/02/2020 is 1 February. */
  dayFirst: boolean;
  /** The sample could not tell 01/02 day first from month first: the importer looks further. */
  dayOrderGuessed: boolean;
  /** The zone used when a stamp carries no offset: the format's documented one, else UTC. */
  defaultZone: string;
  /** Header columns read into no field (a second volume, `Adj Close`, `unix`…): listed, never silent. */
  ignoredColumns: string[];
  /**
   * Nothing says the file's zone (no offset in the header, a format whose vendor does not document
   * one): the default zone is a guess the trader should confirm.
   */
  zoneAssumed: boolean;
  /** Rows are newest first (Investing.com): only informs the preview; the store sorts anyway. */
  newestFirst: boolean;
  /** Stamps label the bar's end (Stooq intraday): each bar moves back by its length. */
  barEndLabels: boolean;
  /**
   * Seconds taken off every timed stamp: the bar length once the timeframe is known, for files
   * with end-of-bar labels (intraday only; a daily bar's date is its day). 0 otherwise.
   */
  labelShiftSeconds: number;
}

/** The documented source zone of each format (HistData: EST without DST). */
export const FORMAT_ZONES: Record<FormatId, string> = {
  mt4: 'UTC',
  mt5: 'UTC',
  histdata: 'UTC-05:00',
  'histdata-tick': 'UTC-05:00',
  dukascopy: 'UTC',
  'dukascopy-tick': 'UTC',
  tradingview: 'UTC',
  yahoo: 'UTC',
  stooq: 'UTC',
  ninjatrader: 'UTC',
  binance: 'UTC',
  forextester: 'UTC',
  investing: 'UTC',
  // Finam exports Moscow exchange time; Stooq's intraday files Central European time (Warsaw).
  finam: 'Europe/Moscow',
  'stooq-intraday': 'Europe/Warsaw',
  generic: 'UTC',
};

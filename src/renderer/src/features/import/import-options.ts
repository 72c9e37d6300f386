import type { FormatId } from '../../../../core/import/format';

/** Every format the importer knows, by the name the trader knows it by. */
export const FORMAT_LABELS: Record<FormatId, string> = {
  mt4: 'MetaTrader 4',
  mt5: 'MetaTrader 5',
  histdata: 'HistData',
  'histdata-tick': 'HistData ticks',
  dukascopy: 'Dukascopy',
  'dukascopy-tick': 'Dukascopy ticks',
  tradingview: 'TradingView',
  yahoo: 'Yahoo Finance',
  stooq: 'Stooq',
  ninjatrader: 'NinjaTrader',
  binance: 'Binance klines',
  forextester: 'Forex Tester',
  investing: 'Investing.com',
  finam: 'Finam',
  'stooq-intraday': 'Stooq intraday',
  generic: 'Headered CSV',
};

/** The import wizard's editable guesses (columns, delimiter) and the invalid lines an error lists. */
export const COLUMN_NAMES = ['date', 'time', 'open', 'high', 'low', 'close', 'volume', 'bid', 'ask'] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];
export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Vertical bar' },
];
/** The preview reads the start of the file only. */
export const PREVIEW_BYTES = 64 * 1024;

export interface Issue {
  line: number;
  reason: string;
}
export const issuesOf = (details: unknown): Issue[] => {
  const list = (details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(list) ? (list as Issue[]).filter((i) => typeof i?.line === 'number') : [];
};

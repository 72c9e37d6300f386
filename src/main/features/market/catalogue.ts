import type { InstrumentSpec } from '../../../shared/dto';
import type { Store } from '../../db/open-database';
import { instruments } from '../../db/schema';

export type InstrumentPreset = InstrumentSpec;

const fx = (symbol: string, digits = 5): InstrumentPreset => ({
  symbol,
  displayName: `${symbol.slice(0, 3)}/${symbol.slice(3)}`,
  digits,
  pipSize: digits >= 4 ? 0.0001 : 0.01,
  contractSize: 100_000,
  baseCurrency: symbol.slice(0, 3),
  quoteCurrency: symbol.slice(3),
});

const other = (
  symbol: string,
  displayName: string,
  digits: number,
  pipSize: number,
  contractSize: number,
  baseCurrency: string,
  quoteCurrency: string,
): InstrumentPreset => ({ symbol, displayName, digits, pipSize, contractSize, baseCurrency, quoteCurrency });

const MAJORS = ['EURUSD', 'GBPUSD', 'USDJPY', 'USDCHF', 'USDCAD', 'AUDUSD', 'NZDUSD'];
const CROSSES = [
  'EURGBP',
  'EURJPY',
  'EURCHF',
  'EURAUD',
  'EURCAD',
  'EURNZD',
  'GBPJPY',
  'GBPCHF',
  'GBPAUD',
  'GBPCAD',
  'GBPNZD',
  'AUDJPY',
  'AUDCHF',
  'AUDCAD',
  'AUDNZD',
  'NZDJPY',
  'NZDCHF',
  'NZDCAD',
  'CADJPY',
  'CADCHF',
  'CHFJPY',
];

/** The presets every new data folder starts with; the trader may add and edit instruments. */
export const INSTRUMENT_PRESETS: InstrumentPreset[] = [
  ...[...MAJORS, ...CROSSES].map((s) => fx(s, s.endsWith('JPY') ? 3 : 5)),
  other('XAUUSD', 'Gold / US Dollar', 2, 0.1, 100, 'XAU', 'USD'),
  other('XAGUSD', 'Silver / US Dollar', 3, 0.01, 5000, 'XAG', 'USD'),
  other('US30', 'Dow Jones 30', 1, 1, 1, 'US30', 'USD'),
  other('US500', 'S&P 500', 1, 0.1, 1, 'US500', 'USD'),
  other('NAS100', 'Nasdaq 100', 1, 1, 1, 'NAS100', 'USD'),
  other('GER40', 'Germany 40 (DAX)', 1, 1, 1, 'GER40', 'EUR'),
  other('UK100', 'UK 100 (FTSE)', 1, 1, 1, 'UK100', 'GBP'),
  other('FRA40', 'France 40 (CAC)', 1, 1, 1, 'FRA40', 'EUR'),
  other('EU50', 'Euro Stoxx 50', 1, 1, 1, 'EU50', 'EUR'),
  other('JPN225', 'Japan 225 (Nikkei)', 0, 1, 1, 'JPN225', 'JPY'),
  other('AUS200', 'Australia 200', 1, 1, 1, 'AUS200', 'AUD'),
  other('BTCUSD', 'Bitcoin / US Dollar', 2, 1, 1, 'BTC', 'USD'),
  other('ETHUSD', 'Ether / US Dollar', 2, 0.1, 1, 'ETH', 'USD'),
];

/** Inserts the presets that are missing; never overwrites the trader's edits. */
export function seedInstruments(store: Store, nowSeconds: number, newId: () => string): void {
  const insert = store.db
    .insert(instruments)
    .values(
      INSTRUMENT_PRESETS.map((preset) => ({
        id: newId(),
        ...preset,
        enabled: true,
        createdAt: nowSeconds,
        updatedAt: nowSeconds,
      })),
    )
    .onConflictDoNothing({ target: instruments.symbol });
  insert.run();
}

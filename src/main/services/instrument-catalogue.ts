import type { Store } from '../db/open-database';
import { instruments } from '../db/schema';

export interface InstrumentPreset {
  symbol: string;
  displayName: string;
  digits: number;
  pipSize: number;
  contractSize: number;
  baseCurrency: string;
  quoteCurrency: string;
}

const fx = (symbol: string, digits = 5): InstrumentPreset => ({
  symbol,
  displayName: `${symbol.slice(0, 3)}/${symbol.slice(3)}`,
  digits,
  pipSize: digits >= 4 ? 0.0001 : 0.01,
  contractSize: 100_000,
  baseCurrency: symbol.slice(0, 3),
  quoteCurrency: symbol.slice(3),
});

/** The presets every new data folder starts with; the trader may add and edit instruments. */
export const INSTRUMENT_PRESETS: InstrumentPreset[] = [
  fx('EURUSD'),
  fx('GBPUSD'),
  fx('AUDUSD'),
  fx('NZDUSD'),
  fx('USDCHF'),
  fx('USDCAD'),
  fx('USDJPY', 3),
  fx('EURJPY', 3),
  fx('GBPJPY', 3),
  fx('EURGBP'),
  {
    symbol: 'XAUUSD',
    displayName: 'Gold / US Dollar',
    digits: 2,
    pipSize: 0.1,
    contractSize: 100,
    baseCurrency: 'XAU',
    quoteCurrency: 'USD',
  },
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

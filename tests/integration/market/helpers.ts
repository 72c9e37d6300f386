import type { TickstepApp } from '../../../src/main/app/open-app';
import { callMethod } from '../../../src/main/cli/call';

export const REAL_CSV = '/work/shared/data/real-csv';

export const iso = (ts: number) => new Date(ts * 1000).toISOString().replace('.000Z', 'Z');

/** Contract calls as the CLI makes them: the value, or the contract error thrown as an AppError. */
export const call = callMethod;

/** Adds a stock instrument the catalogue does not carry. */
export async function addStock(app: TickstepApp, symbol: string): Promise<void> {
  await call(app, 'instruments:save', {
    symbol,
    displayName: symbol,
    digits: 2,
    pipSize: 0.01,
    contractSize: 1,
    baseCurrency: symbol,
    quoteCurrency: 'USD',
  });
}

export function countRows(
  app: TickstepApp,
  table: 'candles' | 'datasets' | 'files' | 'candle_cache',
): number {
  return (app.ctx.store.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

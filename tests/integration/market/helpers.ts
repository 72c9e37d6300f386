import type { TickstepApp } from '../../../src/main/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';

export const REAL_CSV = '/work/shared/data/real-csv';

export const iso = (ts: number) => new Date(ts * 1000).toISOString().replace('.000Z', 'Z');

/** Calls a method and returns its value, or throws the contract error as data for `rejects`. */
export async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as MethodOutput<K>;
}

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

import { eq } from 'drizzle-orm';
import type { SpreadSchedule } from '../../../core/execution/spread';
import type { SwapSpec } from '../../../core/execution/swap';
import type { InstrumentDto, InstrumentSpec } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { instruments } from '../../db/schema';
import type { MarketDeps } from './deps';

/** Other names traders' files use for a catalogue symbol. */
const ALIASES: Record<string, string> = {
  BTCUSDT: 'BTCUSD',
  XBTUSD: 'BTCUSD',
  ETHUSDT: 'ETHUSD',
  GOLD: 'XAUUSD',
  SILVER: 'XAGUSD',
  SPX500: 'US500',
  SPX: 'US500',
  USTEC: 'NAS100',
  NDX: 'NAS100',
  DJI: 'US30',
  DAX: 'GER40',
  DE40: 'GER40',
  GER30: 'GER40',
  FTSE: 'UK100',
  NIKKEI: 'JPN225',
};

const toDto = (row: typeof instruments.$inferSelect): InstrumentDto => ({
  id: row.id,
  symbol: row.symbol,
  displayName: row.displayName,
  digits: row.digits,
  pipSize: row.pipSize,
  contractSize: row.contractSize,
  baseCurrency: row.baseCurrency,
  quoteCurrency: row.quoteCurrency,
  minLot: row.minLot,
  lotStep: row.lotStep,
  swap: {
    mode: row.swapMode,
    long: row.swapLong,
    short: row.swapShort,
    tripleWeekday: row.swapTripleWeekday,
  },
  spreadSchedule: row.spreadSchedule ?? null,
  enabled: row.enabled,
});

export function listInstruments(store: Store): InstrumentDto[] {
  return store.db.select().from(instruments).orderBy(instruments.symbol).all().map(toDto);
}

export function findInstrument(store: Store, symbol: string): InstrumentDto | undefined {
  const upper = symbol.toUpperCase();
  const bySymbol = (s: string) => store.db.select().from(instruments).where(eq(instruments.symbol, s)).get();
  const row = bySymbol(upper) ?? (ALIASES[upper] ? bySymbol(ALIASES[upper]) : undefined);
  return row ? toDto(row) : undefined;
}

export function requireInstrument(store: Store, symbol: string): InstrumentDto {
  return (
    findInstrument(store, symbol) ??
    (() => {
      throw new AppError(
        ErrorCode.UNKNOWN_SYMBOL,
        `Unknown symbol "${symbol}": add it to the instrument catalogue first (instruments:save), or pick one of the listed instruments`,
        { symbol },
      );
    })()
  );
}

/**
 * The instrument a file name names: '…_EURUSD_M1_2019.csv', 'DAT_ASCII_EURUSD_M1_2017.csv',
 * 'BTCUSDT-1h.csv'. Tokens are matched whole against the catalogue and its aliases.
 */
export function guessSymbol(store: Store, fileName: string): InstrumentDto | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const tokens = base
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  for (const token of tokens) {
    if (/^\d/.test(token)) continue;
    const found = findInstrument(store, token);
    if (found) return found;
  }
  // 'EURUSD1' or 'EURUSDM1' as MetaTrader names exports.
  for (const token of tokens) {
    const m = /^([A-Z]{6})(?:M?\d+|H\d+|D1|W1)$/.exec(token);
    const found = m ? findInstrument(store, m[1]!) : undefined;
    if (found) return found;
  }
  return undefined;
}

export interface InstrumentInput extends InstrumentSpec {
  id?: string;
  enabled?: boolean;
  minLot?: number;
  lotStep?: number;
  swap?: SwapSpec | null;
  spreadSchedule?: SpreadSchedule | null;
}

/** Removes an instrument an import added, when that import stored nothing after all. */
export function deleteInstrumentWithoutData(store: Store, instrumentId: string): void {
  store.sqlite
    .prepare(
      'delete from instruments where id = ? and not exists (select 1 from datasets where instrument_id = ?)',
    )
    .run(instrumentId, instrumentId);
}

/** Adds an instrument, or edits the one with `id`. Symbols stay unique. */
export function saveInstrument(ctx: MarketDeps, input: InstrumentInput): InstrumentDto {
  const now = ctx.clock.nowSeconds();
  const { db } = ctx.store;
  const clash = db.select().from(instruments).where(eq(instruments.symbol, input.symbol)).get();
  if (clash && clash.id !== input.id) {
    throw new AppError(ErrorCode.CONFLICT, `An instrument with the symbol ${input.symbol} already exists`);
  }
  const values = {
    symbol: input.symbol,
    displayName: input.displayName,
    digits: input.digits,
    pipSize: input.pipSize,
    contractSize: input.contractSize,
    baseCurrency: input.baseCurrency,
    quoteCurrency: input.quoteCurrency,
    ...(input.minLot !== undefined ? { minLot: input.minLot } : {}),
    ...(input.lotStep !== undefined ? { lotStep: input.lotStep } : {}),
    // Absent leaves the swap as it was; null switches it off.
    ...(input.swap === null
      ? { swapLong: 0, swapShort: 0 }
      : input.swap
        ? {
            swapMode: input.swap.mode,
            swapLong: input.swap.long,
            swapShort: input.swap.short,
            swapTripleWeekday: input.swap.tripleWeekday,
          }
        : {}),
    // Absent leaves the schedule as it was; null switches it off.
    ...(input.spreadSchedule !== undefined ? { spreadSchedule: input.spreadSchedule } : {}),
    enabled: input.enabled ?? true,
    updatedAt: now,
  };
  if (input.id) {
    const updated = db.update(instruments).set(values).where(eq(instruments.id, input.id)).returning().get();
    if (!updated) throw new AppError(ErrorCode.NOT_FOUND, `No instrument ${input.id}`);
    return toDto(updated);
  }
  return toDto(
    db
      .insert(instruments)
      .values({ id: ctx.newId(), ...values, createdAt: now })
      .returning()
      .get(),
  );
}

import { ExecutionEngine } from '../../../src/core/execution/engine';
import type { InstrumentSpec } from '../../../src/core/execution/instrument';
import type { RolloverClock } from '../../../src/core/execution/swap';
import type { AccountSettings, RiskRules } from '../../../src/core/execution/types';

export const EURUSD: InstrumentSpec = {
  symbol: 'EURUSD',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: 'EUR',
  quoteCurrency: 'USD',
};

export const USDJPY: InstrumentSpec = {
  symbol: 'USDJPY',
  digits: 3,
  pipSize: 0.01,
  contractSize: 100_000,
  baseCurrency: 'USD',
  quoteCurrency: 'JPY',
};

export const EURGBP: InstrumentSpec = {
  symbol: 'EURGBP',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: 'EUR',
  quoteCurrency: 'GBP',
};

export function makeEngine(
  options: {
    instrument?: InstrumentSpec;
    account?: Partial<AccountSettings>;
    risk?: RiskRules;
    balanceCents?: number;
    /** First revealed bar's close; the engine starts at ts 0 (1970-01-01) unless `startTs`. */
    close?: number;
    startTs?: number;
    rollover?: RolloverClock;
  } = {},
): ExecutionEngine {
  let next = 0;
  const engine = new ExecutionEngine({
    instrument: options.instrument ?? EURUSD,
    account: {
      currency: 'USD',
      leverage: 100,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLotCents: 0,
      stopOutPct: 50,
      quoteRate: null,
      ...options.account,
    },
    risk: options.risk,
    newId: () => `id${++next}`,
    ...(options.rollover ? { rollover: options.rollover } : {}),
  });
  engine.cashEntry('DEPOSIT', options.balanceCents ?? 1_000_000);
  engine.prime(options.startTs ?? 0, options.close ?? 1.1);
  engine.drainChanges();
  return engine;
}

/** Feeds one bar at `ts` (defaults to the next minute). */
export function bar(engine: ExecutionEngine, o: number, h: number, l: number, c: number, ts?: number): void {
  engine.processBar(ts ?? engine.cursorTs + 60, o, h, l, c);
}

/** Ledger entries of a type for a position, amounts in cents. */
export function ledgerOf(engine: ExecutionEngine) {
  return engine.drainChanges().ledger;
}

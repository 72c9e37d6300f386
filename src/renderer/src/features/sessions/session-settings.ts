import type { z } from 'zod';
import { conversionMode } from '../../../../core/portfolio/money';
import type { createSessionInput } from '../../../../shared/contract/trading';
import type { DatasetDto, InstrumentDto, SessionDto } from '../../../../shared/dto';
import { type Speed, TIMEFRAME_SECONDS, type Timeframe } from '../../../../shared/timeframes';

export type CreateSessionInput = z.input<typeof createSessionInput>;

/** The new-session form as the trader types it; null is an empty box (no end, rule off). */
export interface SessionDraft {
  symbol: string;
  name: string;
  timeframe: Timeframe;
  speed: Speed;
  startAt: string;
  endAt: string;
  balance: number | null;
  currency: string;
  leverage: number | null;
  stopOutPct: number | null;
  spreadPts: number | null;
  slippagePts: number | null;
  commissionPerLot: number | null;
  quoteRate: number | null;
  maxRiskPct: number | null;
  maxDailyLoss: number | null;
  maxTradesPerDay: number | null;
  defaultSlPips: number | null;
  defaultTpPips: number | null;
}

/** Defaults of a typical retail FX account: 10k USD at 1:100, 1-pip spread, 50 % stop-out. */
export const DEFAULT_DRAFT: SessionDraft = {
  symbol: '',
  name: '',
  timeframe: 'M1',
  speed: '1x',
  startAt: '',
  endAt: '',
  balance: 10_000,
  currency: 'USD',
  leverage: 100,
  stopOutPct: 50,
  spreadPts: 10,
  slippagePts: 0,
  commissionPerLot: 3.5,
  quoteRate: null,
  maxRiskPct: null,
  maxDailyLoss: null,
  maxTradesPerDay: null,
  defaultSlPips: null,
  defaultTpPips: null,
};

/** "2019-01-02T10:00" (a datetime-local box, read as UTC) to ISO 8601 UTC. */
export const toIsoUtc = (local: string): string => `${local.length === 16 ? `${local}:00` : local}Z`;

/** A cross (EURGBP on a USD account) needs a quote-to-account rate; a USD leg does not. */
export function needsQuoteRate(instrument: InstrumentDto | undefined, currency: string): boolean {
  if (!instrument) return false;
  return conversionMode(instrument.baseCurrency, instrument.quoteCurrency, currency, null) === null;
}

const given = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The contract input for a draft: empty boxes fall back to the contract's defaults. */
export function createInputFromDraft(draft: SessionDraft, instrument?: InstrumentDto): CreateSessionInput {
  const rules = {
    ...given('maxRiskPct', draft.maxRiskPct),
    ...given('maxDailyLoss', draft.maxDailyLoss),
    ...given('maxTradesPerDay', draft.maxTradesPerDay),
    ...given('defaultSlPips', draft.defaultSlPips),
    ...given('defaultTpPips', draft.defaultTpPips),
  };
  return {
    symbol: draft.symbol,
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    timeframe: draft.timeframe,
    speed: draft.speed,
    startAt: toIsoUtc(draft.startAt),
    ...(draft.endAt ? { endAt: toIsoUtc(draft.endAt) } : {}),
    ...given('balance', draft.balance),
    currency: draft.currency.trim().toUpperCase(),
    ...given('leverage', draft.leverage),
    ...given('stopOutPct', draft.stopOutPct),
    ...given('spreadPts', draft.spreadPts),
    ...given('slippagePts', draft.slippagePts),
    ...given('commissionPerLot', draft.commissionPerLot),
    ...(needsQuoteRate(instrument, draft.currency) ? given('quoteRate', draft.quoteRate) : {}),
    ...(Object.keys(rules).length ? { risk: rules } : {}),
  };
}

/** A new session with the same settings as `s`, from the same start (Duplicate). */
export function createInputFromSession(s: SessionDto): CreateSessionInput {
  return {
    symbol: s.symbol,
    name: `${s.name} (copy)`.slice(0, 120),
    timeframe: s.timeframe,
    startAt: new Date(s.startTs * 1000).toISOString(),
    ...(s.endTs ? { endAt: new Date(s.endTs * 1000).toISOString() } : {}),
    balance: s.initialBalanceCents / 100,
    currency: s.currency,
    leverage: s.leverage,
    spreadPts: s.spreadPts,
    slippagePts: s.slippagePts,
    commissionPerLot: s.commissionPerLotCents / 100,
    stopOutPct: s.stopOutPct,
    speed: s.speed,
    ...(s.quoteRate ? { quoteRate: s.quoteRate } : {}),
    ...(s.risk
      ? {
          risk: {
            maxRiskPct: s.risk.maxRiskPct,
            maxDailyLoss: s.risk.maxDailyLossCents === null ? null : s.risk.maxDailyLossCents / 100,
            maxTradesPerDay: s.risk.maxTradesPerDay,
            defaultSlPips: s.risk.defaultSlPips,
            defaultTpPips: s.risk.defaultTpPips,
          },
        }
      : {}),
  };
}

/** The symbol's active datasets, finest timeframe first, then oldest first. */
export function replayableData(datasets: DatasetDto[], symbol: string): DatasetDto[] {
  return datasets
    .filter((d) => d.symbol === symbol && d.isActive)
    .sort(
      (a, b) =>
        TIMEFRAME_SECONDS[a.timeframe as Timeframe] - TIMEFRAME_SECONDS[b.timeframe as Timeframe] ||
        a.startTs - b.startTs,
    );
}

/** What a session starting at `ts` replays, as the main process picks it: the finest data covering that time. */
export function baseDatasetAt(datasets: DatasetDto[], symbol: string, ts: number): DatasetDto | undefined {
  return replayableData(datasets, symbol).find(
    (d) => ts >= d.startTs && ts <= d.endTs + TIMEFRAME_SECONDS[d.timeframe as Timeframe],
  );
}

/** A start the main process always accepts: 12 hours into the symbol's finest data, within its range. */
export function defaultStart(datasets: DatasetDto[], symbol: string): string | undefined {
  const first = replayableData(datasets, symbol)[0];
  if (!first) return undefined;
  const ts = first.startTs + Math.min(3600 * 12, first.endTs - first.startTs);
  // The form's box holds minutes: round down, then up into the data if that fell before it.
  const minute = Math.floor(ts / 60) * 60;
  return new Date((minute < first.startTs ? minute + 60 : minute) * 1000).toISOString().slice(0, 16);
}

/** The draft's start as UTC seconds, or NaN while the box is empty. */
export const draftStartTs = (draft: SessionDraft): number => Date.parse(toIsoUtc(draft.startAt)) / 1000;

import type { SpreadSchedule } from '../core/execution/spread';
import type { SwapSpec } from '../core/execution/swap';
import type { LedgerType, OrderStatus, OrderType, PositionStatus, Side } from '../core/execution/types';
import type { Candle } from '../core/market/candle';
import type { Speed, Timeframe } from './timeframes';

/** Plain data that crosses the contract. Times are UTC epoch seconds; money is in cents. */

/** What defines an instrument for trading: the catalogue's presets are exactly this. */
export interface InstrumentSpec {
  symbol: string;
  displayName: string;
  digits: number;
  pipSize: number;
  contractSize: number;
  baseCurrency: string;
  quoteCurrency: string;
}

export interface InstrumentDto extends InstrumentSpec {
  id: string;
  /** Smallest order, lots. */
  minLot: number;
  /** Orders and partial closes come in multiples of this, lots. */
  lotStep: number;
  /** Swap at each rollover (zero rates: none). */
  swap: SwapSpec;
  /** Spread where a bar has none of its own (README "Spread"); null: the session's fixed spread. */
  spreadSchedule: SpreadSchedule | null;
  enabled: boolean;
}

/** A bid candle labelled by its open time: the core's `Candle`, unchanged across the contract. */
export type CandleDto = Candle;

export interface DatasetDto {
  id: string;
  instrumentId: string;
  symbol: string;
  timeframe: Timeframe | 'TICK';
  format: string;
  timezone: string;
  rows: number;
  startTs: number;
  endTs: number;
  isActive: boolean;
  fileId: string | null;
  uploadedAt: number;
}

export interface ImportResultDto {
  datasetId: string;
  symbol: string;
  timeframe: Timeframe;
  format: string;
  timezone: string;
  rows: number;
  skipped: number;
  duplicates: number;
  startTs: number;
  endTs: number;
  md5: string;
  skippedLines: { line: number; reason: string }[];
  /** No offset, header zone, vendor rule or `tz` said the stamps' zone: `timezone` is a guess. */
  timezoneAssumed: boolean;
  /** Header columns the import did not read (a second volume, `Adj Close`…). */
  ignoredColumns: string[];
  /**
   * The instrument this import added to the catalogue, the symbol given being unknown: digits
   * from the prices, the rest the defaults of its kind (editable under Instruments). Null otherwise.
   */
  instrumentCreated: InstrumentSpec | null;
}

export interface JobDto {
  jobId: string;
}

export interface JobProgressDto {
  jobId: string;
  kind: 'import' | 'report';
  rows: number;
  bytes: number;
  totalBytes: number;
  percent: number;
  rowsPerSecond: number;
}

export type JobDoneDto =
  | { jobId: string; kind: 'import'; ok: true; result: ImportResultDto }
  | {
      jobId: string;
      kind: 'import' | 'report';
      ok: false;
      error: { code: string; message: string; details?: unknown };
    };

export type SessionStatus = 'DRAFT' | 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED';
// The engine's vocabulary is the contract's: one definition, so the two can never drift apart.
export type OrderSide = Side;
export type { LedgerType, OrderStatus, OrderType, PositionStatus };

export interface SessionDto {
  id: string;
  name: string;
  instrumentId: string;
  symbol: string;
  digits: number;
  pipSize: number;
  datasetId: string | null;
  timeframe: Timeframe;
  /** The data the engine fills orders on at the cursor (M1 where M1 exists, else e.g. H1). */
  baseTimeframe: Timeframe;
  /** The base data of each period replayed so far, from the start to the cursor, oldest first. */
  basePeriods: BasePeriodDto[];
  status: SessionStatus;
  speed: Speed;
  startTs: number;
  endTs: number | null;
  cursorTs: number;
  /** First and last base bar of the data the session replays. */
  dataStartTs: number;
  dataEndTs: number;
  currency: string;
  initialBalanceCents: number;
  balanceCents: number;
  leverage: number;
  spreadPts: number;
  slippagePts: number;
  commissionPerLotCents: number;
  stopOutPct: number;
  createdAt: number;
  updatedAt: number;
  /** Quote-to-account rate used for crosses; null when not needed. */
  quoteRate?: number | null;
  risk?: RiskRulesDto;
  /** A branch: the session it started from (null for a session started fresh) and the bar it left at. */
  parentSessionId: string | null;
  branchedAtTs: number | null;
}

/** What a step back did: the new cursor and how many later orders and positions it undid. */
export interface StepBackDto {
  sessionId: string;
  cursorTs: number;
  undoneOrders: number;
  undonePositions: number;
}

/** A stretch of a replay on one base timeframe: its first and last base bar (UTC seconds). */
export interface BasePeriodDto {
  timeframe: Timeframe;
  fromTs: number;
  toTs: number;
}

/** Per-session risk rules; null switches a rule off. Breaking one blocks the order with a reason. */
export interface RiskRulesDto {
  maxRiskPct: number | null;
  maxDailyLossCents: number | null;
  maxTradesPerDay: number | null;
  defaultSlPips: number | null;
  defaultTpPips: number | null;
}

export interface OrderDto {
  id: string;
  sessionId: string;
  side: OrderSide;
  type: OrderType;
  status: OrderStatus;
  lots: number;
  price: number | null;
  slPrice: number | null;
  tpPrice: number | null;
  comment: string | null;
  rejectReason: string | null;
  placedTs: number;
  filledTs: number | null;
  fillPrice: number | null;
  positionId: string | null;
  trailingPts?: number;
  expiryTs?: number | null;
  ocoOrderId?: string | null;
}

export interface PositionDto {
  id: string;
  sessionId: string;
  status: PositionStatus;
  side: OrderSide;
  lots: number;
  entryPrice: number;
  entryBid: number;
  slPrice: number | null;
  tpPrice: number | null;
  exitPrice: number | null;
  openedTs: number;
  closedTs: number | null;
  /** What closed it (null while open, or for a record closed before this was kept). */
  exitReason: FillDto['reason'] | null;
  /** For open positions: the P&L if closed at the current tick, in cents, costs included. */
  openPnlCents: number | null;
  realizedPnlCents: number | null;
  commissionCents: number;
  spreadCents: number;
  slippageCents: number;
  /** Swap posted at rollovers so far (signed: a credit is positive). */
  swapCents: number;
  /** The order of prices inside one base bar decided this trade (README "Flagged fills"). */
  pathDependent: boolean;
  trailingPts?: number;
  /** For a closed part of a partly closed position: the original position. */
  parentPositionId?: string | null;
  orderId?: string | null;
  comment?: string | null;
  /** P&L part alone (bid to bid), cents; set when closed. */
  pnlCents?: number;
  marginCents?: number;
}

/** The end-of-replay summary. */
export interface ReplaySummaryDto {
  trades: number;
  wins: number;
  losses: number;
  winRatePct: number | null;
  profitFactor: number | null;
  netProfitCents: number;
  maxDrawdownCents: number;
  initialBalanceCents: number;
  finalBalanceCents: number;
}

export interface LedgerEntryDto {
  id: string;
  sessionId: string;
  positionId: string | null;
  seq: number;
  type: LedgerType;
  amountCents: number;
  balanceAfterCents: number;
  ts: number;
}

export interface AccountDto {
  currency: string;
  balanceCents: number;
  equityCents: number;
  openPnlCents: number;
  usedMarginCents: number;
  freeMarginCents: number;
  /** equity / used margin in percent, null when no margin is used. */
  marginLevelPct: number | null;
  bid: number;
  ask: number;
}

/** A fill produced by the engine, for markers and notifications. */
export interface FillDto {
  orderId: string | null;
  positionId: string;
  side: OrderSide;
  lots: number;
  price: number;
  ts: number;
  reason: 'MARKET' | 'LIMIT' | 'STOP' | 'SL' | 'TP' | 'CLOSE' | 'STOP_OUT';
}

/** Everything the desk needs to draw a session, up to the cursor and never beyond. */
export interface ReplaySnapshotDto {
  session: SessionDto;
  candles: CandleDto[];
  orders: OrderDto[];
  positions: PositionDto[];
  account: AccountDto;
}

/** Pushed after every step: the changed bar of the chart timeframe and the new state. */
export interface ReplayTickDto {
  sessionId: string;
  cursorTs: number;
  status: SessionStatus;
  /** The forming (or just completed) bar of the chart timeframe. */
  bar: CandleDto;
  /** The base data at the cursor: it changes where the session crosses from M1 to H1 data. */
  baseTimeframe: Timeframe;
  fills: FillDto[];
  orders: OrderDto[];
  positions: PositionDto[];
  account: AccountDto;
}

export interface AppInfoDto {
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
}

import { z } from 'zod';
import type {
  AccountDto,
  LedgerEntryDto,
  OrderDto,
  PositionDto,
  ReplaySnapshotDto,
  ReplaySummaryDto,
  ReplayTickDto,
  SessionDto,
  StepBackDto,
} from '../dto';
import { SPEEDS, TIMEFRAMES } from '../timeframes';
import { method } from './method';

const sessionId = z.string().min(1);
const price = z.number().positive().finite();
const lots = z.number().positive().max(1000);
const pips = z.number().positive().max(100_000);
const isoTime = z.iso.datetime({ offset: true });
const nullablePrice = price.nullable();

/** Risk rules (seed 001); omitted or null = off. */
export const riskRulesInput = z
  .object({
    maxRiskPct: z.number().positive().max(100).nullable().optional(),
    maxDailyLoss: z.number().positive().max(1e12).nullable().optional(),
    maxTradesPerDay: z.number().int().positive().max(10_000).nullable().optional(),
    defaultSlPips: pips.nullable().optional(),
    defaultTpPips: pips.nullable().optional(),
  })
  .strict();

export const createSessionInput = z
  .object({
    symbol: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toUpperCase()),
    name: z.string().trim().max(120).optional(),
    timeframe: z.enum(TIMEFRAMES).default('M1'),
    /** ISO 8601 UTC; the first revealed bar is the last base bar that opens at or before it. */
    startAt: z.iso.datetime({ offset: true }),
    endAt: z.iso.datetime({ offset: true }).optional(),
    balance: z.number().positive().max(1e12).default(10_000),
    currency: z.string().length(3).default('USD'),
    leverage: z.number().positive().max(10_000).default(100),
    spreadPts: z.number().min(0).max(100_000).default(10),
    slippagePts: z.number().min(0).max(100_000).default(0),
    commissionPerLot: z.number().min(0).max(10_000).default(0),
    stopOutPct: z.number().min(0).max(1000).default(50),
    speed: z.enum(SPEEDS).default('1x'),
    /** Quote-to-account rate, required for crosses (EURGBP on a USD account). */
    quoteRate: z.number().positive().optional(),
    risk: riskRulesInput.optional(),
  })
  .strict();

export const placeOrderInput = z
  .object({
    sessionId,
    side: z.enum(['BUY', 'SELL']),
    type: z.enum(['MARKET', 'LIMIT', 'STOP']).default('MARKET'),
    lots,
    price: price.optional(),
    sl: price.optional(),
    tp: price.optional(),
    comment: z.string().max(200).optional(),
    /** SL/TP as a distance in pips from the order price (market: from the fill). */
    slPips: pips.optional(),
    tpPips: pips.optional(),
    trailingPts: z.number().min(0).max(1_000_000).optional(),
    /** ISO UTC: the order expires at the first base bar opening at or after it. */
    expiresAt: isoTime.optional(),
    /** Makes this order the OCO partner of a pending order. */
    ocoWith: z.string().min(1).optional(),
  })
  .strict();

export const tradingMethods = {
  'sessions:create': method<SessionDto>()(createSessionInput),
  'sessions:list': method<SessionDto[]>()(z.object({}).strict()),
  'sessions:get': method<SessionDto>()(z.object({ sessionId }).strict()),
  'sessions:delete': method<{ deleted: boolean }>()(z.object({ sessionId }).strict()),
  /** The state to draw a session; `count` chart bars ending at the cursor. */
  'replay:snapshot': method<ReplaySnapshotDto>()(
    z
      .object({
        sessionId,
        timeframe: z.enum(TIMEFRAMES).optional(),
        count: z.number().int().positive().max(20_000).default(500),
      })
      .strict(),
  ),
  /** Reveals `bars` more base bars, evaluating orders along the way. */
  'replay:step': method<ReplayTickDto>()(
    z.object({ sessionId, bars: z.number().int().positive().max(1_000_000).default(1) }).strict(),
  ),
  /**
   * Plays at `speed` (or the session's). `pauseOnFill` (default true): the clock pauses after a
   * step in which an order filled or a stop loss, take profit or stop-out closed a position.
   */
  'replay:play': method<{ playing: true }>()(
    z.object({ sessionId, speed: z.enum(SPEEDS).optional(), pauseOnFill: z.boolean().optional() }).strict(),
  ),
  'replay:pause': method<{ playing: false }>()(z.object({ sessionId }).strict()),
  /**
   * Pauses a playing clock, else plays at the session's speed. The back end decides, so two
   * presses in flight play then pause; the answer is the clock's state after the call.
   */
  'replay:toggle': method<{ playing: boolean }>()(
    z.object({ sessionId, pauseOnFill: z.boolean().optional() }).strict(),
  ),
  'orders:place': method<OrderDto>()(placeOrderInput),
  'positions:close': method<PositionDto>()(
    z.object({ sessionId, positionId: z.string().min(1), lots: lots.optional() }).strict(),
  ),
  /** Oldest first; with `afterSeq`, only the entries after that one (a follower's new entries). */
  'ledger:list': method<LedgerEntryDto[]>()(
    z.object({ sessionId, afterSeq: z.number().int().min(0).optional() }).strict(),
  ),

  // --- added with the engine (issue 4)
  /** Change the chart timeframe, speed, name or risk rules; results never depend on the chart timeframe. */
  'sessions:update': method<SessionDto>()(
    z
      .object({
        sessionId,
        name: z.string().trim().min(1).max(120).optional(),
        timeframe: z.enum(TIMEFRAMES).optional(),
        speed: z.enum(SPEEDS).optional(),
        risk: riskRulesInput.optional(),
      })
      .strict(),
  ),
  'sessions:archive': method<SessionDto>()(z.object({ sessionId }).strict()),
  'sessions:summary': method<ReplaySummaryDto>()(z.object({ sessionId }).strict()),
  /** Reveals base bars up to the end of the next chart bar (of `timeframe`, else the session's). */
  'replay:step-chart-bar': method<ReplayTickDto>()(
    z.object({ sessionId, timeframe: z.enum(TIMEFRAMES).optional() }).strict(),
  ),
  /** Jumps forward to a date/time; orders and stops are evaluated on the way. */
  'replay:jump': method<ReplayTickDto>()(z.object({ sessionId, to: isoTime }).strict()),
  /**
   * Reveals up to the first base bar of the next UTC day (`next-day`) or of the next FX session
   * open (`next-session`: 00:00, 07:00, 12:00 or 21:00 UTC), filling orders on the way as steps do.
   */
  'replay:jump-next': method<ReplayTickDto>()(
    z.object({ sessionId, target: z.enum(['next-day', 'next-session']) }).strict(),
  ),
  'orders:list': method<OrderDto[]>()(
    z.object({ sessionId, status: z.enum(['PENDING', 'ALL']).default('ALL') }).strict(),
  ),
  'orders:modify': method<OrderDto>()(
    z
      .object({
        sessionId,
        orderId: z.string().min(1),
        price: price.optional(),
        sl: nullablePrice.optional(),
        tp: nullablePrice.optional(),
        trailingPts: z.number().min(0).max(1_000_000).nullable().optional(),
        expiresAt: isoTime.nullable().optional(),
      })
      .strict(),
  ),
  'orders:cancel': method<OrderDto>()(z.object({ sessionId, orderId: z.string().min(1) }).strict()),
  'positions:list': method<PositionDto[]>()(
    z.object({ sessionId, status: z.enum(['OPEN', 'ALL']).default('ALL') }).strict(),
  ),
  'positions:modify': method<PositionDto>()(
    z
      .object({
        sessionId,
        positionId: z.string().min(1),
        sl: nullablePrice.optional(),
        tp: nullablePrice.optional(),
        trailingPts: z.number().min(0).max(1_000_000).nullable().optional(),
      })
      .strict(),
  ),
  'positions:close-all': method<PositionDto[]>()(z.object({ sessionId }).strict()),
  'positions:reverse': method<{ closed: PositionDto; opened: PositionDto }>()(
    z.object({ sessionId, positionId: z.string().min(1) }).strict(),
  ),
  'positions:break-even': method<PositionDto>()(
    z.object({ sessionId, positionId: z.string().min(1) }).strict(),
  ),
  /** Deposit, withdrawal or adjustment by the trader, in account currency. */
  'account:cash': method<{ transaction: LedgerEntryDto; account: AccountDto }>()(
    z
      .object({
        sessionId,
        type: z.enum(['DEPOSIT', 'WITHDRAWAL', 'ADJUSTMENT']),
        amount: z
          .number()
          .finite()
          .refine((v) => v !== 0, 'must not be zero'),
      })
      .strict(),
  ),
  /** Position sizing: lots that risk `riskPct` % of the balance (or equity) at `slPips`. */
  'sizing:lots': method<{ lots: number; riskAmountCents: number }>()(
    z
      .object({
        sessionId,
        riskPct: z.number().positive().max(100),
        slPips: pips,
        basis: z.enum(['balance', 'equity']).default('balance'),
        lotStep: z.number().positive().max(100).default(0.01),
      })
      .strict(),
  ),

  // --- step back and branch (issue 19)
  /**
   * Rewinds `bars` base bars: the state as it was when that bar was revealed, every later step
   * and trader action undone (the session log keeps them). Locked in challenges and blind sessions.
   */
  'replay:step-back': method<StepBackDto>()(
    z.object({ sessionId, bars: z.number().int().positive().max(1_000_000).default(1) }).strict(),
  ),
  /**
   * A new session from the bar at `at` (the cursor when omitted) of this one, with its orders,
   * positions, ledger and settings as they stood there; the original is left as it is.
   */
  'sessions:branch': method<SessionDto>()(
    z
      .object({ sessionId, at: isoTime.optional(), name: z.string().trim().min(1).max(120).optional() })
      .strict(),
  ),
};

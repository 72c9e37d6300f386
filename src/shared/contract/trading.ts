import { z } from 'zod';
import type {
  OrderDto,
  PositionDto,
  ReplaySnapshotDto,
  ReplayTickDto,
  SessionDto,
  TransactionDto,
} from '../dto';
import { SPEEDS, TIMEFRAMES } from '../timeframes';
import { method } from './method';

const sessionId = z.string().min(1);
const price = z.number().positive().finite();
const lots = z.number().positive().max(1000);

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
  'replay:play': method<{ playing: true }>()(
    z.object({ sessionId, speed: z.enum(SPEEDS).optional() }).strict(),
  ),
  'replay:pause': method<{ playing: false }>()(z.object({ sessionId }).strict()),
  'orders:place': method<OrderDto>()(
    z
      .object({
        sessionId,
        side: z.enum(['BUY', 'SELL']),
        type: z.enum(['MARKET', 'LIMIT', 'STOP']).default('MARKET'),
        lots,
        price: price.optional(),
        sl: price.optional(),
        tp: price.optional(),
        comment: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'positions:close': method<PositionDto>()(
    z.object({ sessionId, positionId: z.string().min(1), lots: lots.optional() }).strict(),
  ),
  'ledger:list': method<TransactionDto[]>()(z.object({ sessionId }).strict()),
};

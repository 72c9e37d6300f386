import { z } from 'zod';
import type { SessionDto } from '../dto';
import { SPEEDS, TIMEFRAMES } from '../timeframes';
import { method } from './method';

/**
 * Blind practice (issue 18): a session on an instrument and start the app picks from the trader's
 * own data, with dates hidden (relative "Day 3 14:05" labels, see shared/blind-time.ts) and prices
 * optionally rebased, no jumping, until the session ends (COMPLETED or ARCHIVED).
 */

/** What a blind session is, as far as the trader may know yet. */
export interface BlindInfoDto {
  sessionId: string;
  /** False for an ordinary session (then nothing else here applies). */
  blind: boolean;
  seed: number | null;
  rebased: boolean;
  /** True once the session ended: then `reveal` says what it was. */
  revealed: boolean;
  reveal: {
    symbol: string;
    /** ISO 8601 UTC of the first replayed bar, and of the cursor when it ended. */
    startAt: string;
    endedAt: string;
    /** What was added to every price shown (0 without rebasing). */
    priceOffset: number;
  } | null;
}

export const blindMethods = {
  /** Starts a blind session: the instrument and start are drawn from the seed (random if none). */
  'blind:start': method<SessionDto>()(
    z
      .object({
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
        /** Shift every price by a per-session offset so the levels cannot be recognised. */
        rebase: z.boolean().default(true),
        timeframe: z.enum(TIMEFRAMES).default('M1'),
        balance: z.number().positive().max(1e12).default(10_000),
        speed: z.enum(SPEEDS).default('1x'),
      })
      .strict(),
  ),
  'blind:get': method<BlindInfoDto>()(z.object({ sessionId: z.string().min(1) }).strict()),
  /** Ends a blind session now (archives it) and reveals it. */
  'blind:end': method<BlindInfoDto>()(z.object({ sessionId: z.string().min(1) }).strict()),
};

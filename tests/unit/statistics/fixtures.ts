import type { Trade } from '../../../src/core/statistics/types';

/** 2024-01-01 00:00 UTC, a Monday. */
export const MON = 1_704_067_200;
const H = 3600;

export function trade(
  realizedCents: number,
  openedTs: number,
  heldSeconds: number,
  extra: Partial<Trade> = {},
): Trade {
  return {
    id: `t${openedTs}`,
    side: 'BUY',
    lots: 1,
    openedTs,
    closedTs: openedTs + heldSeconds,
    entryPrice: 1.1,
    exitPrice: 1.1,
    initialSlPrice: null,
    riskCents: null,
    realizedCents,
    pnlCents: realizedCents,
    spreadCents: 0,
    slippageCents: 0,
    commissionCents: 0,
    swapCents: 0,
    status: 'CLOSED',
    tags: [],
    ...extra,
  };
}

/**
 * Five hand-made trades (net result after costs, cents):
 *   T1 BUY  Mon 09:00, held 1 h,    +1000, risk 500 (R +2)
 *   T2 SELL Mon 14:00, held 30 min,  -500, risk 500 (R -1)
 *   T3 BUY  Tue 09:00, held 2 h,     -250, no stop-loss (no R)
 *   T4 SELL Tue 15:00, held 10 min,  +750, risk 250 (R +3)
 *   T5 BUY  Wed 09:00, held 1 h,        0, no stop-loss (break-even)
 * Gross profit 1750, gross loss -750, net 1000.
 */
export const TRADES: Trade[] = [
  trade(1000, MON + 9 * H, H, { riskCents: 500, tags: ['breakout'] }),
  trade(-500, MON + 14 * H, H / 2, { side: 'SELL', riskCents: 500, tags: ['breakout', 'news'] }),
  trade(-250, MON + 33 * H, 2 * H),
  trade(750, MON + 39 * H, 600, { side: 'SELL', riskCents: 250, tags: ['reversal'] }),
  trade(0, MON + 57 * H, H),
];

/** Three winners only (all-winners edge case). */
export const WINNERS: Trade[] = [
  trade(100, MON, 60, { riskCents: 100 }),
  trade(200, MON + H, 60, { riskCents: 100 }),
  trade(300, MON + 2 * H, 60, { riskCents: 100 }),
];

/** Recursively: no NaN and no Infinity anywhere in a value. */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

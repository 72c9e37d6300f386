import type { BalancePoint } from './types';

/** Largest fall of the balance from a running peak, in cents (>= 0). */
export function maxDrawdownCents(points: readonly BalancePoint[]): number {
  let peak = Number.NEGATIVE_INFINITY;
  let worst = 0;
  for (const p of points) {
    if (p.balanceCents > peak) peak = p.balanceCents;
    const drop = peak - p.balanceCents;
    if (drop > worst) worst = drop;
  }
  return worst;
}

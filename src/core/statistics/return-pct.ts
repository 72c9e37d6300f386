import { round } from './types';

/** Net profit as a percentage of the opening deposit; null with no deposit. */
export function returnPct(netProfitCents: number, initialBalanceCents: number): number | null {
  if (initialBalanceCents <= 0) return null;
  return round((netProfitCents / initialBalanceCents) * 100);
}

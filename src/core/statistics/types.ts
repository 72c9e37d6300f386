/** A closed trade as the statistics see it: its net result in cents, costs included. */
export interface ClosedTrade {
  realizedCents: number;
  closedTs: number;
}

/** One point of the balance curve: the ledger's `balance_after` in order. */
export interface BalancePoint {
  ts: number;
  balanceCents: number;
}

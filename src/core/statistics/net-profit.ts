/**
 * Net profit from the ledger: final balance - opening deposit - later cash moves (deposits,
 * withdrawals, adjustments move the balance but are not profit). Cents.
 */
export function netProfitCents(
  initialBalanceCents: number,
  finalBalanceCents: number,
  cashFlowCents = 0,
): number {
  return finalBalanceCents - initialBalanceCents - cashFlowCents;
}

/** Cash moved by the trader after the opening deposit (ledger entries after seq 1), cents. */
export function cashFlowCents(ledger: readonly { seq: number; type: string; amountCents: number }[]): number {
  let sum = 0;
  for (const t of ledger) {
    if (t.seq > 1 && (t.type === 'DEPOSIT' || t.type === 'WITHDRAWAL' || t.type === 'ADJUSTMENT')) {
      sum += t.amountCents;
    }
  }
  return sum;
}

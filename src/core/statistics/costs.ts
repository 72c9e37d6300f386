export interface CostsPaid {
  /** Positive amounts paid, cents. */
  spreadCents: number;
  slippageCents: number;
  commissionCents: number;
  totalCents: number;
}

/** Trading costs from the ledger (SPREAD, SLIPPAGE, COMMISSION entries), as positive amounts paid. */
export function costsPaid(ledger: readonly { type: string; amountCents: number }[]): CostsPaid {
  let spread = 0;
  let slippage = 0;
  let commission = 0;
  for (const t of ledger) {
    if (t.type === 'SPREAD') spread -= t.amountCents;
    else if (t.type === 'SLIPPAGE') slippage -= t.amountCents;
    else if (t.type === 'COMMISSION') commission -= t.amountCents;
  }
  return {
    spreadCents: spread,
    slippageCents: slippage,
    commissionCents: commission,
    totalCents: spread + slippage + commission,
  };
}

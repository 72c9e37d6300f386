export interface CostsPaid {
  /** Positive amounts paid, cents. */
  spreadCents: number;
  slippageCents: number;
  commissionCents: number;
  /** Swap paid (negative when the swap credited more than it charged). */
  swapCents: number;
  totalCents: number;
}

/** Trading costs from the ledger (SPREAD, SLIPPAGE, COMMISSION, SWAP entries), as positive amounts paid. */
export function costsPaid(ledger: readonly { type: string; amountCents: number }[]): CostsPaid {
  let spread = 0;
  let slippage = 0;
  let commission = 0;
  let swap = 0;
  for (const t of ledger) {
    if (t.type === 'SPREAD') spread -= t.amountCents;
    else if (t.type === 'SLIPPAGE') slippage -= t.amountCents;
    else if (t.type === 'COMMISSION') commission -= t.amountCents;
    else if (t.type === 'SWAP') swap -= t.amountCents;
  }
  return {
    spreadCents: spread,
    slippageCents: slippage,
    commissionCents: commission,
    swapCents: swap,
    totalCents: spread + slippage + commission + swap,
  };
}

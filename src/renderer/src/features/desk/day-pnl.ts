import type { LedgerEntryDto } from '../../../../shared/dto';

/** Cash the trader moves in or out: not a result of trading. */
const CASH_TYPES = new Set(['DEPOSIT', 'WITHDRAWAL', 'ADJUSTMENT']);

/**
 * Day P&L: trading results booked in the cursor's UTC day (P&L, commission, spread, slippage)
 * plus the open P&L of the positions still open.
 */
export function dayPnlCents(ledger: LedgerEntryDto[], openPnlCents: number, cursorTs: number): number {
  const dayStart = cursorTs - (cursorTs % 86400);
  let sum = openPnlCents;
  for (const t of ledger) if (t.ts >= dayStart && !CASH_TYPES.has(t.type)) sum += t.amountCents;
  return sum;
}

/**
 * The ledger (ARCHITECTURE §2, "Costs and ledger"). Invariant: `balance = initial deposit +
 * sum(transactions)` at every moment, because the balance changes only here, by whole cents,
 * together with a `seq` one higher than the last and the `balanceAfter` it produced.
 */
import type { LedgerEntry, LedgerType } from '../execution/types';
import { type ConversionMode, quoteToAccount, toCents } from './money';

export class Ledger {
  /** Entries posted since the last drain, collected only when the caller persists them. */
  private entries: LedgerEntry[] = [];

  constructor(
    public balanceCents = 0,
    public seq = 0,
  ) {}

  /**
   * Posts `amountCents`; a zero amount is skipped unless `always` (a PNL of 0.00 is still a line
   * of the trade, a zero cost is not). Returns whether anything was posted.
   */
  post(
    type: LedgerType,
    amountCents: number,
    positionId: string | null,
    ts: number,
    always: boolean,
    collect: boolean,
  ): boolean {
    if (amountCents === 0 && !always) return false;
    this.balanceCents += amountCents;
    this.seq++;
    if (collect) {
      this.entries.push({
        seq: this.seq,
        type,
        amountCents,
        balanceAfterCents: this.balanceCents,
        ts,
        positionId,
      });
    }
    return true;
  }

  /** The last entry collected since the drain, if any. */
  last(): LedgerEntry | null {
    return this.entries.length > 0 ? this.entries[this.entries.length - 1]! : null;
  }

  drain(): LedgerEntry[] {
    const out = this.entries;
    this.entries = [];
    return out;
  }
}

/**
 * Realised P&L of closing `units`, cents: bid to bid (`dir * (exit_bid - entry_bid) * units`), so
 * the spread and slippage post as their own lines; converted at the exit price.
 */
export function pnlCents(
  dir: number,
  exitBidPts: number,
  entryBidPts: number,
  units: number,
  scale: number,
  conversion: ConversionMode,
  exitPrice: number,
): number {
  return toCents(quoteToAccount((dir * (exitBidPts - entryBidPts) * units) / scale, conversion, exitPrice));
}

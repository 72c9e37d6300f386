import { describe, expect, it } from 'vitest';
import { dayPnlCents } from '../../../src/renderer/src/features/desk/day-pnl';
import { pendingTypeAt } from '../../../src/renderer/src/features/desk/ticket-math';
import type { LedgerEntryDto } from '../../../src/shared/dto';

const DAY = Date.UTC(2019, 0, 2) / 1000;
const tx = (ts: number, type: LedgerEntryDto['type'], amountCents: number): LedgerEntryDto => ({
  id: `${ts}-${type}`,
  sessionId: 's',
  positionId: null,
  seq: 0,
  type,
  amountCents,
  balanceAfterCents: 0,
  ts,
});

describe('day P&L', () => {
  it('adds the trading results booked in the cursor’s UTC day to the open P&L, leaving cash out', () => {
    const ledger = [
      tx(DAY - 60, 'PNL', 5000), // yesterday
      tx(DAY, 'DEPOSIT', 1_000_000),
      tx(DAY + 600, 'PNL', -1200),
      tx(DAY + 600, 'COMMISSION', -350),
      tx(DAY + 600, 'SPREAD', -400),
      tx(DAY + 700, 'WITHDRAWAL', -10_000),
    ];
    expect(dayPnlCents(ledger, 250, DAY + 3600)).toBe(-1200 - 350 - 400 + 250);
    expect(dayPnlCents(ledger, 0, DAY - 1)).toBe(5000 - 1200 - 350 - 400);
  });
});

describe('a pending order at a chart price', () => {
  const quote = { bid: 1.1, ask: 1.1002 };
  it('is a limit when it waits for a better price and a stop when it waits for a breakout', () => {
    expect(pendingTypeAt('BUY', 1.09, quote)).toBe('LIMIT');
    expect(pendingTypeAt('BUY', 1.11, quote)).toBe('STOP');
    expect(pendingTypeAt('SELL', 1.11, quote)).toBe('LIMIT');
    expect(pendingTypeAt('SELL', 1.09, quote)).toBe('STOP');
  });
});

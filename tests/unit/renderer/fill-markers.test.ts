import { describe, expect, it } from 'vitest';
import { fillMarkers } from '../../../src/renderer/src/features/desk/chart/fill-markers';
import type { PositionDto } from '../../../src/shared/dto';

const T = 1_546_387_200;
const record = (over: Partial<PositionDto>): PositionDto => ({
  id: 'p',
  sessionId: 's',
  status: 'OPEN',
  side: 'BUY',
  lots: 1,
  entryPrice: 1.1,
  entryBid: 1.1,
  slPrice: null,
  tpPrice: null,
  exitPrice: null,
  openedTs: T,
  closedTs: null,
  exitReason: null,
  openPnlCents: null,
  swapCents: 0,
  pathDependent: false,
  realizedPnlCents: null,
  commissionCents: 0,
  spreadCents: 0,
  slippageCents: 0,
  ...over,
});

describe('fill markers', () => {
  it("a short's take profit is a buy named TP, a liquidation says so, each fill once", () => {
    const records = [
      record({ id: 'a', side: 'SELL', status: 'CLOSED', closedTs: T + 120, exitReason: 'TP' }),
      record({ id: 'b', openedTs: T + 60, status: 'LIQUIDATED', closedTs: T + 180, exitReason: 'STOP_OUT' }),
    ];
    // The same record twice (an open list and a history list overlapping) is still one marker.
    expect(fillMarkers([...records, records[0]!], 'M1')).toEqual([
      { key: 'entry:a', time: T, side: 'SELL', text: 'Sell 1' },
      { key: 'entry:b', time: T + 60, side: 'BUY', text: 'Buy 1' },
      { key: 'exit:a', time: T + 120, side: 'BUY', text: 'TP 1' },
      { key: 'exit:b', time: T + 180, side: 'SELL', text: 'Liquidation 1' },
    ]);
  });

  it('a partly closed position has one entry for all its lots and one exit per part, on the chart bar', () => {
    const records = [
      record({ id: 'p', lots: 0.6 }),
      record({
        id: 'c',
        parentPositionId: 'p',
        lots: 0.4,
        status: 'CLOSED',
        closedTs: T + 300,
        exitReason: 'CLOSE',
      }),
    ];
    expect(fillMarkers(records, 'M5')).toEqual([
      { key: 'entry:p', time: T, side: 'BUY', text: 'Buy 1' },
      { key: 'exit:c', time: T + 300, side: 'SELL', text: 'Close 0.4' },
    ]);
    const sl = [
      record({ id: 'x', status: 'CLOSED', openedTs: T + 61, closedTs: T + 3599, exitReason: 'SL' }),
    ];
    expect(fillMarkers(sl, 'H1').map((m) => [m.time, m.text])).toEqual([
      [T, 'Buy 1'],
      [T, 'SL 1'],
    ]);
  });
});

// Rows and live engine state as the contract's plain-data DTOs, kept apart from the SQL so the
// reports feature and the handlers shape sessions, orders and positions the same way.
import type { ExecutionEngine } from '../../../core/execution/engine';
import type { Order, Position } from '../../../core/execution/types';
import { toCents } from '../../../core/portfolio/money';
import type {
  AccountDto,
  LedgerEntryDto,
  OrderDto,
  PositionDto,
  SessionDto,
  SessionStatus,
} from '../../../shared/dto';
import { type Speed, TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import type { Store } from '../../db/open-database';
import { basePeriodsBetween, basePlan, baseTimeframeAt } from '../market';
import {
  type InstrumentRow,
  type LedgerEntryRow,
  type OrderRow,
  type PositionRow,
  riskRules,
  type SessionRow,
} from './store';

export function sessionDto(row: SessionRow, instrument: InstrumentRow): SessionDto {
  return {
    id: row.id,
    name: row.name,
    instrumentId: row.instrumentId,
    symbol: instrument.symbol,
    digits: instrument.digits,
    pipSize: instrument.pipSize,
    datasetId: row.datasetId,
    timeframe: row.timeframe as Timeframe,
    baseTimeframe: row.baseTimeframe as Timeframe,
    basePeriods: [],
    status: row.status as SessionStatus,
    speed: row.speed as Speed,
    startTs: row.startTs,
    endTs: row.endTs,
    cursorTs: row.cursorTs,
    dataStartTs: 0,
    dataEndTs: 0,
    currency: row.currency,
    initialBalanceCents: row.initialBalanceCents,
    balanceCents: row.balanceCents,
    leverage: row.leverage,
    spreadPts: row.spreadPts,
    slippagePts: row.slippagePts,
    commissionPerLotCents: row.commissionPerLotCents,
    stopOutPct: row.stopOutPct,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    quoteRate: row.quoteRate,
    risk: riskRules(row),
    parentSessionId: row.parentSessionId,
    branchedAtTs: row.branchedAtTs,
  };
}

/**
 * The session DTO with what its data says: the base at the cursor, the base periods replayed so
 * far, and the range of the data it replays (every active dataset of the instrument).
 */
export function sessionDtoFull(store: Store, row: SessionRow, instrument: InstrumentRow): SessionDto {
  const dto = sessionDto(row, instrument);
  dto.baseTimeframe = baseTimeframeAt(store, row.instrumentId, row.cursorTs) ?? dto.baseTimeframe;
  dto.basePeriods = basePeriodsBetween(store, row.instrumentId, row.startTs, row.cursorTs);
  const plan = basePlan(store, row.instrumentId);
  const first = plan[0];
  const last = plan[plan.length - 1];
  if (first && last) {
    dto.dataStartTs = first.fromTs;
    // The open time of the last base bar: the plan ends where that bar closes.
    dto.dataEndTs = last.toTs - TIMEFRAME_SECONDS[last.timeframe];
  }
  return dto;
}

export function orderDto(sessionId: string, o: Order, engine: ExecutionEngine): OrderDto {
  const price = (pts: number | null) => (pts === null ? null : engine.price(pts));
  return {
    id: o.id,
    sessionId,
    side: o.side,
    type: o.type,
    status: o.status,
    lots: o.lots,
    price: price(o.pricePts),
    slPrice: price(o.slPts),
    tpPrice: price(o.tpPts),
    comment: o.comment,
    rejectReason: o.rejectReason,
    placedTs: o.placedTs,
    filledTs: o.filledTs,
    fillPrice: price(o.fillPricePts),
    positionId: o.positionId,
    trailingPts: o.trailingPts,
    expiryTs: o.expiryTs,
    ocoOrderId: o.ocoOrderId,
  };
}

export function orderRowDto(row: OrderRow): OrderDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    side: row.side,
    type: row.type,
    status: row.status,
    lots: row.lots,
    price: row.price,
    slPrice: row.slPrice,
    tpPrice: row.tpPrice,
    comment: row.comment,
    rejectReason: row.rejectReason,
    placedTs: row.placedTs,
    filledTs: row.filledTs,
    fillPrice: row.fillPrice,
    positionId: row.positionId,
    trailingPts: row.trailingPts,
    expiryTs: row.expiryTs,
    ocoOrderId: row.ocoOrderId,
  };
}

export function positionDto(sessionId: string, p: Position, engine: ExecutionEngine | null): PositionDto {
  const price = (pts: number | null) =>
    pts === null ? null : engine ? engine.price(pts) : Math.round(pts * 1e6) / 1e6;
  const open = p.status === 'OPEN';
  return {
    id: p.id,
    sessionId,
    status: p.status,
    side: p.side,
    lots: p.lots,
    entryPrice: price(p.entryPts)!,
    entryBid: price(p.entryBidPts)!,
    slPrice: price(p.slPts),
    tpPrice: price(p.tpPts),
    exitPrice: price(p.exitPts),
    openedTs: p.openedTs,
    closedTs: p.closedTs,
    exitReason: p.exitReason,
    openPnlCents: open && engine ? toCents(engine.positionOpenPnl(p)) : null,
    realizedPnlCents: open ? null : p.realizedCents,
    commissionCents: p.commissionCents,
    spreadCents: p.spreadCents,
    swapCents: p.swapCents,
    slippageCents: p.slippageCents,
    trailingPts: p.trailingPts,
    parentPositionId: p.parentId,
    orderId: p.orderId,
    comment: p.comment,
    pnlCents: p.pnlCents,
    pathDependent: p.pathDependent,
    marginCents: toCents(p.margin),
  };
}

export function positionRowDto(row: PositionRow, engine: ExecutionEngine | null): PositionDto {
  if (engine && row.status === 'OPEN') {
    const live = engine.open.find((p) => p.id === row.id);
    if (live) return positionDto(row.sessionId, live, engine);
  }
  return {
    id: row.id,
    sessionId: row.sessionId,
    status: row.status,
    side: row.side,
    lots: row.lots,
    entryPrice: row.entryPrice,
    entryBid: row.entryBid,
    slPrice: row.slPrice,
    tpPrice: row.tpPrice,
    exitPrice: row.exitPrice,
    openedTs: row.openedTs,
    closedTs: row.closedTs,
    exitReason: row.exitReason,
    openPnlCents: null,
    realizedPnlCents: row.realizedPnlCents,
    commissionCents: row.commissionCents,
    spreadCents: row.spreadCents,
    swapCents: row.swapCents,
    slippageCents: row.slippageCents,
    trailingPts: row.trailingPts,
    parentPositionId: row.parentPositionId,
    orderId: row.orderId,
    comment: row.comment,
    pnlCents: row.pnlCents,
    pathDependent: row.pathDependent,
    marginCents: toCents(row.margin),
  };
}

export function ledgerEntryDto(row: LedgerEntryRow): LedgerEntryDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    positionId: row.positionId,
    seq: row.seq,
    type: row.type,
    amountCents: row.amountCents,
    balanceAfterCents: row.balanceAfterCents,
    ts: row.ts,
  };
}

export function accountDto(currency: string, engine: ExecutionEngine): AccountDto {
  const a = engine.accountState();
  return {
    currency,
    balanceCents: a.balanceCents,
    equityCents: a.equityCents,
    openPnlCents: a.openPnlCents,
    usedMarginCents: a.usedMarginCents,
    freeMarginCents: a.freeMarginCents,
    marginLevelPct: a.marginLevelPct,
    bid: engine.price(a.bidPts),
    ask: engine.price(a.askPts),
  };
}

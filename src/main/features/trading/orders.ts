import type { z } from 'zod';
import type { ModifyRequest, OrderRequest, Outcome } from '../../../core/execution/types';
import { conversionMode, toCents } from '../../../core/portfolio/money';
import { lotsForRisk } from '../../../core/portfolio/sizing';
import type { SessionEvent } from '../../../core/replay/session-log';
import type { placeOrderInput } from '../../../shared/contract/trading';
import type { AccountDto, LedgerEntryDto, OrderDto, PositionDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { TradingDeps } from './deps';
import { accountDto, ledgerEntryDto, orderDto, orderRowDto, positionDto, positionRowDto } from './dto';
import type { ReplayService, SessionRuntime } from './replay';
import { isoToTs } from './sessions';
import { instrumentSpec, listOrders, listPositions, listTransactions, positionRowsByIds } from './store';

export type PlaceOrderInput = z.output<typeof placeOrderInput>;

function unwrap<T>(
  outcome: Outcome<T>,
  code: (typeof ErrorCode)[keyof typeof ErrorCode] = ErrorCode.ORDER_REJECTED,
): T {
  if (!outcome.ok) throw new AppError(code, outcome.reason, { reason: outcome.reason });
  return outcome.value;
}

/** Orders, positions and cash: every action applies at the cursor and is persisted at once. */
export class OrderService {
  constructor(
    private readonly ctx: TradingDeps,
    private readonly replay: ReplayService,
  ) {}

  /** A trader action: applied, persisted and logged in one transaction. */
  private logged<T>(sessionId: string, event: SessionEvent, fn: (rt: SessionRuntime) => T) {
    return this.replay.mutate(sessionId, fn, undefined, false, () => event);
  }

  private assertOpenForTrading(sessionId: string): void {
    const closed = this.replay.closedReason(this.replay.runtime(sessionId));
    if (closed !== null) throw new AppError(ErrorCode.SESSION_CLOSED, `${closed}; no new orders`);
  }

  place(input: PlaceOrderInput): OrderDto {
    this.assertOpenForTrading(input.sessionId);
    const request: OrderRequest = {
      side: input.side,
      type: input.type,
      lots: input.lots,
      price: input.price ?? null,
      sl: input.sl ?? null,
      tp: input.tp ?? null,
      slPips: input.slPips ?? null,
      tpPips: input.tpPips ?? null,
      trailingPts: input.trailingPts ?? null,
      expiryTs: input.expiresAt ? isoToTs(input.expiresAt) : null,
      comment: input.comment ?? null,
      ocoWith: input.ocoWith ?? null,
    };
    const { result, rt } = this.logged(input.sessionId, { kind: 'place', request }, (r) =>
      unwrap(r.engine.placeOrder(request)),
    );
    return orderDto(input.sessionId, result, rt.engine);
  }

  modifyOrder(input: {
    sessionId: string;
    orderId: string;
    price?: number;
    sl?: number | null;
    tp?: number | null;
    trailingPts?: number | null;
    expiresAt?: string | null;
  }): OrderDto {
    const change: ModifyRequest = {
      price: input.price,
      sl: input.sl,
      tp: input.tp,
      trailingPts: input.trailingPts,
      expiryTs:
        input.expiresAt === undefined
          ? undefined
          : input.expiresAt === null
            ? null
            : isoToTs(input.expiresAt),
    };
    const { result, rt } = this.logged(
      input.sessionId,
      { kind: 'modify-order', orderId: input.orderId, change },
      (r) => unwrap(r.engine.modifyOrder(input.orderId, change)),
    );
    return orderDto(input.sessionId, result, rt.engine);
  }

  cancelOrder(sessionId: string, orderId: string): OrderDto {
    const { result, rt } = this.logged(sessionId, { kind: 'cancel', orderId }, (r) =>
      unwrap(r.engine.cancelOrder(orderId)),
    );
    return orderDto(sessionId, result, rt.engine);
  }

  listOrders(sessionId: string, pendingOnly: boolean): OrderDto[] {
    this.replay.runtime(sessionId);
    return listOrders(this.ctx.store, sessionId, pendingOnly).map(orderRowDto);
  }

  listPositions(sessionId: string, openOnly: boolean): PositionDto[] {
    const rt = this.replay.runtime(sessionId);
    return listPositions(this.ctx.store, sessionId, openOnly).map((r) => positionRowDto(r, rt.engine));
  }

  modifyPosition(input: {
    sessionId: string;
    positionId: string;
    sl?: number | null;
    tp?: number | null;
    trailingPts?: number | null;
  }): PositionDto {
    const change: ModifyRequest = { sl: input.sl, tp: input.tp, trailingPts: input.trailingPts };
    const { result, rt } = this.logged(
      input.sessionId,
      { kind: 'modify-position', positionId: input.positionId, change },
      (r) => unwrap(r.engine.modifyPosition(input.positionId, change)),
    );
    return positionDto(input.sessionId, result, rt.engine);
  }

  close(sessionId: string, positionId: string, lots?: number): PositionDto {
    const { result, rt } = this.logged(sessionId, { kind: 'close', positionId, lots: lots ?? null }, (r) =>
      unwrap(r.engine.closePosition(positionId, lots)),
    );
    return positionDto(sessionId, result, rt.engine);
  }

  closeAll(sessionId: string): PositionDto[] {
    const { result, rt } = this.logged(sessionId, { kind: 'close-all' }, (r) => r.engine.closeAll());
    return result.map((p) => positionDto(sessionId, p, rt.engine));
  }

  reverse(sessionId: string, positionId: string): { closed: PositionDto; opened: PositionDto } {
    this.assertOpenForTrading(sessionId);
    const { result, rt } = this.logged(sessionId, { kind: 'reverse', positionId }, (r) =>
      unwrap(r.engine.reversePosition(positionId)),
    );
    const opened = rt.engine.open.find((p) => p.id === result.order.positionId);
    const openedDto = opened
      ? positionDto(sessionId, opened, rt.engine)
      : positionRowDto(positionRowsByIds(this.ctx.store, [result.order.positionId!])[0]!, rt.engine);
    return { closed: positionDto(sessionId, result.closed, rt.engine), opened: openedDto };
  }

  breakEven(sessionId: string, positionId: string): PositionDto {
    const { result, rt } = this.logged(sessionId, { kind: 'break-even', positionId }, (r) =>
      unwrap(r.engine.breakEven(positionId)),
    );
    return positionDto(sessionId, result, rt.engine);
  }

  cash(input: { sessionId: string; type: 'DEPOSIT' | 'WITHDRAWAL' | 'ADJUSTMENT'; amount: number }): {
    transaction: LedgerEntryDto;
    account: AccountDto;
  } {
    const cents = toCents(input.amount);
    const { result, rt } = this.logged(
      input.sessionId,
      { kind: 'cash', type: input.type, amountCents: cents },
      (r) => unwrap(r.engine.cashEntry(input.type, cents), ErrorCode.CONFLICT),
    );
    const row = listTransactions(this.ctx.store, input.sessionId).find((t) => t.seq === result?.seq);
    if (!row) throw new Error('cash entry not persisted');
    return {
      transaction: ledgerEntryDto(row),
      account: accountDto(rt.row.currency, rt.engine),
    };
  }

  sizing(input: {
    sessionId: string;
    riskPct: number;
    slPips: number;
    basis: 'balance' | 'equity';
    lotStep: number;
  }): { lots: number; riskAmountCents: number } {
    const rt = this.replay.runtime(input.sessionId);
    const spec = instrumentSpec(rt.instrument);
    const mode = conversionMode(spec.baseCurrency, spec.quoteCurrency, rt.row.currency, rt.row.quoteRate);
    if (!mode) throw new AppError(ErrorCode.INVALID_INPUT, 'This session has no conversion rate');
    const account = rt.engine.accountState();
    const capitalCents = input.basis === 'equity' ? account.equityCents : account.balanceCents;
    const lots = lotsForRisk({
      spec,
      conversion: mode,
      capital: capitalCents / 100,
      riskPct: input.riskPct,
      slDistance: input.slPips * spec.pipSize,
      price: rt.engine.price(rt.engine.bidPts),
      lotStep: input.lotStep,
    });
    return { lots, riskAmountCents: Math.round(capitalCents * input.riskPct) / 100 };
  }
}

import { AppError, ErrorCode } from '../../../shared/errors';
import type { TickstepApp } from '../../app/open-app';
import { isoToTs, tsToIso } from '../../features/trading';
import { callMethod } from '../call';
import { ledgerEntryOut, orderOut, positionOut, type ReplayOutput, sessionOut, summaryOut } from './output';
import type { Action, ReplayScript } from './script';

/** Runs a script through the contract (the same dispatcher the UI uses) and gathers the output. */
export async function runReplayScript(app: TickstepApp, script: ReplayScript): Promise<ReplayOutput> {
  const session = await callMethod(app, 'sessions:create', {
    symbol: script.symbol,
    timeframe: script.timeframe,
    startAt: script.from,
    endAt: script.to,
    balance: script.balance,
    currency: script.currency,
    leverage: script.leverage,
    spreadPts: script.spreadPts,
    slippagePts: script.slippagePts,
    commissionPerLot: script.commissionPerLot,
    stopOutPct: script.stopOutPct,
    speed: script.speed,
    quoteRate: script.quoteRate,
    risk: script.risk,
  });
  const sessionId = session.id;
  const orderRefs = new Map<string, string>();
  const refByOrder = new Map<string, string>();
  const results: ReplayOutput['actions'] = [];
  let cursorTs = session.cursorTs;
  let completed = false;

  const advanceTo = async (ts: number) => {
    if (completed || ts <= cursorTs) return;
    const tick = await callMethod(app, 'replay:jump', { sessionId, to: tsToIso(ts) });
    cursorTs = tick.cursorTs;
    completed = tick.status === 'COMPLETED';
  };

  /** The open position an order ref now stands for, if it filled. */
  const positionOf = async (orderId: string): Promise<string | null> => {
    const orders = await callMethod(app, 'orders:list', { sessionId });
    const order = orders.find((o) => o.id === orderId);
    return order?.positionId ?? null;
  };

  for (const action of script.actions) {
    await advanceTo(isoToTs(action.at));
    const record = { at: action.at, type: action.type, ref: 'ref' in action ? (action.ref ?? null) : null };
    try {
      const message = await applyAction(action);
      results.push({ ...record, ok: true, message });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === ErrorCode.INTERNAL) throw error;
      results.push({ ...record, ok: false, message: error.message });
    }
  }
  if (script.to) await advanceTo(isoToTs(script.to));

  async function applyAction(action: Action): Promise<string | null> {
    switch (action.type) {
      case 'market':
      case 'limit':
      case 'stop': {
        const order = await callMethod(app, 'orders:place', {
          sessionId,
          side: action.side,
          type: action.type === 'market' ? 'MARKET' : action.type === 'limit' ? 'LIMIT' : 'STOP',
          lots: action.lots,
          price: action.type === 'market' ? undefined : action.price,
          sl: action.sl,
          tp: action.tp,
          slPips: action.slPips,
          tpPips: action.tpPips,
          trailingPts: action.trailingPts,
          comment: action.comment,
          expiresAt: action.type === 'market' ? undefined : action.expiresAt,
          ocoWith: action.type !== 'market' && action.ocoWith ? orderRefs.get(action.ocoWith) : undefined,
        });
        if (action.ref) {
          orderRefs.set(action.ref, order.id);
          refByOrder.set(order.id, action.ref);
        }
        return null;
      }
      case 'close': {
        const positionId = await requirePosition(action.ref);
        await callMethod(app, 'positions:close', { sessionId, positionId, lots: action.lots });
        return null;
      }
      case 'modify': {
        const orderId = requireOrder(action.ref);
        const positionId = await positionOf(orderId);
        if (positionId) {
          if (action.price !== undefined)
            throw new AppError(
              ErrorCode.ORDER_REJECTED,
              `"${action.ref}" has filled: its price cannot change`,
            );
          await callMethod(app, 'positions:modify', {
            sessionId,
            positionId,
            sl: action.sl,
            tp: action.tp,
            trailingPts: action.trailingPts,
          });
          return `modified position of "${action.ref}"`;
        }
        await callMethod(app, 'orders:modify', {
          sessionId,
          orderId,
          price: action.price,
          sl: action.sl,
          tp: action.tp,
          trailingPts: action.trailingPts,
        });
        return `modified pending order "${action.ref}"`;
      }
      case 'cancel':
        await callMethod(app, 'orders:cancel', { sessionId, orderId: requireOrder(action.ref) });
        return null;
      case 'closeAll': {
        const closed = await callMethod(app, 'positions:close-all', { sessionId });
        return `closed ${closed.length}`;
      }
      case 'breakeven':
        await callMethod(app, 'positions:break-even', {
          sessionId,
          positionId: await requirePosition(action.ref),
        });
        return null;
      case 'stepBack': {
        const back = await callMethod(app, 'replay:step-back', { sessionId, bars: action.bars });
        cursorTs = back.cursorTs;
        completed = false;
        return `stepped back to ${tsToIso(back.cursorTs)}, undoing ${back.undoneOrders} orders and ${back.undonePositions} positions`;
      }
    }
  }

  function requireOrder(r: string): string {
    const id = orderRefs.get(r);
    if (!id) throw new AppError(ErrorCode.NOT_FOUND, `Order "${r}" was never placed (it was rejected)`);
    return id;
  }

  async function requirePosition(r: string): Promise<string> {
    const positionId = await positionOf(requireOrder(r));
    if (!positionId)
      throw new AppError(ErrorCode.NOT_FOUND, `Order "${r}" has not filled: no position to act on`);
    const open = await callMethod(app, 'positions:list', { sessionId, status: 'OPEN' });
    if (!open.some((p) => p.id === positionId)) {
      const all = await callMethod(app, 'positions:list', { sessionId });
      const closed = all.find((p) => p.id === positionId);
      const when = closed?.closedTs ? ` at ${tsToIso(closed.closedTs)}, exit ${closed.exitPrice}` : '';
      throw new AppError(
        ErrorCode.NOT_FOUND,
        `The position of "${r}" is already ${closed?.status.toLowerCase() ?? 'gone'}${when}`,
      );
    }
    return positionId;
  }

  const finalSession = await callMethod(app, 'sessions:get', { sessionId });
  const snapshot = await callMethod(app, 'replay:snapshot', { sessionId, count: 1 });
  const orders = await callMethod(app, 'orders:list', { sessionId });
  const positions = await callMethod(app, 'positions:list', { sessionId });
  const transactions = await callMethod(app, 'ledger:list', { sessionId });
  const summary = await callMethod(app, 'reports:summary', { sessionId });
  const refOfPosition = new Map<string, string>();
  for (const o of orders)
    if (o.positionId && refByOrder.has(o.id)) refOfPosition.set(o.positionId, refByOrder.get(o.id)!);
  return {
    session: sessionOut(finalSession, snapshot.account),
    orders: orders.map((o) => orderOut(o, refByOrder.get(o.id) ?? null)),
    positions: positions.map((p) =>
      positionOut(
        p,
        refOfPosition.get(p.id) ??
          (p.parentPositionId ? (refOfPosition.get(p.parentPositionId) ?? null) : null),
      ),
    ),
    transactions: transactions.map(ledgerEntryOut),
    summary: summaryOut(summary, snapshot.account.equityCents),
    actions: results,
  };
}

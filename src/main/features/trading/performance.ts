import { eq } from 'drizzle-orm';
import { type ConversionMode, conversionMode, quoteToAccount, toCents } from '../../../core/portfolio/money';
import { type CurvePosition, equityCurve } from '../../../core/statistics/equity-curve';
import { tradeExcursion } from '../../../core/statistics/excursion';
import { type PerformanceSummary, performanceSummary } from '../../../core/statistics/performance';
import { initialRiskCents } from '../../../core/statistics/r-multiple';
import type { EquityPoint, Trade } from '../../../core/statistics/types';
import { positionJournal } from '../../db/schema';
import { readPlanBars } from '../market';
import type { TradingDeps } from './deps';
import { getInstrumentRow, getSessionRow, listOrders, listPositions, listTransactions } from './store';

export interface SessionPerformance {
  summary: PerformanceSummary;
  /** Full resolution: one point per ledger entry and per base bar close with a position open. */
  curve: EquityPoint[];
  /** The closed positions, oldest entry first. */
  trades: Trade[];
}

/** Journal tags of the session's positions (a part cut from a position shares its tags). */
function tagsByPosition(ctx: TradingDeps, sessionId: string): Map<string, string[]> {
  const rows = ctx.store.db
    .select({ positionId: positionJournal.positionId, tags: positionJournal.tagsJson })
    .from(positionJournal)
    .where(eq(positionJournal.sessionId, sessionId))
    .all();
  return new Map(rows.map((r) => [r.positionId, r.tags]));
}

/**
 * The journal tags of each closed position now (a part cut from a position shares its tags). A
 * stored report reads its tags through this, so tagging a trade shows at once in "By tag" and in
 * the exports, without making a new report.
 */
export function closedPositionTags(ctx: TradingDeps, sessionId: string): Map<string, string[]> {
  const tags = tagsByPosition(ctx, sessionId);
  const out = new Map<string, string[]>();
  for (const p of listPositions(ctx.store, sessionId, false)) {
    if (p.status === 'OPEN') continue;
    out.set(p.id, tags.get(p.id) ?? (p.parentPositionId ? (tags.get(p.parentPositionId) ?? []) : []));
  }
  return out;
}

/**
 * Gathers a session's closed positions, ledger and revealed base bars and hands them to the core
 * statistics. The one place the app, the CLI and the reports get their numbers from.
 * Nothing after the cursor is read.
 */
export function sessionPerformance(ctx: TradingDeps, sessionId: string): SessionPerformance {
  const { store } = ctx;
  const row = getSessionRow(store, sessionId);
  const instrument = getInstrumentRow(store, row.instrumentId);
  const mode = conversionMode(
    instrument.baseCurrency,
    instrument.quoteCurrency,
    row.currency,
    row.quoteRate,
  ) ?? { kind: 'quote' as const };
  const point = 10 ** -instrument.digits;
  const spread = row.spreadPts * point;
  const positionRows = listPositions(store, sessionId, false);
  const slByOrder = new Map(listOrders(store, sessionId, false).map((o) => [o.id, o.slPrice]));
  const tags = tagsByPosition(ctx, sessionId);
  const ledger = listTransactions(store, sessionId);

  const trades: Trade[] = [];
  for (const p of positionRows) {
    if (p.status === 'OPEN' || p.closedTs === null) continue;
    const sl = p.orderId ? (slByOrder.get(p.orderId) ?? null) : null;
    const units = p.lots * instrument.contractSize;
    const riskCents = initialRiskCents(p.entryPrice, sl, units, (q) => quoteToAccount(q, mode, sl ?? 1));
    // After the fact, from the base bars of the entry bar through the exit bar (never the engine's loop).
    const excursion =
      p.exitBid === null || p.exitPrice === null
        ? null
        : tradeExcursion(
            { side: p.side, entryBid: p.entryBid, exitBid: p.exitBid },
            readPlanBars(store, row.instrumentId, { fromTs: p.openedTs, toTs: p.closedTs }),
            quoteToAccount(units, mode, p.exitPrice) * 100,
            riskCents,
          );
    trades.push({
      id: p.id,
      side: p.side,
      lots: p.lots,
      openedTs: p.openedTs,
      closedTs: p.closedTs,
      entryPrice: p.entryPrice,
      exitPrice: p.exitPrice,
      initialSlPrice: sl,
      riskCents,
      realizedCents: p.realizedPnlCents ?? 0,
      pnlCents: p.pnlCents,
      spreadCents: p.spreadCents,
      swapCents: p.swapCents,
      slippageCents: p.slippageCents,
      commissionCents: p.commissionCents,
      status: p.status,
      tags: tags.get(p.id) ?? (p.parentPositionId ? (tags.get(p.parentPositionId) ?? []) : []),
      ...(p.pathDependent ? pathOutcomes(p, units, mode) : { pathDependent: false }),
      excursion,
    });
  }
  trades.sort((a, b) => a.openedTs - b.openedTs || a.closedTs - b.closedTs);

  // Equity between ledger events: the open positions valued at each base bar close (bid), as
  // the engine values them (bid to bid, less the spread and the entry slippage still to post).
  const valued: CurvePosition[] = positionRows.map((p) => {
    const dir = p.side === 'BUY' ? 1 : -1;
    const units = p.lots * instrument.contractSize;
    return {
      openedTs: p.openedTs,
      closedTs: p.status === 'OPEN' ? null : p.closedTs,
      valueAt: (bid: number) => {
        // A long paid its entry bar's spread (variable spread); a short is valued at the session's.
        const paid = dir > 0 ? p.entryPrice - p.entryBid - p.entrySlippage : spread;
        const quote = (dir * (bid - p.entryBid) - paid - p.entrySlippage) * units;
        return toCents(quoteToAccount(quote, mode, dir > 0 ? bid : bid + spread));
      },
    };
  });
  const bars = barsWhileOpen(ctx, row.instrumentId, valued, row.cursorTs);
  const curve = equityCurve(
    ledger.map((t) => ({ ts: t.ts, balanceAfterCents: t.balanceAfterCents })),
    valued,
    bars,
    row.cursorTs,
  );
  const last = curve[curve.length - 1];
  const summary = performanceSummary({
    trades,
    ledger,
    curve,
    initialBalanceCents: row.initialBalanceCents,
    finalBalanceCents: row.balanceCents,
    finalEquityCents: last && last.ts === row.cursorTs ? last.equityCents : row.balanceCents,
  });
  return { summary, curve, trades };
}

/**
 * A flagged trade's other outcomes (README "Flagged fills"): its result had it left at its stop
 * loss (worst) or at its take profit (best) instead of where it did, costs as paid.
 */
function pathOutcomes(
  p: {
    side: 'BUY' | 'SELL';
    exitPrice: number | null;
    slPrice: number | null;
    tpPrice: number | null;
    realizedPnlCents: number | null;
  },
  units: number,
  mode: ConversionMode,
): Pick<Trade, 'pathDependent' | 'pathWorstCents' | 'pathBestCents'> {
  const dir = p.side === 'BUY' ? 1 : -1;
  const actual = p.realizedPnlCents ?? 0;
  const at = (level: number | null) =>
    level === null || p.exitPrice === null
      ? null
      : actual + toCents(quoteToAccount(dir * (level - p.exitPrice) * units, mode, level));
  return { pathDependent: true, pathWorstCents: at(p.slPrice), pathBestCents: at(p.tpPrice) };
}

/** Base bars (ts, close) inside the positions' open intervals, never after the cursor. */
function barsWhileOpen(
  ctx: TradingDeps,
  instrumentId: string,
  positions: readonly CurvePosition[],
  cursorTs: number,
): { ts: number; close: number }[] {
  const intervals = positions
    .map((p) => [p.openedTs, Math.min(p.closedTs ?? cursorTs, cursorTs)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of intervals) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([...iv]);
  }
  const out: { ts: number; close: number }[] = [];
  for (const [from, to] of merged) {
    for (const bar of readPlanBars(ctx.store, instrumentId, { fromTs: from, toTs: to })) out.push(bar);
  }
  return out;
}

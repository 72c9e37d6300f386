import { describeBasePeriods } from '../../../shared/base-periods';
import type { PerformanceSummaryDto } from '../../../shared/contract/reports';
import type { LedgerEntryDto, OrderDto, PositionDto, SessionDto } from '../../../shared/dto';
import { tsToIso } from '../../features/trading';

export interface ReplayOutput {
  session: Record<string, unknown>;
  orders: Record<string, unknown>[];
  positions: Record<string, unknown>[];
  transactions: Record<string, unknown>[];
  summary: Record<string, unknown>;
  actions: { at: string; type: string; ref: string | null; ok: boolean; message: string | null }[];
}

/** Money marker: serialised as a JSON number with exactly two decimals. */
class Money {
  constructor(readonly cents: number) {}
  toJSON(): string {
    const sign = this.cents < 0 ? '-' : '';
    const abs = Math.abs(Math.round(this.cents));
    return `__money:${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
}
const money = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? null : new Money(cents);
const time = (ts: number | null | undefined) => (ts === null || ts === undefined ? null : tsToIso(ts));

/** JSON with money as numbers with two decimal places (10000.00, -3.50). */
export function stringifyWithMoney(value: unknown, pretty = true): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined).replace(/"__money:(-?\d+\.\d\d)"/g, '$1');
}

export function stringifyReplayOutput(output: ReplayOutput, pretty = true): string {
  return stringifyWithMoney(output, pretty);
}

export function sessionOut(s: SessionDto, account: { equityCents: number; bid: number; ask: number }) {
  return {
    id: s.id,
    symbol: s.symbol,
    timeframe: s.timeframe,
    baseTimeframe: s.baseTimeframe,
    basePeriods: s.basePeriods.map((p) => ({
      timeframe: p.timeframe,
      from: time(p.fromTs),
      to: time(p.toTs),
    })),
    baseData: describeBasePeriods(s.basePeriods),
    status: s.status,
    from: time(s.startTs),
    to: time(s.endTs),
    cursor: time(s.cursorTs),
    currency: s.currency,
    leverage: s.leverage,
    spreadPts: s.spreadPts,
    slippagePts: s.slippagePts,
    commissionPerLot: money(s.commissionPerLotCents),
    stopOutPct: s.stopOutPct,
    initialBalance: money(s.initialBalanceCents),
    balance: money(s.balanceCents),
    equity: money(account.equityCents),
    bid: account.bid,
    ask: account.ask,
  };
}

export function orderOut(o: OrderDto, ref: string | null) {
  return {
    id: o.id,
    ref,
    side: o.side,
    type: o.type,
    status: o.status,
    lots: o.lots,
    price: o.price,
    sl: o.slPrice,
    tp: o.tpPrice,
    trailingPts: o.trailingPts ?? 0,
    placedAt: time(o.placedTs),
    filledAt: time(o.filledTs),
    fillPrice: o.fillPrice,
    expiresAt: time(o.expiryTs),
    positionId: o.positionId,
    rejectReason: o.rejectReason,
    comment: o.comment,
  };
}

export function positionOut(p: PositionDto, ref: string | null) {
  return {
    id: p.id,
    ref,
    status: p.status,
    side: p.side,
    lots: p.lots,
    entryPrice: p.entryPrice,
    entryBid: p.entryBid,
    exitPrice: p.exitPrice,
    sl: p.slPrice,
    tp: p.tpPrice,
    openedAt: time(p.openedTs),
    closedAt: time(p.closedTs),
    pnl: money(p.pnlCents ?? 0),
    spread: money(p.spreadCents),
    slippage: money(p.slippageCents),
    commission: money(p.commissionCents),
    swap: money(p.swapCents),
    realizedPnl: money(p.realizedPnlCents),
    openPnl: money(p.openPnlCents),
    parentPositionId: p.parentPositionId ?? null,
  };
}

export function ledgerEntryOut(t: LedgerEntryDto) {
  return {
    seq: t.seq,
    type: t.type,
    amount: money(t.amountCents),
    balanceAfter: money(t.balanceAfterCents),
    at: time(t.ts),
    positionId: t.positionId,
  };
}

/**
 * Every metric for the JSON output: `…Cents` fields become money (`netProfitCents` ->
 * `netProfit: 174.50`), `…Ts` fields ISO times, nested breakdowns and periods likewise.
 */
export function metricsOut(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(metricsOut);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('Cents') && (typeof v === 'number' || v === null)) out[key.slice(0, -5)] = money(v);
    else if (/(Ts|^periodStart|^periodEnd)$/.test(key) && (typeof v === 'number' || v === null))
      out[key.endsWith('Ts') ? key.slice(0, -2) : key] = time(v);
    else out[key] = metricsOut(v);
  }
  return out;
}

export function summaryOut(s: PerformanceSummaryDto, equityCents: number) {
  return { ...(metricsOut(s) as Record<string, unknown>), equity: money(equityCents) };
}

export function textReport(out: ReplayOutput): string {
  const s = out.session;
  const m = (v: unknown) => (v instanceof Money ? v.toJSON().slice('__money:'.length) : String(v));
  const lines = [
    `Session ${s.symbol} ${s.timeframe} ${s.from} -> ${s.cursor} (${s.status})`,
    `Balance ${m(s.initialBalance)} -> ${m(s.balance)} ${s.currency}, equity ${m(s.equity)}`,
    '',
    'Positions:',
  ];
  for (const p of out.positions) {
    lines.push(
      `  ${p.ref ?? p.id} ${p.side} ${p.lots} @ ${p.entryPrice} -> ${p.exitPrice ?? '-'} ${p.status} realized ${m(p.realizedPnl)}`,
    );
  }
  const failed = out.actions.filter((a) => !a.ok);
  if (failed.length) {
    lines.push('', 'Actions not carried out:');
    for (const a of failed) lines.push(`  ${a.at} ${a.type}${a.ref ? ` ${a.ref}` : ''}: ${a.message}`);
  }
  const sum = out.summary;
  lines.push(
    '',
    `Trades ${sum.trades}, wins ${sum.wins}, losses ${sum.losses}, net ${m(sum.netProfit)}, max drawdown ${m(sum.maxDrawdown)}`,
    `${out.transactions.length} ledger entries. Use --json for everything.`,
  );
  return lines.join('\n');
}

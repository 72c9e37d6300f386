import type { Excursion } from '../../../../core/statistics/excursion';
import { rMultiple } from '../../../../core/statistics/r-multiple';
import type { Trade } from '../../../../core/statistics/types';
import { formatBlindTs, isMaskedTs } from '../../../../shared/blind-time';
import { tsToIso } from '../../trading';

/** ISO 8601 UTC, or a blind session's "Day 3 14:05" label. */
const marketTime = (ts: number) => (isMaskedTs(ts) ? formatBlindTs(ts) : tsToIso(ts));

/** Columns of the trade list CSV, in order. Money in account currency with two decimals. */
export const TRADE_CSV_COLUMNS = [
  'id',
  'side',
  'lots',
  'opened_at',
  'closed_at',
  'holding_seconds',
  'entry_price',
  'exit_price',
  'initial_sl',
  'risk',
  'r_multiple',
  'pnl',
  'spread',
  'slippage',
  'commission',
  'swap',
  'net',
  'status',
  'tags',
  // README "Flagged fills": the bar's order of high and low decided it; its worst and best net.
  'flagged',
  'flagged_worst_net',
  'flagged_best_net',
  'mae_price',
  'mfe_price',
  'mae',
  'mfe',
  'mae_r',
  'mfe_r',
  'exit_efficiency_pct',
] as const;

export function money(cents: number | null): string {
  if (cents === null) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV row per trade; costs are negative (as posted in the ledger), net = pnl + costs. Tags joined by ';'. */
export function tradesCsv(trades: readonly Trade[]): string {
  const lines = [TRADE_CSV_COLUMNS.join(',')];
  for (const t of trades) {
    const r = rMultiple(t);
    const values = [
      t.id,
      t.side,
      String(t.lots),
      marketTime(t.openedTs),
      marketTime(t.closedTs),
      String(t.closedTs - t.openedTs),
      String(t.entryPrice),
      t.exitPrice === null ? '' : String(t.exitPrice),
      t.initialSlPrice === null ? '' : String(t.initialSlPrice),
      money(t.riskCents),
      r === null ? '' : String(Math.round(r * 10_000) / 10_000),
      money(t.pnlCents),
      money(t.spreadCents),
      money(t.slippageCents),
      money(t.commissionCents),
      money(t.swapCents),
      money(t.realizedCents),
      t.status,
      t.tags.join(';'),
      t.pathDependent ? 'yes' : 'no',
      money(t.pathDependent ? (t.pathWorstCents ?? null) : null),
      money(t.pathDependent ? (t.pathBestCents ?? null) : null),
      ...excursionFields(t.excursion ?? null),
    ];
    lines.push(values.map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** MAE / MFE columns; empty for a trade without them (a report made before they existed). */
function excursionFields(x: Excursion | null): string[] {
  if (!x) return ['', '', '', '', '', '', ''];
  const opt = (v: number | null) => (v === null ? '' : String(v));
  return [
    String(x.maePrice),
    String(x.mfePrice),
    money(x.maeCents),
    money(x.mfeCents),
    opt(x.maeR),
    opt(x.mfeR),
    opt(x.exitEfficiencyPct),
  ];
}

import type { BreakdownRow } from '../../../../core/statistics/breakdown';
import { equityAxisCents } from '../../../../core/statistics/equity-curve';
import type { PeriodMetrics } from '../../../../core/statistics/period-metrics';
import { rMultiple } from '../../../../core/statistics/r-multiple';
import type { EquityPoint } from '../../../../core/statistics/types';
import { describeBasePeriods } from '../../../../shared/base-periods';
import { formatBlindTs, isMaskedTs } from '../../../../shared/blind-time';
import type { ReportDto } from '../../../../shared/contract/reports';
import { tsToIso } from '../../trading';
import { money } from './csv';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const num = (v: number | null, places = 2) => (v === null ? '—' : v.toFixed(places));
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);
// A blind session's masked times print as "Day 3 14:05", never as a date.
const time = (ts: number | null) =>
  ts === null ? '—' : isMaskedTs(ts) ? formatBlindTs(ts) : tsToIso(ts).replace('T', ' ').replace('Z', '');
function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d}d ${h}h ${m}m` : h > 0 ? `${h}h ${m}m` : `${m}m ${seconds % 60}s`;
}

/**
 * A polyline of `value` scaled into a w x h box (y grows down). Points are spaced evenly (by
 * order, not by time), so nights and weekends without points take no room.
 */
function path(
  points: readonly EquityPoint[],
  value: (p: EquityPoint) => number,
  w: number,
  h: number,
  lo: number,
  hi: number,
) {
  const span = points.length - 1 || 1;
  const range = hi - lo || 1;
  return points
    .map((p, i) => {
      const x = (i / span) * w;
      const y = h - ((value(p) - lo) / range) * h;
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** Inline SVG of equity (and balance) and of the drawdown below it: no script, no external asset. */
export function equitySvg(points: readonly EquityPoint[], currency: string): string {
  const w = 900;
  const h = 220;
  const dh = 110;
  if (points.length === 0) return '<p class="muted">No equity data.</p>';
  const { loCents: lo, hiCents: hi, drawdownMaxCents: ddMax } = equityAxisCents(points);
  const first = points[0]!.ts;
  const last = points[points.length - 1]!.ts;
  const eq = path(points, (p) => p.equityCents, w, h, lo, hi);
  const bal = path(points, (p) => p.balanceCents, w, h, lo, hi);
  const dd = path(points, (p) => -p.drawdownCents, w, dh, -ddMax, 0);
  const label = (cents: number) => `${money(cents)} ${escapeHtml(currency)}`;
  return `<svg class="chart" viewBox="-120 -10 ${w + 130} ${h + dh + 60}" role="img" aria-label="Equity and drawdown">
  <g>
    <rect x="0" y="0" width="${w}" height="${h}" class="frame"/>
    <path d="${bal}" class="balance"/>
    <path d="${eq}" class="equity"/>
    <text x="-6" y="10" class="axis" text-anchor="end">${label(hi)}</text>
    <text x="-6" y="${h}" class="axis" text-anchor="end">${label(lo)}</text>
    <text x="6" y="16" class="legend"><tspan class="equity-t">— equity</tspan> <tspan class="balance-t">— balance</tspan></text>
  </g>
  <g transform="translate(0, ${h + 30})">
    <rect x="0" y="0" width="${w}" height="${dh}" class="frame"/>
    <path d="${dd} L${w},0 L0,0 Z" class="drawdown"/>
    <text x="-6" y="10" class="axis" text-anchor="end">0</text>
    <text x="-6" y="${dh}" class="axis" text-anchor="end">-${label(ddMax)}</text>
    <text x="6" y="16" class="legend">drawdown</text>
    <text x="0" y="${dh + 16}" class="axis">${time(first)}</text>
    <text x="${w}" y="${dh + 16}" class="axis" text-anchor="end">${time(last)}</text>
  </g>
</svg>`;
}

/** Year rows x month columns of monthly returns (%), with the compounded year. */
export function monthlyReturnsTable(monthly: readonly PeriodMetrics[]): string {
  if (monthly.length === 0) return '<p class="muted">No monthly data.</p>';
  // Month names would date a blind session.
  if (isMaskedTs(monthly[0]?.periodStart))
    return '<p class="muted">Monthly returns are hidden in a blind session.</p>';
  const years = new Map<number, (number | null)[]>();
  for (const m of monthly) {
    const d = new Date(m.periodStart * 1000);
    const row = years.get(d.getUTCFullYear()) ?? Array<number | null>(12).fill(null);
    row[d.getUTCMonth()] = m.returnPct;
    years.set(d.getUTCFullYear(), row);
  }
  const cell = (v: number | null) =>
    `<td class="${v === null ? '' : v >= 0 ? 'pos' : 'neg'}">${v === null ? '' : v.toFixed(2)}</td>`;
  const rows = [...years.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, months]) => {
      const known = months.filter((v): v is number => v !== null);
      const total = known.length ? (known.reduce((p, v) => p * (1 + v / 100), 1) - 1) * 100 : null;
      return `<tr><th>${year}</th>${months.map(cell).join('')}${cell(total === null ? null : Math.round(total * 100) / 100)}</tr>`;
    });
  return `<table class="monthly"><thead><tr><th></th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function breakdownTable(title: string, rows: readonly BreakdownRow[]): string {
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.key)}</td><td>${r.trades}</td><td>${r.wins}</td><td>${r.losses}</td><td>${pct(r.winRatePct)}</td><td>${num(r.profitFactor)}</td><td class="${r.netProfitCents >= 0 ? 'pos' : 'neg'}">${money(r.netProfitCents)}</td></tr>`,
    )
    .join('');
  return `<div class="breakdown"><h3>${escapeHtml(title)}</h3><table><thead><tr><th></th><th>Trades</th><th>Wins</th><th>Losses</th><th>Win rate</th><th>Profit factor</th><th>Net</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The standalone HTML report: inline CSS and SVG, no script, no external asset; opens offline. */
export function reportHtml(report: ReportDto): string {
  const s = report.summary;
  const cur = escapeHtml(report.currency);
  const m = (cents: number | null) => (cents === null ? '—' : `${money(cents)} ${cur}`);
  const metrics: [string, string][] = [
    ['Net profit', m(s.netProfitCents)],
    ['Return', pct(s.returnPct)],
    ['Gross profit', m(s.grossProfitCents)],
    ['Gross loss', m(s.grossLossCents)],
    ['Initial balance', m(s.initialBalanceCents)],
    ['Final balance', m(s.finalBalanceCents)],
    ['Final equity', m(s.finalEquityCents)],
    ['Cash moved in/out', m(s.cashFlowCents)],
    ['Trades (long / short)', `${s.trades} (${s.longTrades} / ${s.shortTrades})`],
    ['Wins / losses / break-even', `${s.wins} / ${s.losses} / ${s.breakeven}`],
    ['Win rate', pct(s.winRatePct)],
    ['Profit factor', num(s.profitFactor)],
    ['Expectancy', m(s.expectancyCents)],
    ['Expectancy (R)', num(s.expectancyR, 4)],
    ['Average win', m(s.averageWinCents)],
    ['Average loss', m(s.averageLossCents)],
    ['Largest win', m(s.largestWinCents)],
    ['Largest loss', m(s.largestLossCents)],
    ['Max consecutive wins', String(s.maxConsecutiveWins)],
    ['Max consecutive losses', String(s.maxConsecutiveLosses)],
    ['Max drawdown', `${m(s.maxDrawdownCents)} (${pct(s.maxDrawdownPct)})`],
    ['Drawdown peak → trough', `${time(s.maxDrawdownPeakTs)} → ${time(s.maxDrawdownTroughTs)}`],
    ['Recovered', time(s.maxDrawdownRecoveredTs)],
    ['Recovery factor', num(s.recoveryFactor)],
    ['Sharpe ratio (daily, annualised)', num(s.sharpeRatio, 4)],
    ['Sortino ratio (daily, annualised)', num(s.sortinoRatio, 4)],
    ['SQN', num(s.sqn, 4)],
    ['Average R-multiple', `${num(s.averageR, 4)} (${s.tradesWithR} trades with a stop-loss)`],
    ['Average holding time', duration(s.averageHoldingSeconds)],
    ['Median holding time', duration(s.medianHoldingSeconds)],
    ['Spread paid', m(s.costs.spreadCents)],
    ['Slippage paid', m(s.costs.slippageCents)],
    ['Commission paid', m(s.costs.commissionCents)],
    ['Swap paid', m(s.costs.swapCents)],
  ];
  const trades = report.trades
    .map((t, i) => {
      const r = rMultiple(t);
      return `<tr><td>${i + 1}</td><td>${t.side === 'BUY' ? 'Buy' : 'Sell'}</td><td>${t.lots}</td><td>${time(t.openedTs)}</td><td>${time(t.closedTs)}</td><td>${t.entryPrice}</td><td>${t.exitPrice ?? '—'}</td><td>${t.initialSlPrice ?? '—'}</td><td>${r === null ? '—' : r.toFixed(2)}</td><td>${money(t.spreadCents + t.slippageCents + t.commissionCents + t.swapCents)}</td><td class="${t.realizedCents >= 0 ? 'pos' : 'neg'}">${money(t.realizedCents)}</td><td>${escapeHtml(t.tags.join(', '))}</td></tr>`;
    })
    .join('');
  const title = `${report.sessionName} — ${report.symbol}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)} — Tickstep report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:24px auto;max-width:1000px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dde3;padding-bottom:4px}h3{font-size:14px;margin:12px 0 4px}
.muted{color:#67707a}.metrics{display:grid;grid-template-columns:repeat(3,1fr);gap:4px 24px}
.metrics div{display:flex;justify-content:space-between;border-bottom:1px dotted #d8dde3;padding:2px 0}
.metrics span:last-child{font-variant-numeric:tabular-nums;font-weight:600}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:3px 6px;text-align:right;border-bottom:1px solid #eceff2}
th:first-child,td:first-child{text-align:left}thead th{background:#f4f6f8}
.pos{color:#1a7f37}.neg{color:#c62828}.breakdowns{display:grid;grid-template-columns:1fr 1fr;gap:8px 24px}
.chart{width:100%;height:auto}.frame{fill:#fbfcfd;stroke:#d8dde3}.equity{fill:none;stroke:#1565c0;stroke-width:1.5}
.balance{fill:none;stroke:#8d99a6;stroke-width:1;stroke-dasharray:4 3}.drawdown{fill:#ef9a9a;stroke:#c62828;stroke-width:1}
.axis{font-size:11px;fill:#67707a}.legend{font-size:12px}.equity-t{fill:#1565c0}.balance-t{fill:#8d99a6}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">${time(report.fromTs)} → ${time(report.toTs)} UTC · report made ${time(report.createdAt)} UTC · money in ${cur}</p>
${
  report.basePeriods.length
    ? `<p class="muted">Base data: ${escapeHtml(describeBasePeriods(report.basePeriods))}</p>
`
    : ''
}<h2>Summary</h2>
<div class="metrics">${metrics.map(([k, v]) => `<div><span>${escapeHtml(k)}</span><span>${v}</span></div>`).join('')}</div>
<h2>Equity and drawdown</h2>
${equitySvg(report.equityCurve, report.currency)}
<h2>Monthly returns (%)</h2>
${monthlyReturnsTable(s.periods.monthly)}
<h2>Breakdowns</h2>
<div class="breakdowns">${breakdownTable('By side', s.bySide)}${breakdownTable('By weekday of entry (UTC)', s.byWeekday)}${breakdownTable('By hour of entry (UTC)', s.byHour)}${breakdownTable('By tag', s.byTag)}</div>
<h2>Trades (${report.trades.length})</h2>
<table class="trades"><thead><tr><th>#</th><th>Side</th><th>Lots</th><th>Opened (UTC)</th><th>Closed (UTC)</th><th>Entry</th><th>Exit</th><th>Initial SL</th><th>R</th><th>Costs</th><th>Net</th><th>Tags</th></tr></thead><tbody>${trades}</tbody></table>
<p class="muted">Sharpe and Sortino use daily equity returns (UTC days, flat weekdays as 0, weekends only when traded), annualised with √252, risk-free rate 0. R = net result / risk at the stop-loss set at entry; trades without one have no R.</p>
</body></html>
`;
}

import type { PathBand } from '../../../../core/statistics/path-band';
import type { ReportDto, ReportTradeDto } from '../../../../shared/contract/reports';
import { formatMoney, formatNumber, formatPct, formatTs } from '../../shared/format';

export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${seconds % 60} s`;
}
export const rOf = (t: ReportTradeDto) => (t.riskCents ? t.realizedCents / t.riskCents : null);

/** The metrics shown in the summary grid and the compare table, in order. */
export function metricRows(r: Pick<ReportDto, 'summary' | 'currency'>): [string, string][] {
  const s = r.summary;
  const m = (c: number | null) => (c === null ? '—' : formatMoney(c, r.currency));
  return [
    ['Net profit', m(s.netProfitCents)],
    ['Return', formatPct(s.returnPct)],
    ['Gross profit', m(s.grossProfitCents)],
    ['Gross loss', m(s.grossLossCents)],
    ['Trades (long / short)', `${s.trades} (${s.longTrades} / ${s.shortTrades})`],
    ['Win rate', formatPct(s.winRatePct)],
    ['Profit factor', formatNumber(s.profitFactor)],
    ['Expectancy', m(s.expectancyCents)],
    ['Expectancy (R)', formatNumber(s.expectancyR, 4)],
    ['Average win / loss', `${m(s.averageWinCents)} / ${m(s.averageLossCents)}`],
    ['Largest win / loss', `${m(s.largestWinCents)} / ${m(s.largestLossCents)}`],
    ['Max consecutive wins / losses', `${s.maxConsecutiveWins} / ${s.maxConsecutiveLosses}`],
    ['Max drawdown', `${m(s.maxDrawdownCents)} (${formatPct(s.maxDrawdownPct)})`],
    ['Drawdown peak → trough', `${formatTs(s.maxDrawdownPeakTs)} → ${formatTs(s.maxDrawdownTroughTs)}`],
    ['Recovery factor', formatNumber(s.recoveryFactor)],
    ['Sharpe (daily, annualised)', formatNumber(s.sharpeRatio, 4)],
    ['Sortino (daily, annualised)', formatNumber(s.sortinoRatio, 4)],
    ['SQN', formatNumber(s.sqn, 4)],
    ['Average R-multiple', `${formatNumber(s.averageR, 4)} (${s.tradesWithR} with a stop-loss)`],
    [
      'Holding time (average / median)',
      `${duration(s.averageHoldingSeconds)} / ${duration(s.medianHoldingSeconds)}`,
    ],
    [
      'Costs (spread / slippage / commission / swap)',
      `${m(s.costs.spreadCents)} / ${m(s.costs.slippageCents)} / ${m(s.costs.commissionCents)} / ${m(s.costs.swapCents)}`,
    ],
    ...pathBandRows(s.pathBand, m),
  ];
}

/**
 * How much rests on the order of prices inside a bar: the flagged trades and each metric they
 * change, from every flagged trade's worst outcome to its best. Always the same rows (Compare
 * lines reports up by row), '—' where nothing is flagged or the report predates flags.
 */
function pathBandRows(band: PathBand | undefined, m: (c: number | null) => string): [string, string][] {
  const flagged = band ? String(band.flaggedTrades) : '—';
  const range = (worst: string, best: string) => `${worst} to ${best}`;
  if (!band || band.flaggedTrades === 0) {
    return [
      ['Flagged trades (bar order decided)', flagged],
      ['Flagged: net, worst to best', '—'],
      ['Flagged: win rate, worst to best', '—'],
      ['Flagged: profit factor, worst to best', '—'],
      ['Flagged: expectancy, worst to best', '—'],
    ];
  }
  return [
    ['Flagged trades (bar order decided)', flagged],
    ['Flagged: net, worst to best', range(m(band.netProfitCents.worst), m(band.netProfitCents.best))],
    [
      'Flagged: win rate, worst to best',
      range(formatPct(band.winRatePct.worst), formatPct(band.winRatePct.best)),
    ],
    [
      'Flagged: profit factor, worst to best',
      range(formatNumber(band.profitFactor.worst), formatNumber(band.profitFactor.best)),
    ],
    [
      'Flagged: expectancy, worst to best',
      range(m(band.expectancyCents.worst), m(band.expectancyCents.best)),
    ],
  ];
}

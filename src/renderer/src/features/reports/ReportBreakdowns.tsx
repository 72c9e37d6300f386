import { useState } from 'react';
import type { BreakdownRow } from '../../../../core/statistics/breakdown';
import type { ReportDto } from '../../../../shared/contract/reports';
import { formatDay, formatNumber, formatPct, formatSignedMoney } from '../../shared/format';

function BreakdownTable({ title, rows }: { title: string; rows: readonly BreakdownRow[] }) {
  return (
    <table className="breakdown" aria-label={title}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th />
          <th className="num">Trades</th>
          <th className="num">Win rate</th>
          <th className="num">Profit factor</th>
          <th className="num">Net</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th>{r.key === 'BUY' ? 'Buy' : r.key === 'SELL' ? 'Sell' : r.key}</th>
            <td className="num">{r.trades}</td>
            <td className="num">{formatPct(r.winRatePct)}</td>
            <td className="num">{formatNumber(r.profitFactor)}</td>
            <td className={`num ${r.netProfitCents >= 0 ? 'up' : 'down'}`}>
              {formatSignedMoney(r.netProfitCents)}
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={5} className="hint">
              No trades.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

const PERIODS = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' } as const;

/** Results by side, weekday, hour and tag, and the period metrics (seed 001 PerformanceMetrics). */
export function ReportBreakdowns({ report }: { report: ReportDto }) {
  const s = report.summary;
  const [period, setPeriod] = useState<keyof typeof PERIODS>('daily');
  const rows = s.periods[period];
  return (
    <>
      <div className="breakdowns">
        <BreakdownTable title="By side" rows={s.bySide} />
        <BreakdownTable title="By tag" rows={s.byTag} />
        <BreakdownTable title="By weekday of entry (UTC)" rows={s.byWeekday} />
        <BreakdownTable title="By hour of entry (UTC)" rows={s.byHour} />
      </div>
      <label className="period-pick">
        Period
        <select
          value={period}
          onChange={(e) => setPeriod(e.target.value as keyof typeof PERIODS)}
          aria-label="Period"
        >
          {Object.entries(PERIODS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <table className="breakdown periods" aria-label={`${PERIODS[period]} results`}>
        <thead>
          <tr>
            <th>From (UTC)</th>
            <th className="num">Trades</th>
            <th className="num">Win rate</th>
            <th className="num">Profit factor</th>
            <th className="num">Net</th>
            <th className="num">Max drawdown</th>
            <th className="num">Return</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.periodStart}>
              <th>{formatDay(p.periodStart)}</th>
              <td className="num">{p.totalTrades}</td>
              <td className="num">{formatPct(p.winRatePct)}</td>
              <td className="num">{formatNumber(p.profitFactor)}</td>
              <td className={`num ${p.netProfitCents >= 0 ? 'up' : 'down'}`}>
                {formatSignedMoney(p.netProfitCents)}
              </td>
              <td className="num">{formatSignedMoney(-p.maxDrawdownCents)}</td>
              <td className="num">{formatPct(p.returnPct)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className="hint">
                No periods.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

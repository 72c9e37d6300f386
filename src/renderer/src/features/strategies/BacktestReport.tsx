import type { BacktestRunDto } from '../../../../shared/contract/strategies';
import {
  formatNumber,
  formatPrice,
  formatSignedMoney,
  formatTs,
  tradePriceDigits,
} from '../../shared/format';
import { EquityChart } from '../reports/EquityChart';
import { metricRows } from '../reports/report-metrics';
import '../reports/reports.css';
import { MonteCarloPanel } from './MonteCarloPanel';

/** A finished backtest run: what ran, the report's metrics, equity and drawdown, and its trades. */
export function BacktestReport({ run }: { run: BacktestRunDto }) {
  const report = run.report;
  const currency = run.parameters.currency;
  const digits = tradePriceDigits(report?.trades ?? []);
  return (
    <section className="card backtest-report" aria-label="Backtest report">
      <h2>
        Backtest · version {run.versionNumber} · {run.symbol} {run.timeframe}
      </h2>
      <p className="hint">
        {formatTs(run.fromTs)} → {formatTs(run.toTs)} UTC · {run.barsTotal.toLocaleString('en-US')} bars ·{' '}
        {run.status}
        {run.completedAt ? ` ${formatTs(run.completedAt)}` : ''}
        {Object.keys(run.parameters.params).length > 0 &&
          ` · ${Object.entries(run.parameters.params)
            .map(([k, v]) => `${k} = ${v}`)
            .join(', ')}`}
      </p>
      {run.error && <p className="error">{run.error}</p>}
      {!report ? (
        <p className="hint">No report: the run did not complete.</p>
      ) : (
        <>
          <dl className="metrics-grid" aria-label="Backtest metrics">
            {metricRows({ summary: report.summary, currency }).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <h3>Equity and drawdown</h3>
          <EquityChart
            currency={currency}
            series={[{ label: 'Equity', color: '#42a5f5', points: report.equityCurve }]}
          />
          <h3>Trades ({report.trades.length})</h3>
          {report.trades.length === 0 ? (
            <p className="hint">The rules never entered a trade in this span.</p>
          ) : (
            <div className="table-scroll">
              <table aria-label="Backtest trades">
                <thead>
                  <tr>
                    <th>Opened (UTC)</th>
                    <th>Side</th>
                    <th className="num">Lots</th>
                    <th className="num">Entry</th>
                    <th className="num">Exit</th>
                    <th>Closed (UTC)</th>
                    <th>Status</th>
                    <th className="num">Net</th>
                  </tr>
                </thead>
                <tbody>
                  {report.trades.map((t) => (
                    <tr key={t.id}>
                      <td>{formatTs(t.openedTs)}</td>
                      <td>{t.side}</td>
                      <td className="num">{formatNumber(t.lots)}</td>
                      <td className="num">{formatPrice(t.entryPrice, digits)}</td>
                      <td className="num">{formatPrice(t.exitPrice, digits)}</td>
                      <td>{formatTs(t.closedTs)}</td>
                      <td>{t.status}</td>
                      <td className={`num ${t.realizedCents >= 0 ? 'gain' : 'loss'}`}>
                        {formatSignedMoney(t.realizedCents)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.trades.length > 0 && <MonteCarloPanel key={run.id} runId={run.id} currency={currency} />}
          {report.rejections.length > 0 && (
            <>
              <h3>Actions the engine refused</h3>
              <ul className="rejections">
                {report.rejections.map((r) => (
                  <li key={`${r.ts}:${r.nodeId}`}>
                    {formatTs(r.ts)} · <code>{r.nodeId}</code>: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

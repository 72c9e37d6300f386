import type { OptimisationRunDto } from '../../../../shared/contract/optimisations';
import { formatMoney, formatNumber, formatTs } from '../../shared/format';
import { EquityChart } from '../reports/EquityChart';
import { objectiveText } from './OptimiseResults';
import type { Optimise } from './use-optimise';

/** A walk-forward: each window's in-sample winner and its out-of-sample figures, and the stitched equity. */
export function WalkForwardView({ o, run }: { o: Optimise; run: OptimisationRunDto }) {
  const wf = run.walkForward;
  if (!wf) return null;
  const currency = run.settings.parameters.currency;
  const split = wf.windows.length === 1;
  return (
    <section className="walk-forward" aria-label="Walk-forward">
      <h3>
        {split ? 'In-sample / out-of-sample split' : `Walk-forward, ${wf.windows.length} windows`} ·
        out-of-sample net {formatMoney(wf.netProfitCents, currency)}
      </h3>
      <div className="table-scroll">
        <table aria-label="Walk-forward windows">
          <thead>
            <tr>
              <th className="num">Window</th>
              <th>In-sample (UTC)</th>
              <th>Out-of-sample (UTC)</th>
              <th className="num">Sets passing</th>
              <th>Best in-sample</th>
              <th className="num">In-sample score</th>
              <th className="num">Out-of-sample net</th>
              <th className="num">Trades</th>
              <th className="num">Max drawdown %</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {wf.windows.map((w) => (
              <tr key={w.index}>
                <td className="num">{w.index + 1}</td>
                <td>
                  {formatTs(w.inSample.fromTs)} → {formatTs(w.inSample.toTs)}
                </td>
                <td>
                  {formatTs(w.outOfSample.fromTs)} → {formatTs(w.outOfSample.toTs)}
                </td>
                <td className="num">
                  {w.setsPassing} / {w.setsTried}
                </td>
                <td>
                  {w.best
                    ? Object.entries(w.best.params)
                        .map(([k, v]) => `${k} = ${v}`)
                        .join(', ')
                    : 'none passed: flat'}
                </td>
                <td className="num">{objectiveText(run, w.best?.objective ?? null)}</td>
                <td className={`num ${(w.outOfSampleMetrics?.netProfitCents ?? 0) >= 0 ? 'gain' : 'loss'}`}>
                  {w.outOfSampleMetrics ? formatMoney(w.outOfSampleMetrics.netProfitCents, currency) : '—'}
                </td>
                <td className="num">{w.outOfSampleMetrics?.trades ?? '—'}</td>
                <td className="num">
                  {w.outOfSampleMetrics ? formatNumber(w.outOfSampleMetrics.maxDrawdownPct) : '—'}
                </td>
                <td className="actions">
                  {w.best && (
                    <button
                      type="button"
                      disabled={o.testing !== null}
                      onClick={() => void o.backtestSet(w.best!.params)}
                    >
                      Backtest this set
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>Out-of-sample equity, stitched</h4>
      <EquityChart
        currency={currency}
        series={[{ label: 'Out-of-sample equity', color: '#66bb6a', points: wf.equityCurve }]}
      />
    </section>
  );
}

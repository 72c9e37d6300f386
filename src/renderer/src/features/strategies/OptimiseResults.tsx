import type { SetResult } from '../../../../core/strategy/optimise';
import type { OptimisationRunDto } from '../../../../shared/contract/optimisations';
import { formatMoney, formatNumber } from '../../shared/format';
import type { Optimise, SortKey } from './use-optimise';

type Metric = keyof SetResult['metrics'];

const METRIC_COLUMNS: { metric: Metric; label: string }[] = [
  { metric: 'netProfitCents', label: 'Net profit' },
  { metric: 'returnPct', label: 'Return %' },
  { metric: 'trades', label: 'Trades' },
  { metric: 'winRatePct', label: 'Win rate %' },
  { metric: 'profitFactor', label: 'Profit factor' },
  { metric: 'sharpeRatio', label: 'Sharpe' },
  { metric: 'maxDrawdownPct', label: 'Max drawdown %' },
];

const OBJECTIVE_LABEL: Record<string, string> = {
  'net-profit': 'net profit',
  'profit-factor': 'profit factor',
  sharpe: 'Sharpe ratio',
  'return-drawdown': 'return / drawdown',
};

export function objectiveText(run: OptimisationRunDto, value: number | null): string {
  if (value === null) return '—';
  return run.settings.objective === 'net-profit'
    ? formatMoney(value, run.settings.parameters.currency)
    : formatNumber(value, run.settings.objective === 'return-drawdown' ? 3 : 2);
}

function metricText(run: OptimisationRunDto, metric: Metric, value: number | null): string {
  if (value === null) return '—';
  if (metric === 'netProfitCents') return formatMoney(value, run.settings.parameters.currency);
  if (metric === 'trades') return String(value);
  return formatNumber(value);
}

/** Red (worst) through yellow to green (best) for a score's place between the lowest and highest. */
function heat(value: number, low: number, high: number): string {
  const t = high > low ? (value - low) / (high - low) : 1;
  return `hsl(${Math.round(t * 120)} 55% 38%)`;
}

/**
 * Two parameters as a grid: each cell is the best score among the passing sets with those two
 * values (the other parameters at their best), grey where no set passed.
 */
export function OptimiseHeatmap({ o, run }: { o: Optimise; run: OptimisationRunDto }) {
  const results = run.results ?? [];
  if (!o.axes || run.paramNames.length < 2) return null;
  const { x, y } = o.axes;
  const values = (name: string) => [...new Set(results.map((r) => r.params[name]!))].sort((a, b) => a - b);
  const xs = values(x);
  const ys = values(y);
  const cell = new Map<string, number | null>();
  for (const r of results) {
    const k = `${r.params[x]}|${r.params[y]}`;
    const score = r.violations.length === 0 ? r.objective : null;
    const prev = cell.get(k);
    if (prev === undefined || (score !== null && (prev === null || score > prev))) cell.set(k, score);
  }
  const scores = [...cell.values()].filter((v): v is number => v !== null);
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  return (
    <section className="optimise-heatmap" aria-label="Heatmap">
      <h3>Heatmap of {OBJECTIVE_LABEL[run.settings.objective]}</h3>
      <div className="heatmap-axes">
        <label>
          Across
          <select value={x} onChange={(e) => o.setAxes({ x: e.target.value, y })}>
            {run.paramNames.map((n) => (
              <option key={n} value={n} disabled={n === y}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Down
          <select value={y} onChange={(e) => o.setAxes({ x, y: e.target.value })}>
            {run.paramNames.map((n) => (
              <option key={n} value={n} disabled={n === x}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="heatmap" aria-label={`Heatmap ${y} by ${x}`}>
        <thead>
          <tr>
            <th>
              {y} ↓ · {x} →
            </th>
            {xs.map((v) => (
              <th key={v} className="num">
                {v}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ys.map((vy) => (
            <tr key={vy}>
              <th className="num">{vy}</th>
              {xs.map((vx) => {
                const score = cell.get(`${vx}|${vy}`);
                const label = `${x} ${vx}, ${y} ${vy}: ${score === undefined ? 'not tried' : score === null ? 'no passing set' : objectiveText(run, score)}`;
                return (
                  <td
                    key={vx}
                    className={`num heat-cell${score == null ? ' empty' : ''}`}
                    style={score == null ? undefined : { background: heat(score, low, high) }}
                    title={label}
                    aria-label={label}
                  >
                    {score === undefined ? '' : objectiveText(run, score)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every set tried, sortable by any column (click a header; again to reverse), best set marked. */
export function OptimiseTable({ o, run }: { o: Optimise; run: OptimisationRunDto }) {
  const columns: { key: SortKey; label: string }[] = [
    ...run.paramNames.map((p) => ({ key: { param: p }, label: p })),
    { key: { metric: 'objective' }, label: `Score (${OBJECTIVE_LABEL[run.settings.objective]})` },
    ...METRIC_COLUMNS.map((c) => ({ key: { metric: c.metric }, label: c.label })),
  ];
  const active = JSON.stringify(o.sort.key);
  return (
    <div className="table-scroll optimise-table">
      <table aria-label="Optimisation results">
        <thead>
          <tr>
            {columns.map((c) => {
              const on = JSON.stringify(c.key) === active;
              return (
                <th
                  key={c.label}
                  className="num"
                  aria-sort={on ? (o.sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" className="link" onClick={() => o.sortBy(c.key)}>
                    {c.label}
                    {on ? (o.sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              );
            })}
            <th>Constraints</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {o.sorted.map((r) => {
            const key = JSON.stringify(r.params);
            return (
              <tr
                key={key}
                className={r.index === run.bestIndex ? 'chosen' : r.violations.length > 0 ? 'fails' : ''}
              >
                {run.paramNames.map((p) => (
                  <td key={p} className="num">
                    {r.params[p]}
                  </td>
                ))}
                <td className="num">{objectiveText(run, r.objective)}</td>
                {METRIC_COLUMNS.map((c) => (
                  <td key={c.metric} className="num">
                    {metricText(run, c.metric, r.metrics[c.metric])}
                  </td>
                ))}
                <td>
                  {r.index === run.bestIndex
                    ? 'best'
                    : r.violations.length > 0
                      ? r.violations.join('; ')
                      : 'pass'}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    disabled={o.testing !== null}
                    aria-label={`Backtest ${run.paramNames.map((p) => `${p} ${r.params[p]}`).join(', ')}`}
                    onClick={() => void o.backtestSet(r.params)}
                  >
                    {o.testing === key ? 'Running…' : 'Backtest this set'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

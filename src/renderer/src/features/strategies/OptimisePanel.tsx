import type { StrategyVersionDto } from '../../../../shared/contract/strategies';
import { formatTs } from '../../shared/format';
import { OptimiseHeatmap, OptimiseTable } from './OptimiseResults';
import { type OptimiseForm, type OptimiseMode, useOptimise } from './use-optimise';
import { WalkForwardView } from './WalkForwardView';

const OBJECTIVES: { value: OptimiseForm['objective']; label: string }[] = [
  { value: 'net-profit', label: 'Net profit' },
  { value: 'profit-factor', label: 'Profit factor' },
  { value: 'sharpe', label: 'Sharpe ratio' },
  { value: 'return-drawdown', label: 'Return / drawdown' },
];

/**
 * Optimisation of a strategy's parameters marked optimise: grid or random search on every core,
 * an objective and constraints, walk-forward or a plain in/out split; results as a sortable
 * table and a heatmap, each set one click from a normal backtest report.
 */
export function OptimisePanel({
  strategyId,
  versions,
  onReport,
}: {
  strategyId: string;
  versions: StrategyVersionDto[];
  onReport: (runId: string) => void;
}) {
  const o = useOptimise(strategyId, versions, onReport);
  const { form, run, progress } = o;
  const working = run !== null && (run.status === 'queued' || run.status === 'running');
  const version = versions.find((v) => v.id === form?.versionId);
  const ranges = version?.graph.params.filter((p) => p.optimise) ?? [];
  const set = (change: Partial<OptimiseForm>) => form && o.setForm({ ...form, ...change });
  return (
    <section className="card optimise-panel" aria-label="Optimisation">
      <h2>Optimisation</h2>
      {o.error && (
        <p className="error" role="alert">
          {o.error}
        </p>
      )}
      {!form ? (
        <p className="hint">Import candle data first: an optimisation replays your own data.</p>
      ) : (
        <form
          className="backtest-form"
          onSubmit={(e) => {
            e.preventDefault();
            void o.start();
          }}
        >
          <label>
            Version
            <select value={form.versionId} onChange={(e) => set({ versionId: e.target.value })}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.number}
                </option>
              ))}
            </select>
          </label>
          <label>
            Instrument
            <select value={form.symbol} onChange={(e) => o.pickSymbol(e.target.value)}>
              {[...new Set(o.datasets.map((d) => d.symbol))].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            From (UTC)
            <input type="datetime-local" value={form.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label>
            To (UTC)
            <input type="datetime-local" value={form.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <label>
            Balance
            <input
              type="number"
              min={1}
              step="any"
              value={form.balance}
              onChange={(e) => set({ balance: Number(e.target.value) })}
            />
          </label>
          <label>
            Search
            <select
              value={form.method}
              onChange={(e) => set({ method: e.target.value as OptimiseForm['method'] })}
            >
              <option value="grid">grid (every set)</option>
              <option value="random">random (a seeded sample)</option>
            </select>
          </label>
          {form.method === 'random' && (
            <>
              <label>
                Samples
                <input
                  type="number"
                  min={1}
                  max={10_000}
                  value={form.samples}
                  onChange={(e) => set({ samples: Number(e.target.value) })}
                />
              </label>
              <label>
                Seed
                <input
                  type="number"
                  min={0}
                  value={form.seed}
                  onChange={(e) => set({ seed: Number(e.target.value) })}
                />
              </label>
            </>
          )}
          <label>
            Objective
            <select
              value={form.objective}
              onChange={(e) => set({ objective: e.target.value as OptimiseForm['objective'] })}
            >
              {OBJECTIVES.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Max drawdown %
            <input
              type="number"
              min={0}
              max={100}
              step="any"
              placeholder="any"
              value={form.maxDrawdownPct}
              onChange={(e) => set({ maxDrawdownPct: e.target.value })}
            />
          </label>
          <label>
            Min trades
            <input
              type="number"
              min={0}
              step={1}
              placeholder="any"
              value={form.minTrades}
              onChange={(e) => set({ minTrades: e.target.value })}
            />
          </label>
          <label>
            Mode
            <select value={form.mode} onChange={(e) => set({ mode: e.target.value as OptimiseMode })}>
              <option value="optimise">optimise the whole span</option>
              <option value="walk-forward">walk-forward (rolling windows)</option>
              <option value="split">in-sample / out-of-sample split</option>
            </select>
          </label>
          {form.mode === 'walk-forward' && (
            <label>
              Windows
              <input
                type="number"
                min={1}
                max={100}
                value={form.windows}
                onChange={(e) => set({ windows: Number(e.target.value) })}
              />
            </label>
          )}
          {form.mode !== 'optimise' && (
            <label>
              In-sample %
              <input
                type="number"
                min={5}
                max={95}
                value={form.inSamplePct}
                onChange={(e) => set({ inSamplePct: Number(e.target.value) })}
              />
            </label>
          )}
          <button type="submit" className="primary" disabled={working || ranges.length === 0}>
            {form.mode === 'optimise' ? 'Optimise' : 'Walk forward'}
          </button>
          {working && (
            <button type="button" onClick={() => void o.cancel()}>
              Cancel
            </button>
          )}
          <span className="hint">
            {ranges.length === 0
              ? 'No parameter of this version is marked optimise: tick optimise on a parameter in the builder.'
              : `Searches ${ranges.map((p) => `${p.name} ${p.optimise!.min}–${p.optimise!.max} by ${p.optimise!.step}`).join(', ')}.`}
          </span>
        </form>
      )}
      {run && (working || run.status !== 'completed') && (
        <div className="backtest-progress">
          <progress max={100} value={progress?.percent ?? run.progress} aria-label="Optimisation progress" />
          <span role="status">
            {progress?.status ?? run.status} · {Math.round(progress?.percent ?? run.progress)} % ·{' '}
            {progress?.setsDone ?? run.setsDone} / {run.setsTotal} backtests
            {progress?.etaSeconds != null && working ? ` · ${Math.ceil(progress.etaSeconds)} s left` : ''}
          </span>
          {run.error && <span className="error">{run.error}</span>}
        </div>
      )}
      {run && !working && (
        <div className="optimise-results">
          <p className="hint" role="status">
            {run.status} · version {run.versionNumber} · {run.symbol} {run.timeframe} · {formatTs(run.fromTs)}{' '}
            → {formatTs(run.toTs)} UTC · {run.setsDone} backtests on {run.settings.threads} thread
            {run.settings.threads === 1 ? '' : 's'}
            {run.results && run.bestIndex === null ? ' · no set passed the constraints' : ''}
          </p>
          {run.results && run.results.length > 0 && (
            <>
              <OptimiseHeatmap o={o} run={run} />
              <OptimiseTable o={o} run={run} />
            </>
          )}
          <WalkForwardView o={o} run={run} />
        </div>
      )}
      {o.history.length > 0 && (
        <details className="optimise-history">
          <summary>Earlier optimisations ({o.history.length})</summary>
          <ul>
            {o.history.map((h) => (
              <li key={h.id}>
                <button type="button" className="link" onClick={() => void o.open(h.id)}>
                  {formatTs(h.createdAt)} · v{h.versionNumber} · {h.symbol} ·{' '}
                  {h.settings.walkForward
                    ? `walk-forward ${h.settings.walkForward.windows}`
                    : h.settings.method}{' '}
                  · {h.settings.objective} · {h.status}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

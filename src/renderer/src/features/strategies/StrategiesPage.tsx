import { EmptyState } from '../../shared/EmptyState';
import { formatTs } from '../../shared/format';
import type { ChartTheme } from '../../shared/theme';
import { BacktestReport } from './BacktestReport';
import { OptimisePanel } from './OptimisePanel';
import { StrategyBuilder } from './StrategyBuilder';
import { useStrategies } from './use-strategies';
import './strategies.css';

/** Strategies: the list, a strategy's versions and backtest runs with their reports, and the builder. */
export function StrategiesPage({ theme }: { theme: ChartTheme }) {
  const s = useStrategies();
  if (s.builder) {
    return (
      <StrategyBuilder
        key={`${s.builder.strategy?.id ?? 'new'}:${s.builder.version?.id ?? ''}`}
        target={s.builder}
        theme={theme}
        onBack={(id) => void s.closeBuilder(id)}
      />
    );
  }
  const chosen = s.chosen;
  return (
    <div className="page strategies-page">
      {s.error && (
        <p className="error" role="alert">
          {s.error}
        </p>
      )}
      <section className="card" aria-labelledby="strategies-title">
        <div className="card-head">
          <h1 id="strategies-title">Strategies</h1>
          <button type="button" className="primary" onClick={() => void s.openBuilder(null)}>
            New strategy
          </button>
        </div>
        {s.loaded && s.strategies.length === 0 ? (
          <EmptyState
            title="No strategy yet"
            actions={
              <button type="button" className="primary" onClick={() => void s.openBuilder(null)}>
                Build one
              </button>
            }
          >
            A strategy is a set of rules drawn as a graph: sources (prices, indicators, time), operators
            (compare, crosses, and/or) and actions (enter, exit). Build one from the palette, save it, and
            backtest it on your data.
          </EmptyState>
        ) : (
          <table aria-label="Strategies">
            <thead>
              <tr>
                <th>Title</th>
                <th>Slug</th>
                <th>Status</th>
                <th className="num">Versions</th>
                <th>Updated (UTC)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {s.strategies.map((x) => (
                <tr
                  key={x.id}
                  aria-selected={chosen?.id === x.id}
                  className={chosen?.id === x.id ? 'chosen' : ''}
                >
                  <td>
                    <button type="button" className="link" onClick={() => void s.choose(x.id)}>
                      {x.title}
                    </button>
                  </td>
                  <td>
                    <code>{x.slug}</code>
                  </td>
                  <td>{x.status}</td>
                  <td className="num">{x.latestVersion}</td>
                  <td>{formatTs(x.updatedAt)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => void s.openBuilder(x.id)}>
                      Open builder
                    </button>
                    <button type="button" onClick={() => void s.archive(x.id)}>
                      Archive
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {chosen && (
        <section className="card" aria-label={`Versions of ${chosen.title}`}>
          <h2>Versions of {chosen.title}</h2>
          <p className="hint">Every save is a new version; old versions stay runnable.</p>
          <table aria-label="Versions">
            <thead>
              <tr>
                <th className="num">Version</th>
                <th>Saved (UTC)</th>
                <th className="num">Nodes</th>
                <th>Notes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {s.versions.map((v) => (
                <tr key={v.id}>
                  <td className="num">{v.number}</td>
                  <td>{formatTs(v.createdAt)}</td>
                  <td className="num">{v.graph.nodes.length}</td>
                  <td>{v.notes || <span className="hint">—</span>}</td>
                  <td className="actions">
                    <button type="button" onClick={() => void s.openBuilder(chosen.id, v.id)}>
                      Open version {v.number}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {chosen && (
        <section className="card" aria-label="Backtest runs">
          <h2>Backtest runs</h2>
          {s.runs.length === 0 ? (
            <p className="hint">No run yet: open the builder and run a backtest.</p>
          ) : (
            <table aria-label="Runs">
              <thead>
                <tr>
                  <th>Started (UTC)</th>
                  <th className="num">Version</th>
                  <th>Instrument</th>
                  <th>Span (UTC)</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {s.runs.map((r) => (
                  <tr key={r.id}>
                    <td>{formatTs(r.createdAt)}</td>
                    <td className="num">{r.versionNumber}</td>
                    <td>
                      {r.symbol} {r.timeframe}
                    </td>
                    <td>
                      {formatTs(r.fromTs)} → {formatTs(r.toTs)}
                    </td>
                    <td>{r.status}</td>
                    <td className="actions">
                      <button
                        type="button"
                        disabled={r.status !== 'completed'}
                        onClick={() => void s.openReport(r.id)}
                      >
                        Open report
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {chosen && s.versions.length > 0 && (
        <OptimisePanel
          key={chosen.id}
          strategyId={chosen.id}
          versions={s.versions}
          onReport={(runId) => void s.openRunReport(runId)}
        />
      )}

      {s.report && (
        <>
          <button type="button" className="close-report" onClick={() => s.setReport(null)}>
            Close report
          </button>
          <BacktestReport run={s.report} />
        </>
      )}
    </div>
  );
}

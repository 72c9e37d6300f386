import { formatMoney, formatPct } from '../../shared/format';
import { useMonteCarlo } from './use-monte-carlo';

/**
 * Monte Carlo on the run's closed trades: reshuffled (same trades, random order) or resampled
 * (drawn with replacement) paths, with percentiles of final equity and max drawdown, and the
 * chance of losing `ruinPct` of the balance somewhere along the way.
 */
export function MonteCarloPanel({ runId, currency }: { runId: string; currency: string }) {
  const { form, setForm, result, error, busy, run } = useMonteCarlo(runId);
  const money = (c: number) => formatMoney(c, currency);
  return (
    <section className="monte-carlo" aria-label="Monte Carlo">
      <h3>Monte Carlo</h3>
      <form
        className="backtest-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Paths
          <input
            type="number"
            min={100}
            max={100_000}
            step={100}
            value={form.paths}
            onChange={(e) => setForm({ ...form, paths: Number(e.target.value) })}
          />
        </label>
        <label>
          Method
          <select
            value={form.mode}
            onChange={(e) => setForm({ ...form, mode: e.target.value as 'reshuffle' | 'resample' })}
          >
            <option value="reshuffle">reshuffle (same trades, random order)</option>
            <option value="resample">resample (drawn with replacement)</option>
          </select>
        </label>
        <label>
          Ruin at a loss of (%)
          <input
            type="number"
            min={1}
            max={100}
            step="any"
            value={form.ruinPct}
            onChange={(e) => setForm({ ...form, ruinPct: Number(e.target.value) })}
          />
        </label>
        <label>
          Seed
          <input
            type="number"
            min={0}
            step={1}
            value={form.seed}
            onChange={(e) => setForm({ ...form, seed: Number(e.target.value) })}
          />
        </label>
        <button type="submit" disabled={busy}>
          Run Monte Carlo
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {result && (
        <>
          <p className="hint" role="status">
            {result.paths.toLocaleString('en-US')} {result.mode}d paths of {result.trades} trades from{' '}
            {money(result.initialCents)} · chance of ruin (a {result.ruinPct} % loss):{' '}
            <strong>{formatPct(result.ruinProbability * 100)}</strong>
          </p>
          <p className="hint">
            Equity here is the balance at each trade's close, so drawdowns can be smaller than the report's,
            which also marks open positions to the market.
          </p>
          <table aria-label="Monte Carlo percentiles">
            <thead>
              <tr>
                <th>Percentile</th>
                {result.percentiles.map((p) => (
                  <th key={p} className="num">
                    {p} %
                  </th>
                ))}
                <th className="num">Actual order</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Final equity</th>
                {result.finalEquityCents.map((c, i) => (
                  <td key={result.percentiles[i]} className="num">
                    {money(c)}
                  </td>
                ))}
                <td className="num">{money(result.actual.finalEquityCents)}</td>
              </tr>
              <tr>
                <th scope="row">Max drawdown</th>
                {result.maxDrawdownCents.map((c, i) => (
                  <td key={result.percentiles[i]} className="num">
                    {money(c)}
                  </td>
                ))}
                <td className="num">{money(result.actual.maxDrawdownCents)}</td>
              </tr>
              <tr>
                <th scope="row">Max drawdown %</th>
                {result.maxDrawdownPct.map((v, i) => (
                  <td key={result.percentiles[i]} className="num">
                    {formatPct(v)}
                  </td>
                ))}
                <td className="num">{formatPct(result.actual.maxDrawdownPct)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

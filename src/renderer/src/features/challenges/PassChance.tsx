import type { ChallengeTemplateDto, PassChanceRunDto } from '../../../../shared/contract/challenges';
import { usePassChance } from './use-pass-chance';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const days = (run: PassChanceRunDto) =>
  run.medianDaysToPass === null ? 'never passes' : `${run.medianDaysToPass} days`;

/**
 * Chance of passing: the trader's own closed trades (in R) replayed 10,000 times under a phase's
 * rules, at a chosen risk per trade and at the risk that passes most often.
 */
export function PassChance({ templates }: { templates: ChallengeTemplateDto[] }) {
  const { draft, set, chance, error, busy, compute } = usePassChance(templates[0]?.id);
  const template = templates.find((t) => t.id === draft.templateId);
  const result = chance?.result ?? null;

  return (
    <section className="card pass-chance" aria-labelledby="pass-chance-title">
      <h2 id="pass-chance-title">Chance of passing</h2>
      <p className="hint">
        Your closed trades with a stop loss at entry, in R, drawn at random 10,000 times under the rulebook's
        daily and overall loss limits, target, trading days and time limit.
      </p>
      <form className="pass-chance-form" aria-label="Chance of passing" onSubmit={compute}>
        <label>
          Rulebook
          <select
            value={draft.templateId}
            onChange={(e) => {
              set('templateId', e.target.value);
              set('phase', 0);
            }}
          >
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.template.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Phase
          <select value={draft.phase} onChange={(e) => set('phase', Number(e.target.value))}>
            {(template?.template.phases ?? []).map((p, i) => (
              <option key={p.name} value={i}>
                {i + 1}. {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Risk per trade (%)
          <input
            type="number"
            min="0.05"
            max="10"
            step="0.05"
            value={draft.riskPct}
            onChange={(e) => set('riskPct', e.target.value)}
          />
        </label>
        <label>
          Trades a day
          <input
            type="number"
            min="1"
            max="100"
            step="1"
            placeholder="your pace"
            value={draft.tradesPerDay}
            onChange={(e) => set('tradesPerDay', e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !draft.templateId}>
          {busy ? 'Computing…' : 'Compute'}
        </button>
      </form>
      {error && (
        <div role="alert" className="error">
          {error}
        </div>
      )}
      {chance && result === null && (
        <p className="pass-chance-empty" role="status">
          Not enough trades yet: {chance.trades} closed {chance.trades === 1 ? 'trade' : 'trades'} with a stop
          loss at entry, at least {chance.minTrades} needed. Trade a few sessions with a stop loss on every
          order (a trade without one has no R) and come back.
        </p>
      )}
      {chance && result && (
        <section className="pass-chance-result" aria-label="Chance of passing result">
          <p className="hint">
            {chance.trades} trades, mean {result.averageR.toFixed(2)} R, {result.tradesPerDay} a day;{' '}
            {chance.templateName}: {chance.phaseName}; at most {result.maxDays} days.
          </p>
          <dl className="pass-chance-figures">
            <div>
              <dt>Pass</dt>
              <dd className="pass">{pct(result.chosen.pass)}</dd>
            </div>
            <div>
              <dt>Breach</dt>
              <dd className="breach">{pct(result.chosen.breach)}</dd>
            </div>
            <div>
              <dt>Out of time</dt>
              <dd>{pct(result.chosen.timeout)}</dd>
            </div>
            <div>
              <dt>Median days to pass</dt>
              <dd>{days(result.chosen)}</dd>
            </div>
          </dl>
          <p className="pass-chance-best">
            Best risk per trade: <strong>{result.best.riskPct} %</strong>, passing {pct(result.best.pass)} (
            {days(result.best)})
            {result.best.riskPct === result.chosen.riskPct ? ': the risk you chose.' : '.'}
          </p>
          <table aria-label="Pass chance by risk per trade">
            <thead>
              <tr>
                <th className="num">Risk a trade</th>
                <th className="num">Pass</th>
                <th className="num">Breach</th>
                <th className="num">Out of time</th>
                <th className="num">Median days</th>
              </tr>
            </thead>
            <tbody>
              {result.candidates.map((c) => (
                <tr key={c.riskPct} className={c.riskPct === result.best.riskPct ? 'best' : undefined}>
                  <td className="num">{c.riskPct} %</td>
                  <td className="num">{pct(c.pass)}</td>
                  <td className="num">{pct(c.breach)}</td>
                  <td className="num">{pct(c.timeout)}</td>
                  <td className="num">{c.medianDaysToPass ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

import { formatMoney, formatTs } from '../../shared/format';
import { RULE_NAMES, ruleLines } from './challenge-words';
import { PassChance } from './PassChance';
import { useChallenges } from './use-challenges';
import './challenges.css';

/** Challenges: the rulebooks (presets and your copies), starting one, and your challenges. */
export function ChallengesPage({ onOpen }: { onOpen: (sessionId: string) => void }) {
  const {
    templates,
    challenges,
    datasets,
    draft,
    setDraft,
    error,
    busy,
    prepare,
    set,
    pickSymbol,
    start,
    copy,
    editing,
    setEditing,
    edit,
    saveEdit,
    buy,
    buyNotice,
  } = useChallenges(onOpen);
  const chosen = draft ? templates.find((t) => t.id === draft.templateId) : undefined;

  return (
    <div className="page challenges-page">
      {error && (
        <div role="alert" className="error">
          {error}
        </div>
      )}
      {buyNotice && (
        <p className="notice" role="status">
          {buyNotice}
        </p>
      )}
      <section className="card" aria-labelledby="challenges-title">
        <h1 id="challenges-title">Your challenges</h1>
        {challenges.length === 0 ? (
          <p className="hint">No challenge yet: start one from a rulebook below.</p>
        ) : (
          <table aria-label="Challenges">
            <thead>
              <tr>
                <th>Rulebook</th>
                <th>Phase</th>
                <th>Instrument</th>
                <th>Started (UTC)</th>
                <th>Status</th>
                <th className="num">Balance</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {challenges.map((c) => (
                <tr key={c.id}>
                  <td>{c.templateName}</td>
                  <td>
                    {c.phaseName} ({c.phaseIndex + 1} of {c.phaseCount})
                  </td>
                  <td>{c.symbol}</td>
                  <td>{formatTs(c.startTs)}</td>
                  <td>
                    <span className={`challenge-status ${c.status.toLowerCase()}`}>{c.status}</span>
                    {c.breach && (
                      <div className="hint" title={c.breach.message}>
                        {RULE_NAMES[c.breach.rule] ?? c.breach.rule} at {formatTs(c.breach.ts)}
                      </div>
                    )}
                  </td>
                  <td className="num">{formatMoney(c.balanceCents)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => onOpen(c.sessionId)}>
                      Open desk
                    </button>
                    {c.status === 'PASSED' && c.phaseIndex + 1 < c.phaseCount && (
                      <button type="button" onClick={() => prepare(c.templateId, c.phaseIndex + 1)}>
                        Start next phase
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {draft && chosen && (
        <form className="card challenge-start" aria-label="Start challenge" onSubmit={start}>
          <h2>
            Start {chosen.template.name}: {chosen.template.phases[draft.phase]?.name}
          </h2>
          <p className="hint">
            A new replay session with {formatMoney(chosen.template.initialBalanceCents)}; the rules are
            checked at every intrabar tick.
          </p>
          {datasets.length === 0 ? (
            <p className="hint">Import candle data first: a challenge replays your own data.</p>
          ) : (
            <>
              <label>
                Instrument
                <select value={draft.symbol} onChange={(e) => pickSymbol(e.target.value)}>
                  {[...new Set(datasets.map((d) => d.symbol))].map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Start (UTC)
                <input
                  type="datetime-local"
                  value={draft.startAt}
                  onChange={(e) => set('startAt', e.target.value)}
                />
              </label>
              <label>
                Phase
                <select value={draft.phase} onChange={(e) => set('phase', Number(e.target.value))}>
                  {chosen.template.phases.map((p, i) => (
                    <option key={p.name} value={i}>
                      {i + 1}. {p.name}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || datasets.length === 0}>
              Start challenge
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}

      {editing && (
        <form className="card challenge-edit" aria-label="Edit rulebook" onSubmit={saveEdit}>
          <h2>Edit rulebook</h2>
          <p className="hint">
            The rules as JSON; the README's "Challenge rules" section says what each field means. Running
            challenges keep the rules they started with.
          </p>
          <textarea
            aria-label="Rulebook JSON"
            spellCheck={false}
            value={editing.text}
            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
          />
          {editing.errors.length > 0 && (
            <ul role="alert" className="error" aria-label="Rulebook errors">
              {editing.errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  <code>{e.path}</code> {e.message}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}

      {templates.length > 0 && <PassChance templates={templates} />}

      <section className="card" aria-labelledby="rulebooks-title">
        <h2 id="rulebooks-title">Rulebooks</h2>
        <p className="hint">
          Presets in the style of common prop-firm evaluations (no real firm's rulebook); copy one to make it
          yours.
        </p>
        <ul className="rulebooks">
          {templates.map((t) => (
            <li key={t.id} className="rulebook" aria-label={t.template.name}>
              <header className="rulebook-head">
                <strong>{t.template.name}</strong>
                <span className="hint">
                  {t.builtIn ? 'Preset' : 'Your copy'} · {formatMoney(t.template.initialBalanceCents)}
                </span>
              </header>
              {t.paid && (
                <p className="paid-attempts">
                  Paid attempts: <strong>{t.paid.attemptsLeft}</strong>{' '}
                  {t.paid.attemptsLeft === 1 ? 'attempt' : 'attempts'} and{' '}
                  <strong>{t.paid.resetsLeft}</strong> {t.paid.resetsLeft === 1 ? 'reset' : 'resets'} left on
                  this computer
                </p>
              )}
              {t.template.phases.map((p) => (
                <div key={p.name} className="phase">
                  <em>{p.name}</em>
                  <ul>
                    {ruleLines(p, t.template.dayReset).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
              ))}
              <div className="actions">
                <button type="button" className="primary" onClick={() => prepare(t.id)}>
                  Start challenge
                </button>
                <button type="button" onClick={() => copy(t.id)}>
                  Copy
                </button>
                {!t.builtIn && (
                  <button type="button" onClick={() => edit(t)}>
                    Edit
                  </button>
                )}
                {t.paid && (
                  <>
                    <button type="button" onClick={() => buy(t.paid!.templateId, 'attempt')}>
                      Buy an attempt
                    </button>
                    <button type="button" onClick={() => buy(t.paid!.templateId, 'reset')}>
                      Buy a reset
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

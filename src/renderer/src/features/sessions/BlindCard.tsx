import type { BlindState } from './use-blind';

/** Starts a blind session and, once one ends, says what it was. */
export function BlindCard({ blind }: { blind: BlindState }) {
  const r = blind.revealed?.reveal;
  return (
    <section aria-labelledby="blind-title" className="card blind-card">
      <h2 id="blind-title">Blind practice</h2>
      <p className="hint">
        The app picks an instrument and a start from your data. Dates show as “Day 3 14:05”, jumping is
        locked, and everything is revealed when the session ends.
      </p>
      <label className="inline">
        <input type="checkbox" checked={blind.rebase} onChange={(e) => blind.setRebase(e.target.checked)} />{' '}
        Rebase prices (shift every price so the levels cannot be recognised)
      </label>
      <p>
        <button type="button" className="primary" disabled={blind.busy} onClick={() => void blind.start()}>
          Start a blind session
        </button>
      </p>
      {blind.error && (
        <div role="alert" className="error">
          {blind.error}
        </div>
      )}
      {blind.revealed && r && (
        <output className="blind-reveal" aria-label="Blind session revealed" style={{ display: 'block' }}>
          {blind.revealed.name} was {r.symbol} from {r.startAt.replace('T', ' ').replace('Z', '')} UTC to{' '}
          {r.endedAt.replace('T', ' ').replace('Z', '')} UTC
          {r.priceOffset !== 0
            ? `; its prices were shown ${r.priceOffset > 0 ? '+' : ''}${r.priceOffset} higher`
            : ''}
          .
        </output>
      )}
    </section>
  );
}

import './welcome.css';
import { useId } from 'react';
import type { Onboarding } from './use-onboarding';

/** The first steps, ticked off from what the trader really did (kept by main), and a way to close it. */
export function Checklist({
  onboarding,
  compact = false,
}: {
  onboarding: Onboarding;
  /** The small card that floats over the desk and the reports. */
  compact?: boolean;
}) {
  const { state, doneCount, total, dismiss, busy } = onboarding;
  const titleId = useId();
  if (!state) return null;
  const allDone = doneCount === total;
  return (
    <section className={`checklist${compact ? ' compact' : ''}`} aria-labelledby={titleId}>
      <div className="checklist-head">
        <h2 id={titleId}>First steps</h2>
        <output aria-label="Steps done">
          {doneCount} of {total} done
        </output>
        <button type="button" className="link" onClick={dismiss} disabled={busy}>
          {allDone ? 'Close' : 'Hide'}
        </button>
      </div>
      <ol aria-label="First steps">
        {state.checklist.map((c) => (
          <li key={c.step} className={c.doneAt !== null ? 'done' : undefined}>
            <span className="tick" aria-hidden="true">
              {c.doneAt !== null ? '✓' : ''}
            </span>
            <span>{c.label}</span>
            <span className="visually-hidden">{c.doneAt !== null ? ' (done)' : ' (to do)'}</span>
          </li>
        ))}
      </ol>
      {allDone && <p className="hint">All done: you know the desk. Import your own data next.</p>}
    </section>
  );
}

import './welcome.css';
import { Checklist } from './Checklist';
import type { Onboarding } from './use-onboarding';

const SAMPLE_WORDS: Record<string, string> = {
  importing: 'Preparing the sample data…',
  ready: 'Three weeks of EURUSD and GBPUSD M1, March 2024: generated data, not market prices.',
  missing: 'The sample (generated EURUSD and GBPUSD M1) is not in your data: it is imported on the click.',
  failed: 'The sample could not be imported',
};

/**
 * What a trader sees while there are no sessions: replay the sample in one click, or import
 * their own file; and the first-steps checklist.
 */
export function Welcome({
  onboarding,
  onOpen,
  onImport,
}: {
  onboarding: Onboarding;
  onOpen: (sessionId: string) => void;
  onImport: () => void;
}) {
  const { state, busy, error, showChecklist, replaySample } = onboarding;
  const sample = state?.sample;
  return (
    <section className="card welcome" aria-labelledby="welcome-title">
      <div className="welcome-main">
        <h1 id="welcome-title">Welcome to Tickstep</h1>
        <p>
          Trade the past bar by bar as if it were live: the future stays hidden, orders fill by the documented
          execution model, and every session ends in a report.
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary big"
            disabled={busy || !state}
            onClick={() => void replaySample(onOpen)}
          >
            {busy || sample?.state === 'importing' ? 'Preparing the sample…' : 'Replay the sample'}
          </button>
          <button type="button" className="big" onClick={onImport}>
            Import your own file
          </button>
        </div>
        {sample && (
          <output className="hint sample-state" aria-label="Sample data">
            {SAMPLE_WORDS[sample.state]}
            {sample.state === 'failed' && sample.message ? `: ${sample.message}` : ''}
          </output>
        )}
        <p className="hint">
          The sample session starts on Monday 4 March 2024 at 07:00 UTC with $10,000 at 1:100 and a one-pip
          spread. For settings of your own, use the new-session form below.
        </p>
        {error && (
          <div role="alert" className="error">
            {error}
          </div>
        )}
      </div>
      {showChecklist && <Checklist onboarding={onboarding} />}
    </section>
  );
}

import { useState } from 'react';
import { Checklist } from './Checklist';
import { useOnboarding } from './use-onboarding';

/**
 * The first steps in the top bar, on every page: the count ticks up as the trader does them, and
 * the list opens over the page without covering the desk until asked.
 */
export function FirstSteps() {
  const onboarding = useOnboarding();
  const [open, setOpen] = useState(false);
  if (!onboarding.showChecklist) return null;
  const { doneCount, total } = onboarding;
  return (
    <div className="first-steps">
      <button
        type="button"
        aria-expanded={open}
        aria-label={`Getting started, ${doneCount} of ${total} done`}
        className={doneCount === total ? 'all-done' : undefined}
        onClick={() => setOpen(!open)}
      >
        Getting started {doneCount}/{total}
      </button>
      {open && <Checklist onboarding={onboarding} compact />}
    </div>
  );
}

import type { AutomationArea, AutomationState } from '../use-automation';

/** The last error or notice of one card, shown in that card. */
export function AreaMessages({ state, area }: { state: AutomationState; area: AutomationArea }) {
  const { error, notice } = state;
  return (
    <>
      {notice?.area === area && (
        <output className="result" aria-label="Automation notice">
          {notice.message}
        </output>
      )}
      {error?.area === area && (
        <div role="alert" className="error">
          {error.quota && <strong>Plan limit reached. </strong>}
          {error.message}
        </div>
      )}
    </>
  );
}

import { formatDay } from '../../shared/format';
import type { SettingsPageState } from './use-settings';

const LICENCE_TONE: Record<string, 'good' | 'warn' | 'bad'> = {
  active: 'good',
  grace: 'warn',
  expired: 'bad',
  invalid: 'bad',
  none: 'warn',
};

/** The plan, the licence state and the usage against the plan limits. */
export function PlanCard({ state }: { state: SettingsPageState }) {
  const { plan, licence } = state;
  return (
    <section className="card" aria-label="Plan and usage">
      <h2>Plan and usage</h2>
      {plan && (
        <>
          <dl>
            <dt>Plan</dt>
            <dd>
              <output aria-label="Plan">
                {plan.isFree ? 'Free' : plan.plan[0]!.toUpperCase() + plan.plan.slice(1)}
              </output>
            </dd>
            <dt>Licence</dt>
            <dd>
              <output
                className={`badge ${LICENCE_TONE[licence?.state ?? 'none']}`}
                aria-label="Licence state"
              >
                {licence?.state === 'grace'
                  ? `Grace: ${licence.graceDaysLeft} day${licence.graceDaysLeft === 1 ? '' : 's'} left`
                  : (licence?.state ?? 'none')}
              </output>
            </dd>
            {licence?.expiresAt && (
              <>
                <dt>Valid until</dt>
                <dd>{formatDay(licence.expiresAt)}</dd>
              </>
            )}
          </dl>
          <p className="hint">{licence?.message}</p>
          {plan.usage.map((u) => (
            <div className="usage-row" key={u.kind}>
              <span>{u.label}</span>
              {u.limit === null ? (
                <span className="hint">No limit</span>
              ) : (
                <progress max={u.limit} value={Math.min(u.used, u.limit)} aria-label={u.label} />
              )}
              <span className="num">
                {u.used} / {u.limit ?? '∞'}
              </span>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

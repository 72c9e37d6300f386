import type { PracticeState } from './use-practice';

/** The practice streak on the home screen: current, best, the last day that counted, today's bars left. */
export function StreakCard({ state }: { state: PracticeState }) {
  const p = state.practice;
  if (!p) return null;
  return (
    <section className="card streak-card" aria-labelledby="streak-title">
      <h2 id="streak-title">Practice streak</h2>
      <dl className="metrics-grid" aria-label="Streak">
        <div>
          <dt>Current streak</dt>
          <dd>
            {p.currentStreakDays} {p.currentStreakDays === 1 ? 'day' : 'days'}
          </dd>
        </div>
        <div>
          <dt>Best streak</dt>
          <dd>
            {p.bestStreakDays} {p.bestStreakDays === 1 ? 'day' : 'days'}
          </dd>
        </div>
        <div>
          <dt>Last practice day</dt>
          <dd>{p.lastStreakDate ?? 'none yet'}</dd>
        </div>
        <div>
          <dt>Today</dt>
          <dd>{p.todayCounts ? 'counts' : `${p.barsLeftToday} bars to go`}</dd>
        </div>
      </dl>
      <p className="hint">
        A day counts when you complete a replay day or replay {p.barsPerDay} bars
        {p.reminderTime ? `; reminder at ${p.reminderTime} (${p.zone})` : ''}. Change it in Settings.
      </p>
    </section>
  );
}

import type { ChallengeEventDto, ChallengeReportDto } from '../../../../shared/contract/challenges';
import { formatMoney, formatTs } from '../../shared/format';
import '../challenges/challenges.css';

const cents = (v: unknown) => (typeof v === 'number' ? formatMoney(v) : '—');

/** One challenge event in words, with the numbers it carries. */
function describe(e: ChallengeEventDto): string {
  const d = e.detail;
  switch (e.kind) {
    case 'started':
      return `Started ${String(d.phase ?? '')} with ${cents(d.balanceCents)}`;
    case 'day-reset':
      return `Day ${String(d.dayNumber)} (${String(d.dayLabel)}): daily floor ${cents(d.dailyFloorCents)}, maximum-loss floor ${cents(d.overallFloorCents)}, ${String(d.tradingDays)} trading days so far`;
    case 'deadline':
      return `Last day of the time limit: day ${String(d.dayNumber)} of ${String(d.daysAllowed)}`;
    case 'passed':
      return 'Phase passed: every objective met';
    case 'failed':
    case 'ended':
      return typeof d.message === 'string' ? d.message.charAt(0).toUpperCase() + d.message.slice(1) : e.kind;
  }
}

/** The challenge part of a session's report: the rulebook, how it ended, and its events in order. */
export function ChallengeOutcome({ challenge }: { challenge: ChallengeReportDto }) {
  return (
    <section className="card challenge-outcome" aria-label="Challenge outcome">
      <h2>
        Challenge: {challenge.templateName}, {challenge.phaseName}{' '}
        <span className={`challenge-status ${challenge.status.toLowerCase()}`}>{challenge.status}</span>
      </h2>
      <p>{challenge.outcome.charAt(0).toUpperCase() + challenge.outcome.slice(1)}.</p>
      <table aria-label="Challenge events">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Event</th>
          </tr>
        </thead>
        <tbody>
          {challenge.events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events are an append-only list, several can share a time
            <tr key={i} className={`event-${e.kind}`}>
              <td>{formatTs(e.ts)}</td>
              <td>{describe(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

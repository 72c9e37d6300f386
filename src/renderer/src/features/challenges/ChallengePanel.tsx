import { useState } from 'react';
import type { ChallengeDto } from '../../../../shared/contract/challenges';
import { formatMoney, formatTs } from '../../shared/format';
import { RULE_NAMES } from './challenge-words';

interface Objective {
  name: string;
  /** 0..1 of the way to the objective (or of the limit used). */
  share: number;
  value: string;
  room: string;
  met: boolean;
  danger?: boolean;
  /** A limit that was broken. */
  broken?: boolean;
}

function objectives(c: ChallengeDto, currency: string): Objective[] {
  const p = c.progress;
  const m = (cents: number) => formatMoney(cents, currency);
  const out: Objective[] = [];
  if (p.profitTarget) {
    const t = p.profitTarget;
    out.push({
      name: 'Profit target',
      share: Math.max(0, Math.min(1, t.profitCents / t.targetCents)),
      value: `${m(t.profitCents)} of ${m(t.targetCents)}`,
      room: t.met ? 'Met' : `${m(t.remainingCents)} to go`,
      met: t.met,
    });
  }
  if (p.dailyLoss) {
    const d = p.dailyLoss;
    out.push({
      name: 'Daily loss',
      share: Math.max(0, Math.min(1, 1 - d.roomCents / d.limitCents)),
      value: `${d.base} floor ${m(d.floorCents)}`,
      room: `${m(Math.max(0, d.roomCents))} left`,
      met: d.roomCents > 0,
      danger: d.roomCents < d.limitCents * 0.25,
      broken: c.breach?.rule === 'daily-loss',
    });
  }
  if (p.overallLoss) {
    const o = p.overallLoss;
    out.push({
      name: 'Maximum loss',
      share: Math.max(0, Math.min(1, 1 - o.roomCents / o.limitCents)),
      value: `equity floor ${m(o.floorCents)}${o.locked ? ' (locked)' : ''}`,
      room: `${m(Math.max(0, o.roomCents))} left`,
      met: o.roomCents > 0,
      danger: o.roomCents < o.limitCents * 0.25,
      broken: c.breach?.rule === 'overall-loss',
    });
  }
  if (p.tradingDays.required > 0) {
    const t = p.tradingDays;
    out.push({
      name: 'Trading days',
      share: Math.min(1, t.counted / t.required),
      value: `${t.counted} of ${t.required}`,
      room: t.met ? 'Met' : `${t.required - t.counted} to go`,
      met: t.met,
    });
  }
  if (p.timeLimit) {
    const t = p.timeLimit;
    out.push({
      name: 'Time limit',
      share: Math.min(1, 1 - t.daysLeft / t.daysAllowed),
      value: `day ${p.dayNumber} of ${t.daysAllowed}`,
      room: `${t.daysLeft} days left`,
      met: t.daysLeft > 0,
      danger: t.daysLeft <= 2,
    });
  }
  if (p.consistency) {
    const k = p.consistency;
    out.push({
      name: 'Consistency',
      share: k.allowedBestDayCents > 0 ? Math.min(1, k.bestDayCents / k.allowedBestDayCents) : 0,
      value: `best day ${m(k.bestDayCents)}, at most ${k.maxDayPct} % of the profit`,
      room: `allowed ${m(k.allowedBestDayCents)}`,
      met: k.met,
    });
  }
  if (p.openLots) {
    out.push({
      name: 'Open lots',
      share: Math.min(1, p.openLots.current / p.openLots.max),
      value: `${p.openLots.current} of ${p.openLots.max}`,
      room: `${Math.max(0, p.openLots.max - p.openLots.current).toFixed(2)} lots left`,
      met: p.openLots.current <= p.openLots.max,
    });
  }
  return out;
}

/** The challenge dashboard on the desk: status, each objective with its progress and room left. */
export function ChallengePanel({
  challenge,
  currency,
  onEnd,
}: {
  challenge: ChallengeDto;
  currency: string;
  /** Ends the challenge early, as the trader's decision (asked to confirm first). */
  onEnd: () => void;
}) {
  const c = challenge;
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card challenge-panel" aria-label="Challenge">
      <header className="challenge-panel-head">
        <strong>
          {c.templateName}: {c.phaseName}
        </strong>
        <span className={`challenge-status ${c.status.toLowerCase()}`} role="status">
          {c.status}
        </span>
      </header>
      <p className="hint">
        Day {c.progress.dayNumber} ({c.progress.dayLabel}) · reset {c.dayReset.time} {c.dayReset.zone}
      </p>
      {c.breach && (
        <div role="alert" className="error challenge-breach">
          <strong>{RULE_NAMES[c.breach.rule] ?? c.breach.rule}</strong>
          <div>
            At {formatTs(c.breach.ts)} UTC (intrabar tick {c.breach.tick}):{' '}
            {c.breach.message.slice(c.breach.message.indexOf('): ') + 3)}
          </div>
        </div>
      )}
      {c.status === 'PASSED' && (
        <p className="challenge-passed" role="note">
          Phase passed at {formatTs(c.passedTs)}. Start the next phase from the Challenges page.
        </p>
      )}
      {c.status === 'ENDED' && (
        <p className="hint" role="note">
          You ended this challenge before a pass or a breach. Its report is on the Reports page.
        </p>
      )}
      <ul className="objectives" aria-label="Objectives">
        {objectives(c, currency).map((o) => (
          <li key={o.name} className={o.broken ? 'broken' : o.met ? (o.danger ? 'danger' : 'ok') : 'open'}>
            <div className="objective-head">
              <span>{o.name}</span>
              <span>{o.room}</span>
            </div>
            <div className="bar" aria-hidden="true">
              <span style={{ width: `${Math.round(o.share * 100)}%` }} />
            </div>
            <div className="hint">{o.value}</div>
          </li>
        ))}
      </ul>
      {c.status === 'ACTIVE' &&
        (confirming ? (
          <fieldset className="challenge-end" aria-label="End challenge">
            <p>End it now? Open positions close at the current price and the session ends with a report.</p>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                onEnd();
              }}
            >
              End and report
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep trading
            </button>
          </fieldset>
        ) : (
          <button type="button" className="challenge-end-button" onClick={() => setConfirming(true)}>
            End challenge
          </button>
        ))}
    </section>
  );
}

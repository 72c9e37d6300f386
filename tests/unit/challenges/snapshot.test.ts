/** The evaluator's state survives a snapshot and restore (the app stores it with every step). */
import { describe, expect, it } from 'vitest';
import { DAY, INITIAL, MONDAY, makeEvaluator, phase, run, type Step } from './helpers';

const rules = phase({
  profitTargetPct: 10,
  minTradingDays: 2,
  maxDailyLoss: { limitPct: 5, base: 'equity', reference: 'start-of-day-balance' },
  maxOverallLoss: { limitPct: 10, mode: 'trailing-equity', lockAtInitial: true },
  consistency: { maxDayPctOfProfit: 60 },
});

function steps(): Step[] {
  const out: Step[] = [];
  let balance = INITIAL;
  for (let d = 0; d < 6; d++) {
    const ts = MONDAY + d * DAY + 3600;
    out.push({
      ts,
      balance,
      equity: balance,
      lots: 1,
      events: [{ kind: 'opened', ts, positionId: `p${d}`, lots: 1, riskCents: 1000 }],
    });
    out.push({ ts: ts + 60, balance, equity: balance - 200_000 + d * 10_000, lots: 1 });
    balance += d % 2 === 0 ? 300_000 : -100_000;
    out.push({
      ts: ts + 120,
      balance,
      equity: balance,
      events: [{ kind: 'closed', ts: ts + 120, positionId: `p${d}` }],
    });
  }
  return out;
}

describe('evaluator snapshot', () => {
  it('a restored evaluator answers exactly like one fed without a break, at every cut', () => {
    const all = steps();
    const whole = run(makeEvaluator(rules), all);
    for (let cut = 0; cut <= all.length; cut++) {
      const first = run(makeEvaluator(rules), all.slice(0, cut));
      const json = JSON.parse(JSON.stringify(first.snapshot()));
      const resumed = run(makeEvaluator(rules).restore(json), all.slice(cut));
      expect(resumed.progress()).toEqual(whole.progress());
      expect(resumed.snapshot()).toEqual(whole.snapshot());
    }
  });

  it('dayNumber follows the resets', () => {
    const ev = makeEvaluator(rules);
    expect(ev.dayNumber).toBe(1);
    run(ev, [{ ts: MONDAY + 2 * DAY + 5, balance: INITIAL, equity: INITIAL }]);
    expect(ev.dayNumber).toBe(3);
  });
});

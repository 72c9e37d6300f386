import type { ChallengeTemplate } from '../../../../core/challenges/rulebook';

type Phase = ChallengeTemplate['phases'][number];

/** A phase's rules in one line each, as the trader reads them on a firm's page. */
export function ruleLines(phase: Phase, dayReset: ChallengeTemplate['dayReset']): string[] {
  const out: string[] = [];
  out.push(phase.profitTargetPct === null ? 'No profit target' : `Profit target ${phase.profitTargetPct} %`);
  if (phase.maxDailyLoss) {
    const d = phase.maxDailyLoss;
    const reference =
      d.reference === 'start-of-day-balance'
        ? "the day's opening balance"
        : 'max(balance, equity) at the reset';
    out.push(
      `Daily loss ${d.limitPct} % of ${d.base} from ${reference}, reset ${dayReset.time} ${dayReset.zone}`,
    );
  }
  if (phase.maxOverallLoss) {
    const o = phase.maxOverallLoss;
    const mode =
      o.mode === 'static'
        ? 'static'
        : o.mode === 'trailing-equity'
          ? 'trailing the equity high'
          : 'trailing the day-end balance';
    out.push(
      `Maximum loss ${o.limitPct} %, ${mode}${o.lockAtInitial && o.mode !== 'static' ? ', locks at the start balance' : ''}`,
    );
  }
  if (phase.minTradingDays > 0) out.push(`At least ${phase.minTradingDays} trading days`);
  if (phase.timeLimitDays !== null) out.push(`Time limit ${phase.timeLimitDays} days`);
  if (phase.consistency) out.push(`No day above ${phase.consistency.maxDayPctOfProfit} % of the profit`);
  if (phase.maxOpenLots !== null) out.push(`At most ${phase.maxOpenLots} lots open`);
  if (phase.maxRiskPerTrade) {
    const r = phase.maxRiskPerTrade;
    out.push(`Risk per trade at most ${r.limitPct} %${r.requireStopLoss ? ', stop loss required' : ''}`);
  }
  if (!phase.weekendHolding) out.push('No holding over the weekend');
  return out;
}

export const RULE_NAMES: Record<string, string> = {
  'daily-loss': 'Daily loss limit',
  'overall-loss': 'Maximum loss limit',
  'max-open-lots': 'Maximum open lots',
  'risk-per-trade': 'Maximum risk per trade',
  'time-limit': 'Time limit',
  'weekend-holding': 'No weekend holding',
};

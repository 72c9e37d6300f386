import {
  MIN_TRADES_FOR_PASS_CHANCE,
  type PassChance,
  passChance,
  type RiskChoice,
  tradesPerDayOf,
} from '../../../core/challenges/pass-probability';
import type { ChallengeTemplate } from '../../../core/challenges/rulebook';
import { rMultiple } from '../../../core/statistics/r-multiple';
import type { PassChanceDto, PassChanceRunDto } from '../../../shared/contract/challenges';
import { AppError, ErrorCode } from '../../../shared/errors';
import { sessionPerformance, type TradingServices } from '../trading';
import type { ChallengesDeps } from './deps';

const PATHS = 10_000;
const NO_TIME_LIMIT_DAYS = 365;

/** Every closed trade of the trader's sessions that had a stop loss at entry: its R and close time. */
export function closedTradesInR(
  deps: ChallengesDeps,
  trading: TradingServices,
): { r: number; closedTs: number }[] {
  const out: { r: number; closedTs: number }[] = [];
  for (const session of trading.sessions.list()) {
    for (const trade of sessionPerformance(deps, session.id).trades) {
      const r = rMultiple(trade);
      if (r !== null && Number.isFinite(r)) out.push({ r, closedTs: trade.closedTs });
    }
  }
  return out;
}

function runDto(choice: RiskChoice): PassChanceRunDto {
  const { pass, breach, timeout, medianDaysToPass } = choice.result;
  return { riskPct: choice.riskPct, pass, breach, timeout, medianDaysToPass };
}

/** The chance of passing `phaseIndex` of `template` with the trader's own trades. */
export function passChanceDto(
  deps: ChallengesDeps,
  trading: TradingServices,
  templateId: string,
  template: ChallengeTemplate,
  input: { phase: number; riskPct: number; tradesPerDay?: number; seed: number },
): PassChanceDto {
  const rules = template.phases[input.phase];
  if (!rules) {
    throw new AppError(
      ErrorCode.INVALID_INPUT,
      `phase: ${template.name} has ${template.phases.length} phase(s), numbered from 0`,
    );
  }
  const trades = closedTradesInR(deps, trading);
  const head = {
    templateId,
    templateName: template.name,
    phaseIndex: input.phase,
    phaseName: rules.name,
    trades: trades.length,
    minTrades: MIN_TRADES_FOR_PASS_CHANCE,
  };
  if (trades.length < MIN_TRADES_FOR_PASS_CHANCE) return { ...head, result: null };
  const tradesR = trades.map((t) => t.r);
  const tradesPerDay = input.tradesPerDay ?? tradesPerDayOf(trades.map((t) => t.closedTs));
  const maxDays = rules.timeLimitDays ?? NO_TIME_LIMIT_DAYS;
  const chance: PassChance = passChance({
    tradesR,
    rules,
    riskPct: input.riskPct,
    tradesPerDay,
    paths: PATHS,
    maxDays,
    seed: input.seed,
  });
  return {
    ...head,
    result: {
      paths: PATHS,
      averageR: Math.round((tradesR.reduce((s, r) => s + r, 0) / tradesR.length) * 1000) / 1000,
      tradesPerDay,
      maxDays,
      chosen: runDto(chance.chosen),
      best: runDto(chance.best),
      candidates: chance.all.map(runDto),
    },
  };
}

import type { Breach, ChallengeEvaluator } from '../../../core/challenges/evaluator';
import type { ChallengeTemplate } from '../../../core/challenges/rulebook';
import type { ExecutionEngine } from '../../../core/execution/engine';
import { openPnlAt } from '../../../core/portfolio/margin';
import { conversionMode, toCents } from '../../../core/portfolio/money';
import type {
  ChallengeBreachDto,
  ChallengeDto,
  ChallengeEventDto,
  ChallengeFloorDto,
  ChallengeSummaryDto,
} from '../../../shared/contract/challenges';
import { tsToIso } from '../trading';
import type { ChallengeEventRow, ChallengeRow } from './store';

/** 1234567 cents -> '12,345.67 USD'. */
export function money(cents: number, currency: string): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${units}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

const RULE_WORDS: Record<Breach['rule'], string> = {
  'daily-loss': 'daily loss limit',
  'overall-loss': 'maximum loss limit',
  'max-open-lots': 'maximum open lots',
  'risk-per-trade': 'maximum risk per trade',
  'time-limit': 'time limit',
  'weekend-holding': 'no weekend holding',
};

/** The breach in words with its numbers: what broke, when, the limit and the value. */
export function breachMessage(b: Breach, currency: string): string {
  const at = `at ${tsToIso(b.ts)} (tick ${b.tick})`;
  switch (b.rule) {
    case 'daily-loss':
    case 'overall-loss':
      return `${RULE_WORDS[b.rule]} broken ${at}: the account reached ${money(b.value ?? 0, currency)}, at or below the floor of ${money(b.limit, currency)}`;
    case 'max-open-lots':
      return `${RULE_WORDS[b.rule]} broken ${at}: ${b.value} lots open, the limit is ${b.limit}`;
    case 'risk-per-trade':
      return b.value === null
        ? `${RULE_WORDS[b.rule]} broken ${at}: a position was opened without a stop loss`
        : `${RULE_WORDS[b.rule]} broken ${at}: the stop loss risks ${money(b.value, currency)}, the limit is ${money(b.limit, currency)}`;
    case 'time-limit':
      return `${RULE_WORDS[b.rule]} reached ${at}: day ${b.value} of ${b.limit} allowed`;
    case 'weekend-holding':
      return `${RULE_WORDS[b.rule]} broken ${at}: ${b.value} lots held into the weekend`;
  }
}

export function breachDto(b: Breach | null, currency: string): ChallengeBreachDto | null {
  return b === null ? null : { ...b, at: tsToIso(b.ts), message: breachMessage(b, currency) };
}

export function eventDto(row: ChallengeEventRow): ChallengeEventDto {
  return {
    kind: row.kind,
    ts: row.ts,
    at: tsToIso(row.ts),
    detail: row.detailJson as Record<string, unknown>,
  };
}

/** Equity in cents if the bid were `bidPts`, everything else as it stands. */
function equityAt(engine: ExecutionEngine, bidPts: number): number {
  const mode = conversionMode(
    engine.instrument.baseCurrency,
    engine.instrument.quoteCurrency,
    engine.account.currency,
    engine.account.quoteRate,
  );
  if (!mode) return engine.accountState().equityCents;
  let pnl = 0;
  for (const p of engine.open) {
    pnl += openPnlAt(
      p.side === 'BUY',
      engine.units(p.lots),
      bidPts,
      p.entryBidPts,
      p.entrySlipPts,
      engine.spreadPaidPts(p),
      engine.scale,
      mode,
    );
  }
  return engine.balanceCents + toCents(pnl);
}

/**
 * The bid at which equity would reach `floorCents` with the positions open now (secant steps:
 * exact for a quote-currency account, a few steps for a converted one); null when flat.
 */
export function floorPrice(engine: ExecutionEngine, floorCents: number): number | null {
  if (engine.open.length === 0) return null;
  let x0 = engine.bidPts;
  let y0 = equityAt(engine, x0) - floorCents;
  let x1 = x0 + Math.max(10, Math.abs(x0) * 0.001);
  let y1 = equityAt(engine, x1) - floorCents;
  for (let i = 0; i < 6 && y1 !== y0; i++) {
    const x2 = x1 - (y1 * (x1 - x0)) / (y1 - y0);
    x0 = x1;
    y0 = y1;
    x1 = x2;
    y1 = equityAt(engine, x1) - floorCents;
    if (Math.abs(y1) < 1) break;
  }
  if (!Number.isFinite(x1) || x1 <= 0 || y1 === y0) return null;
  return engine.price(Math.round(x1));
}

export interface SessionFacts {
  name: string;
  symbol: string;
  currency: string;
  balanceCents: number;
}

export function summaryDto(row: ChallengeRow, session: SessionFacts): ChallengeSummaryDto {
  const template = row.rulebookJson as ChallengeTemplate;
  const breach: Breach | null =
    row.breachRule === null
      ? null
      : {
          rule: row.breachRule as Breach['rule'],
          ts: row.breachTs ?? 0,
          tick: row.breachTick ?? 0,
          limit: row.breachLimit ?? 0,
          value: row.breachValue,
        };
  return {
    id: row.id,
    sessionId: row.sessionId,
    sessionName: session.name,
    symbol: session.symbol,
    templateId: row.templateId,
    templateName: template.name,
    phaseIndex: row.phaseIndex,
    phaseName: template.phases[row.phaseIndex]?.name ?? '',
    phaseCount: template.phases.length,
    status: row.status,
    initialBalanceCents: template.initialBalanceCents,
    balanceCents: session.balanceCents,
    startTs: row.startTs,
    breach: breachDto(breach, session.currency),
    passedTs: row.passedTs,
  };
}

export function challengeDto(
  row: ChallengeRow,
  session: SessionFacts,
  evaluator: ChallengeEvaluator,
  engine: ExecutionEngine | null,
  events: ChallengeEventRow[],
): ChallengeDto {
  const template = row.rulebookJson as ChallengeTemplate;
  const progress = evaluator.progress();
  const floors = evaluator.floors();
  const floor = (cents: number | null, onEquity: boolean): ChallengeFloorDto | null =>
    cents === null
      ? null
      : {
          floorCents: cents,
          price:
            engine && onEquity && evaluator.status === 'ACTIVE' && row.status !== 'ENDED'
              ? floorPrice(engine, cents)
              : null,
        };
  return {
    ...summaryDto(row, session),
    status: row.status === 'ENDED' ? 'ENDED' : evaluator.status,
    breach: breachDto(evaluator.breach, session.currency),
    passedTs: progress.passedTs,
    rules: template.phases[row.phaseIndex]!,
    dayReset: template.dayReset,
    progress,
    dailyFloor: floor(floors.dailyFloorCents, floors.dailyBase === 'equity'),
    overallFloor: floor(floors.overallFloorCents, true),
    events: events.map(eventDto),
  };
}

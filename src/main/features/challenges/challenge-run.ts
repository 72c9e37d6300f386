import { type Breach, ChallengeEvaluator, type EvaluatorState } from '../../../core/challenges/evaluator';
import type { ChallengeTemplate } from '../../../core/challenges/rulebook';
import type { ExecutionEngine } from '../../../core/execution/engine';
import { commissionCents as commissionPerFillCents } from '../../../core/execution/fee-model';
import type { OrderType } from '../../../core/execution/types';
import type {
  ChallengeBreachedDto,
  ChallengeEndedDto,
  ChallengeOutcomeStatus,
} from '../../../shared/contract/challenges';
import type { SessionWatch } from '../trading';
import type { ChallengesDeps } from './deps';
import { breachDto, breachMessage, money } from './dto';
import { type ChallengeEventRow, type ChallengeRow, insertEventRows, updateChallengeState } from './store';

/** What a position at `slPts` loses if its stop loss is hit, cents; null without a stop loss. */
export function riskCentsOf(engine: ExecutionEngine, lots: number, entryPts: number, slPts: number | null) {
  return slPts === null ? null : Math.round(engine.riskAmount(lots, entryPts, slPts) * 100);
}

/** What hitting an order's stop loss would cost, cents, split the way the ledger posts it. */
export interface StopLossCost {
  /** Entry (ask for a buy, bid for a sell: the spread is in) to the stop loss. */
  priceCents: number;
  /** Adverse slippage at the entry (market and stop orders) and at the stop loss. */
  slippageCents: number;
  /** Commission at the entry fill and at the stop loss fill. */
  commissionCents: number;
  totalCents: number;
}

/**
 * The full cost of an order's stop loss being hit, as the execution model would fill it: a
 * market or stop entry pays slippage, a limit entry none; the stop loss fills at its price plus
 * adverse slippage; each of the two fills pays the commission.
 */
export function stopLossCostOf(
  engine: ExecutionEngine,
  order: { side: 'BUY' | 'SELL'; type: OrderType; lots: number; entryPts: number; slPts: number },
): StopLossCost {
  const dir = order.side === 'BUY' ? 1 : -1;
  const entrySlip = order.type === 'LIMIT' ? 0 : engine.slippagePts;
  const priceCents = Math.round(engine.riskAmount(order.lots, order.entryPts, order.slPts) * 100);
  const movedCents = Math.round(
    engine.riskAmount(order.lots, order.entryPts + dir * entrySlip, order.slPts - dir * engine.slippagePts) *
      100,
  );
  const commissionCents = -2 * commissionPerFillCents(engine.account.commissionPerLotCents, order.lots);
  return {
    priceCents,
    slippageCents: movedCents - priceCents,
    commissionCents,
    totalCents: movedCents + commissionCents,
  };
}

export function evaluatorFor(
  deps: Pick<ChallengesDeps, 'zoneOffset'>,
  row: ChallengeRow,
): ChallengeEvaluator {
  const template = row.rulebookJson as ChallengeTemplate;
  const evaluator = new ChallengeEvaluator({
    rules: template.phases[row.phaseIndex]!,
    dayReset: template.dayReset,
    initialBalanceCents: template.initialBalanceCents,
    startTs: row.startTs,
    zoneOffset: deps.zoneOffset,
  });
  const state = row.evaluatorJson as EvaluatorState | null;
  // A challenge just started has no state yet: the fresh evaluator is its state.
  return state !== null && typeof state === 'object' && 'status' in state
    ? evaluator.restore(state)
    : evaluator;
}

/**
 * One challenge following its session's engine: every intrabar tick (and every trader action)
 * feeds the evaluator the tick's trading events, then the account. At a breach the positions
 * close at that very tick and pending orders are cancelled; the session takes nothing more.
 */
export class ChallengeRun implements SessionWatch {
  readonly evaluator: ChallengeEvaluator;
  /** Open positions the evaluator knows, with the stop loss it last saw (points). */
  private readonly known = new Map<string, number | null>();
  private readonly sample = { ts: 0, balanceCents: 0, equityCents: 0, openLots: 0 };
  private events: ChallengeEventRow[] = [];
  private dirty = false;
  /** A breach decided but not yet committed: announced by `committed()`, dropped with a failed write. */
  private unannounced: ChallengeBreachedDto | null = null;
  private unannouncedEnd: ChallengeEndedDto | null = null;
  /** The trader ended it (`challenges:end`): the evaluator stays as it stood, the challenge is over. */
  private endedByTrader: boolean;
  /** Inside a trader action rather than a replay step: an end then has no `replay:tick` of its own. */
  private inAction = false;

  constructor(
    private readonly deps: ChallengesDeps,
    readonly row: ChallengeRow,
    engine: ExecutionEngine,
    private readonly currency: string,
  ) {
    this.evaluator = evaluatorFor(deps, row);
    this.endedByTrader = row.status === 'ENDED';
    // The evaluator's state was stored with the engine's, so what is open now it has seen.
    for (const p of engine.open) this.known.set(p.id, p.slPts);
  }

  get template(): ChallengeTemplate {
    return this.row.rulebookJson as ChallengeTemplate;
  }

  /** ACTIVE, PASSED or FAILED as the evaluator says, or ENDED by the trader. */
  get status(): ChallengeOutcomeStatus {
    return this.endedByTrader ? 'ENDED' : this.evaluator.status;
  }

  afterAction(engine: ExecutionEngine): void {
    if (this.status !== 'ACTIVE') return;
    this.inAction = true;
    try {
      this.sampleAction(engine);
    } finally {
      this.inAction = false;
    }
  }

  /**
   * The trader ends the challenge before a pass or a breach: what is open closes at the current
   * tick (as the firm would close the account), the outcome is recorded with the numbers it
   * reached, and the session takes nothing more.
   */
  endByTrader(engine: ExecutionEngine): void {
    if (this.status !== 'ACTIVE') return;
    this.inAction = true;
    try {
      engine.closeAll();
      for (const o of [...engine.pending]) engine.cancelOrder(o.id);
      // The closes are the evaluator's last sample: a close that breaks or passes still counts.
      this.observe(engine);
      if (this.evaluator.status !== 'ACTIVE') return;
      const p = this.evaluator.progress();
      this.endedByTrader = true;
      this.dirty = true;
      this.push('ended', engine.cursorTs, {
        reason: 'ended by the trader',
        dayNumber: p.dayNumber,
        balanceCents: engine.balanceCents,
        profitCents: engine.balanceCents - this.template.initialBalanceCents,
        tradingDays: p.tradingDays.counted,
        message: this.endedMessage(engine.balanceCents),
      });
      this.announceEnd('ENDED');
    } finally {
      this.inAction = false;
    }
  }

  private endedMessage(balanceCents: number): string {
    const profit = balanceCents - this.template.initialBalanceCents;
    return `ended by the trader before a pass or a breach, with a profit of ${money(profit, this.currency)}`;
  }

  private announceEnd(status: ChallengeEndedDto['status']): void {
    this.unannouncedEnd = {
      challengeId: this.row.id,
      sessionId: this.row.sessionId,
      status,
      by: this.inAction ? 'action' : 'step',
    };
  }

  private sampleAction(engine: ExecutionEngine): void {
    // Play, pause or a refused order change nothing: no sample, so the tick index counts only
    // what moved the account (the same whether a replay is stepped bar by bar or in one go).
    const s = this.sample;
    const account = engine.accountState();
    let lots = 0;
    let same = engine.open.length === this.known.size;
    for (const p of engine.open) {
      lots += p.lots;
      if (!this.known.has(p.id) || this.known.get(p.id) !== p.slPts) same = false;
    }
    if (
      same &&
      s.ts === engine.cursorTs &&
      s.balanceCents === account.balanceCents &&
      s.equityCents === account.equityCents &&
      s.openLots === lots
    ) {
      return;
    }
    this.observe(engine);
  }

  observe(engine: ExecutionEngine): void {
    const evaluator = this.evaluator;
    if (evaluator.status !== 'ACTIVE' || this.endedByTrader) return;
    const ts = engine.cursorTs;
    const known = this.known;
    const open = engine.open;
    let openLots = 0;
    for (let i = 0; i < open.length; i++) {
      const p = open[i]!;
      openLots += p.lots;
      const seen = known.get(p.id);
      if (!known.has(p.id)) {
        known.set(p.id, p.slPts);
        const riskCents = riskCentsOf(engine, p.lots, p.entryPts, p.slPts);
        evaluator.event({ kind: 'opened', ts, positionId: p.id, lots: p.lots, riskCents });
      } else if (seen !== p.slPts) {
        known.set(p.id, p.slPts);
        const riskCents = riskCentsOf(engine, p.lots, p.entryPts, p.slPts);
        evaluator.event({ kind: 'modified', ts, positionId: p.id, riskCents });
      }
    }
    if (known.size > open.length || open.length === 0) {
      for (const id of known.keys()) {
        if (!open.some((p) => p.id === id)) {
          known.delete(id);
          evaluator.event({ kind: 'closed', ts, positionId: id });
        }
      }
    }
    const dayBefore = evaluator.dayNumber;
    const account = engine.accountState();
    const sample = this.sample;
    sample.ts = ts;
    sample.balanceCents = account.balanceCents;
    sample.equityCents = account.equityCents;
    sample.openLots = openLots;
    const status = evaluator.status === 'ACTIVE' ? evaluator.tick(sample) : evaluator.status;
    this.dirty = true;
    if (evaluator.dayNumber !== dayBefore) this.dayReset(ts);
    if (status === 'FAILED') this.end(engine, 'failed', ts);
    else if (status === 'PASSED') this.end(engine, 'passed', ts);
  }

  private dayReset(ts: number): void {
    const p = this.evaluator.progress();
    this.push('day-reset', ts, {
      dayNumber: p.dayNumber,
      dayLabel: p.dayLabel,
      dailyFloorCents: p.dailyLoss?.floorCents ?? null,
      overallFloorCents: p.overallLoss?.floorCents ?? null,
      tradingDays: p.tradingDays.counted,
    });
    if (p.timeLimit && p.timeLimit.daysLeft === 0) {
      this.push('deadline', ts, { dayNumber: p.dayNumber, daysAllowed: p.timeLimit.daysAllowed });
    }
  }

  private end(engine: ExecutionEngine, kind: 'failed' | 'passed', ts: number): void {
    // The firm closes the account at the breach: everything open closes at this tick.
    engine.closeAll();
    for (const o of [...engine.pending]) engine.cancelOrder(o.id);
    this.known.clear();
    const breach = this.evaluator.breach;
    this.push(kind, ts, breach ? { ...breach, message: breachMessage(breach, this.currency) } : {});
    this.announceEnd(kind === 'failed' ? 'FAILED' : 'PASSED');
    if (kind === 'failed' && breach) {
      const template = this.template;
      this.unannounced = {
        challengeId: this.row.id,
        sessionId: this.row.sessionId,
        templateId: this.row.templateId,
        templateName: template.name,
        phaseIndex: this.row.phaseIndex,
        phaseName: template.phases[this.row.phaseIndex]?.name ?? '',
        breach: breachDto(breach, this.currency)!,
        balanceCents: engine.balanceCents,
        currency: this.currency,
      };
    }
  }

  private push(kind: ChallengeEventRow['kind'], ts: number, detail: Record<string, unknown>): void {
    const now = this.deps.clock.nowSeconds();
    this.events.push({
      id: this.deps.newId(),
      challengeId: this.row.id,
      kind,
      ts,
      detailJson: detail,
      createdAt: now,
      updatedAt: now,
    });
  }

  closedReason(): string | null {
    const status = this.evaluator.status;
    if (this.endedByTrader)
      return 'This challenge was ended by the trader; start a new one from the Challenges page';
    if (status === 'ACTIVE') return null;
    const breach: Breach | null = this.evaluator.breach;
    if (status === 'FAILED' && breach)
      return `This challenge FAILED: ${breachMessage(breach, this.currency)}`;
    return `This challenge phase PASSED: start the next phase from the Challenges page`;
  }

  persist(): void {
    if (!this.dirty) return;
    const e = this.evaluator;
    const breach = e.breach;
    const state = e.snapshot();
    updateChallengeState(this.deps.store, this.row.id, {
      status: this.status,
      breachRule: breach?.rule ?? null,
      breachTs: breach?.ts ?? null,
      breachTick: breach?.tick ?? null,
      breachLimit: breach?.limit ?? null,
      breachValue: breach?.value ?? null,
      passedTs: state.passedTs,
      evaluatorJson: state,
      updatedAt: this.deps.clock.nowSeconds(),
    });
    insertEventRows(this.deps.store, this.events);
    this.events = [];
    this.dirty = false;
  }

  committed(): void {
    const ended = this.unannouncedEnd;
    this.unannouncedEnd = null;
    this.announceBreach();
    if (ended !== null) this.deps.events.emit('challenges:ended', ended);
  }

  private announceBreach(): void {
    const breached = this.unannounced;
    if (breached === null) return;
    this.unannounced = null;
    this.deps.events.emit('challenges:breached', breached);
  }
}

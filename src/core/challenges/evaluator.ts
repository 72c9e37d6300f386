/**
 * The challenge evaluator (issue 18): one phase of a rulebook, fed every intrabar tick of the
 * replay (the engine's `O, X, Y, C` path, four ticks a base bar) and every trading event. It is
 * incremental and allocation-free per tick, and keeps these invariants (README "Challenge rules"):
 *
 * - A breach is caught at the tick it happens; the phase ends FAILED with the rule, the tick's
 *   time and index, and the numbers (limit, value). Nothing fed afterwards changes the answer.
 * - The day resets at the first tick at or after the reset's local wall-clock time; the day's
 *   reference values are the account as it stood at the last tick before the reset.
 * - The phase ends PASSED at the first tick where every objective holds and no position is open.
 *
 * Feed a tick's trading events first (fills happen inside the tick), then its account sample.
 *
 * Why this file stays whole (~430 lines): every rule reads and updates the same per-tick state
 * (day reference, peaks, running profit), and the order of the checks within a tick is the
 * contract; split across files, that order would be implicit.
 */
import { clockSeconds, DAY_SECONDS, dayIndexAt, isoDate, isWeekendDate, labelOf } from './challenge-day';
import { type PhaseRules, pctOfCents, type ZoneOffset } from './rulebook';

export type ChallengeStatus = 'ACTIVE' | 'PASSED' | 'FAILED';

/** The rules that end a phase FAILED, in the order they are checked within one tick. */
export type BreachRule =
  | 'risk-per-trade'
  | 'time-limit'
  | 'weekend-holding'
  | 'daily-loss'
  | 'overall-loss'
  | 'max-open-lots';

export interface Breach {
  rule: BreachRule;
  /** UTC seconds of the tick (or event) that broke the rule. */
  ts: number;
  /** 0-based index of that tick among the samples fed (events belong to the next sample). */
  tick: number;
  /**
   * The limit: the floor in cents for the loss rules, lots for max-open-lots, cents for
   * risk-per-trade, days for time-limit, 0 lots for weekend-holding.
   */
  limit: number;
  /** The measured value in the same unit; null for a position with no stop loss. */
  value: number | null;
}

/** One intrabar tick's account, after the tick's fills. The evaluator copies it, so reuse one object. */
export interface AccountTick {
  ts: number;
  balanceCents: number;
  equityCents: number;
  /** Lots open across all positions (0 when flat). */
  openLots: number;
}

export type TradingEvent =
  | {
      kind: 'opened';
      ts: number;
      positionId: string;
      lots: number;
      /** What the position loses at its stop loss, cents (costs included); null = no stop loss. */
      riskCents: number | null;
    }
  | { kind: 'modified'; ts: number; positionId: string; riskCents: number | null }
  | { kind: 'closed'; ts: number; positionId: string };

export interface EvaluatorConfig {
  rules: PhaseRules;
  dayReset: { time: string; zone: string };
  initialBalanceCents: number;
  /** When the phase starts (UTC seconds): its day is challenge day 1. */
  startTs: number;
  zoneOffset: ZoneOffset;
}

export interface LossRoom {
  limitCents: number;
  /** The level the measured value may not reach (cents of balance or equity). */
  floorCents: number;
  valueCents: number;
  /** value − floor: how much more can be lost; the rule breaks when it reaches 0. */
  roomCents: number;
}

export interface ChallengeProgress {
  status: ChallengeStatus;
  breach: Breach | null;
  /** UTC seconds of the tick the phase passed at. */
  passedTs: number | null;
  /** 1-based challenge day and its label date. */
  dayNumber: number;
  dayLabel: string;
  profitTarget: { targetCents: number; profitCents: number; remainingCents: number; met: boolean } | null;
  tradingDays: { required: number; counted: number; met: boolean };
  timeLimit: { daysAllowed: number; daysLeft: number } | null;
  dailyLoss: (LossRoom & { base: 'balance' | 'equity' }) | null;
  overallLoss: (LossRoom & { locked: boolean }) | null;
  consistency: {
    maxDayPct: number;
    bestDayCents: number;
    profitCents: number;
    /** The best day may be at most this much (max% of the profit so far). */
    allowedBestDayCents: number;
    met: boolean;
  } | null;
  openLots: { max: number; current: number } | null;
}

export interface OrderPreviewInput {
  lots: number;
  /** What the order loses if its stop loss is hit, cents (costs included); null = no stop loss. */
  stopLossCents: number | null;
}

export interface RoomAfter {
  roomCents: number;
  roomAfterCents: number;
  /** The stop loss alone, from the current account, would break the rule. */
  breaches: boolean;
}

export interface OrderPreview {
  daily: RoomAfter | null;
  overall: RoomAfter | null;
  /** Rules that opening the order would break at once. */
  violations: BreachRule[];
}

/**
 * Everything the evaluator has learnt from the ticks fed so far, as plain data: the app stores it
 * with each replay step, so a restart resumes the phase exactly where the step left it.
 */
export interface EvaluatorState {
  status: ChallengeStatus;
  breach: Breach | null;
  passedTs: number | null;
  ticks: number;
  dayK: number;
  checkFromTs: number;
  dayStartBalance: number;
  dailyFloor: number;
  dayTraded: boolean;
  tradingDays: number;
  bestDayProfit: number;
  highWater: number;
  balance: number;
  equity: number;
  openLots: number;
}

const LOTS_EPSILON = 1e-9;
/** Offsets never move by more than this over one day, so no day change can hide before it. */
const MAX_OFFSET_DRIFT = 3 * 3600;

export class ChallengeEvaluator {
  private readonly rules: PhaseRules;
  private readonly zone: string;
  private readonly zoneOffset: ZoneOffset;
  private readonly resetSeconds: number;
  private readonly initial: number;
  private readonly targetCents: number | null;
  private readonly dailyLimit: number;
  private readonly overallLimit: number;
  private readonly riskLimit: number;

  private statusValue: ChallengeStatus = 'ACTIVE';
  private breachValue: Breach | null = null;
  private passedTsValue: number | null = null;
  private ticks = 0;

  private readonly startK: number;
  private dayK: number;
  /** Below this instant the day cannot have changed: no offset look-up needed. */
  private checkFromTs: number;
  private dayStartBalance: number;
  private dailyFloor: number;
  private dayTraded = false;
  private tradingDays = 0;
  private bestDayProfit = 0;
  /** Highest equity (trailing-equity) or reset balance (trailing-eod-balance) seen, or the initial balance. */
  private highWater: number;

  private balance: number;
  private equity: number;
  private openLots = 0;

  constructor(config: EvaluatorConfig) {
    this.rules = config.rules;
    this.zone = config.dayReset.zone;
    this.zoneOffset = config.zoneOffset;
    this.resetSeconds = clockSeconds(config.dayReset.time);
    this.initial = config.initialBalanceCents;
    const r = config.rules;
    this.targetCents = r.profitTargetPct === null ? null : pctOfCents(this.initial, r.profitTargetPct);
    this.dailyLimit = r.maxDailyLoss ? pctOfCents(this.initial, r.maxDailyLoss.limitPct) : 0;
    this.overallLimit = r.maxOverallLoss ? pctOfCents(this.initial, r.maxOverallLoss.limitPct) : 0;
    this.riskLimit = r.maxRiskPerTrade ? pctOfCents(this.initial, r.maxRiskPerTrade.limitPct) : 0;
    this.balance = this.initial;
    this.equity = this.initial;
    this.highWater = this.initial;
    this.dayStartBalance = this.initial;
    this.dailyFloor = this.initial - this.dailyLimit;
    const offset = this.zoneOffset(this.zone, config.startTs);
    this.startK = dayIndexAt(config.startTs, offset, this.resetSeconds);
    this.dayK = this.startK;
    this.checkFromTs = this.nextCheck(offset);
  }

  get status(): ChallengeStatus {
    return this.statusValue;
  }

  /** 1-based challenge day of the last tick fed (cheap: no allocation, for reset events). */
  get dayNumber(): number {
    return this.dayK - this.startK + 1;
  }

  /** The state learnt so far; `restore` on an evaluator of the same config resumes from it. */
  snapshot(): EvaluatorState {
    return {
      status: this.statusValue,
      breach: this.breachValue === null ? null : { ...this.breachValue },
      passedTs: this.passedTsValue,
      ticks: this.ticks,
      dayK: this.dayK,
      checkFromTs: this.checkFromTs,
      dayStartBalance: this.dayStartBalance,
      dailyFloor: this.dailyFloor,
      dayTraded: this.dayTraded,
      tradingDays: this.tradingDays,
      bestDayProfit: this.bestDayProfit,
      highWater: this.highWater,
      balance: this.balance,
      equity: this.equity,
      openLots: this.openLots,
    };
  }

  restore(state: EvaluatorState): this {
    this.statusValue = state.status;
    this.breachValue = state.breach === null ? null : { ...state.breach };
    this.passedTsValue = state.passedTs;
    this.ticks = state.ticks;
    this.dayK = state.dayK;
    this.checkFromTs = state.checkFromTs;
    this.dayStartBalance = state.dayStartBalance;
    this.dailyFloor = state.dailyFloor;
    this.dayTraded = state.dayTraded;
    this.tradingDays = state.tradingDays;
    this.bestDayProfit = state.bestDayProfit;
    this.highWater = state.highWater;
    this.balance = state.balance;
    this.equity = state.equity;
    this.openLots = state.openLots;
    return this;
  }

  get breach(): Breach | null {
    return this.breachValue;
  }

  /** A trading event of the tick about to be fed. Returns the status after it. */
  event(e: TradingEvent): ChallengeStatus {
    if (this.statusValue !== 'ACTIVE') return this.statusValue;
    if (e.ts >= this.checkFromTs && this.advanceDay(e.ts)) return this.statusValue;
    const counts = e.kind === 'opened' || (e.kind === 'closed' && this.rules.tradingDayCounts === 'any-fill');
    if (counts && !this.dayTraded) {
      this.dayTraded = true;
      this.tradingDays++;
    }
    const risk = this.rules.maxRiskPerTrade;
    if (risk && e.kind !== 'closed') {
      if (e.riskCents === null ? risk.requireStopLoss : e.riskCents > this.riskLimit) {
        this.fail('risk-per-trade', e.ts, this.riskLimit, e.riskCents);
      }
    }
    return this.statusValue;
  }

  /** One intrabar tick's account. Returns the status after it. */
  tick(t: AccountTick): ChallengeStatus {
    if (this.statusValue !== 'ACTIVE') return this.statusValue;
    const ts = t.ts;
    if (ts >= this.checkFromTs && this.advanceDay(ts)) {
      this.ticks++;
      return this.statusValue;
    }
    this.balance = t.balanceCents;
    this.equity = t.equityCents;
    this.openLots = t.openLots;
    const r = this.rules;
    const holding = t.openLots > LOTS_EPSILON;

    if (r.maxDailyLoss && this.dailyValue() <= this.dailyFloor) {
      this.fail('daily-loss', ts, this.dailyFloor, this.dailyValue());
    } else {
      if (r.maxOverallLoss?.mode === 'trailing-equity' && t.equityCents > this.highWater) {
        this.highWater = t.equityCents;
      }
      const overallFloor = this.overallFloor();
      if (r.maxOverallLoss && t.equityCents <= overallFloor) {
        this.fail('overall-loss', ts, overallFloor, t.equityCents);
      } else if (r.maxOpenLots !== null && t.openLots > r.maxOpenLots + LOTS_EPSILON) {
        this.fail('max-open-lots', ts, r.maxOpenLots, t.openLots);
      } else if (!holding && this.objectivesMet()) {
        this.statusValue = 'PASSED';
        this.passedTsValue = ts;
      }
    }
    this.ticks++;
    return this.statusValue;
  }

  /** Where the daily and overall floors stand now, as account levels in cents (for the chart). */
  floors(): {
    dailyFloorCents: number | null;
    dailyBase: 'balance' | 'equity' | null;
    overallFloorCents: number | null;
  } {
    const daily = this.rules.maxDailyLoss;
    return {
      dailyFloorCents: daily ? this.dailyFloor : null,
      dailyBase: daily ? daily.base : null,
      overallFloorCents: this.rules.maxOverallLoss ? this.overallFloor() : null,
    };
  }

  /** Progress on every objective and the room left on every limit, for the dashboard. */
  progress(): ChallengeProgress {
    const r = this.rules;
    const profit = this.balance - this.initial;
    const dayProfit = this.balance - this.dayStartBalance;
    const bestDay = Math.max(this.bestDayProfit, dayProfit);
    const dayNumber = this.dayK - this.startK + 1;
    const daily = r.maxDailyLoss;
    const overall = r.maxOverallLoss;
    const overallFloor = this.overallFloor();
    return {
      status: this.statusValue,
      breach: this.breachValue,
      passedTs: this.passedTsValue,
      dayNumber,
      dayLabel: isoDate(labelOf(this.dayK, this.resetSeconds)),
      profitTarget:
        this.targetCents === null
          ? null
          : {
              targetCents: this.targetCents,
              profitCents: profit,
              remainingCents: Math.max(0, this.targetCents - profit),
              met: profit >= this.targetCents,
            },
      tradingDays: {
        required: r.minTradingDays,
        counted: this.tradingDays,
        met: this.tradingDays >= r.minTradingDays,
      },
      timeLimit:
        r.timeLimitDays === null
          ? null
          : { daysAllowed: r.timeLimitDays, daysLeft: Math.max(0, r.timeLimitDays - dayNumber) },
      dailyLoss: daily
        ? {
            base: daily.base,
            limitCents: this.dailyLimit,
            floorCents: this.dailyFloor,
            valueCents: this.dailyValue(),
            roomCents: this.dailyValue() - this.dailyFloor,
          }
        : null,
      overallLoss: overall
        ? {
            limitCents: this.overallLimit,
            floorCents: overallFloor,
            valueCents: this.equity,
            roomCents: this.equity - overallFloor,
            locked: overall.mode !== 'static' && overall.lockAtInitial && overallFloor === this.initial,
          }
        : null,
      consistency: r.consistency
        ? {
            maxDayPct: r.consistency.maxDayPctOfProfit,
            bestDayCents: bestDay,
            profitCents: profit,
            allowedBestDayCents: Math.max(0, Math.floor((profit * r.consistency.maxDayPctOfProfit) / 100)),
            met: this.consistencyMet(),
          }
        : null,
      openLots: r.maxOpenLots === null ? null : { max: r.maxOpenLots, current: this.openLots },
    };
  }

  /**
   * What an order would do: the daily and overall room before and after its stop loss is hit
   * (from the current account, nothing else moving), and the rules opening it breaks at once.
   */
  preview(order: OrderPreviewInput): OrderPreview {
    const r = this.rules;
    const loss = order.stopLossCents;
    const after = (room: number): RoomAfter => {
      const roomAfter = loss === null ? Number.NEGATIVE_INFINITY : room - loss;
      return { roomCents: room, roomAfterCents: roomAfter, breaches: roomAfter <= 0 };
    };
    const violations: BreachRule[] = [];
    if (r.maxOpenLots !== null && this.openLots + order.lots > r.maxOpenLots + LOTS_EPSILON) {
      violations.push('max-open-lots');
    }
    const risk = r.maxRiskPerTrade;
    if (risk && (loss === null ? risk.requireStopLoss : loss > this.riskLimit))
      violations.push('risk-per-trade');
    return {
      daily: r.maxDailyLoss ? after(this.dailyValue() - this.dailyFloor) : null,
      overall: r.maxOverallLoss ? after(this.equity - this.overallFloor()) : null,
      violations,
    };
  }

  private dailyValue(): number {
    return this.rules.maxDailyLoss?.base === 'balance' ? this.balance : this.equity;
  }

  private overallFloor(): number {
    const overall = this.rules.maxOverallLoss;
    if (!overall) return Number.NEGATIVE_INFINITY;
    const floor = this.highWater - this.overallLimit;
    return overall.lockAtInitial && overall.mode !== 'static' ? Math.min(floor, this.initial) : floor;
  }

  private consistencyMet(): boolean {
    const c = this.rules.consistency;
    if (!c) return true;
    const profit = this.balance - this.initial;
    const bestDay = Math.max(this.bestDayProfit, this.balance - this.dayStartBalance);
    return profit > 0 && bestDay * 100 <= c.maxDayPctOfProfit * profit + 1e-9;
  }

  private objectivesMet(): boolean {
    if (this.targetCents === null) return false;
    return (
      this.balance - this.initial >= this.targetCents &&
      this.tradingDays >= this.rules.minTradingDays &&
      this.consistencyMet()
    );
  }

  private nextCheck(offsetMinutes: number): number {
    return (this.dayK + 1) * DAY_SECONDS + this.resetSeconds - offsetMinutes * 60 - MAX_OFFSET_DRIFT;
  }

  /**
   * Moves to the day holding `ts` when it is a later one, closing the day(s) in between with the
   * account of the last tick. Answers true when that ended the phase.
   */
  private advanceDay(ts: number): boolean {
    const offset = this.zoneOffset(this.zone, ts);
    const k = dayIndexAt(ts, offset, this.resetSeconds);
    if (k <= this.dayK) return false;
    const r = this.rules;
    // Close the day: its profit (for consistency) and its reset balance (for the EOD trailing floor).
    this.bestDayProfit = Math.max(this.bestDayProfit, this.balance - this.dayStartBalance);
    if (r.maxOverallLoss?.mode === 'trailing-eod-balance' && this.balance > this.highWater) {
      this.highWater = this.balance;
    }
    const previousK = this.dayK;
    this.dayK = k;
    this.checkFromTs = this.nextCheck(offset);
    this.dayStartBalance = this.balance;
    const reference =
      r.maxDailyLoss?.reference === 'max-balance-equity' ? Math.max(this.balance, this.equity) : this.balance;
    this.dailyFloor = reference - this.dailyLimit;
    this.dayTraded = false;

    const dayNumber = k - this.startK + 1;
    if (r.timeLimitDays !== null && dayNumber > r.timeLimitDays) {
      this.fail('time-limit', ts, r.timeLimitDays, dayNumber);
      return true;
    }
    if (!r.weekendHolding && this.openLots > LOTS_EPSILON) {
      const crossed = k - previousK >= 7 || this.crossesWeekend(previousK + 1, k);
      if (crossed) {
        this.fail('weekend-holding', ts, 0, this.openLots);
        return true;
      }
    }
    return false;
  }

  private crossesWeekend(fromK: number, toK: number): boolean {
    for (let j = fromK; j <= toK; j++) if (isWeekendDate(labelOf(j, this.resetSeconds))) return true;
    return false;
  }

  private fail(rule: BreachRule, ts: number, limit: number, value: number | null): void {
    this.statusValue = 'FAILED';
    this.breachValue = { rule, ts, tick: this.ticks, limit, value };
  }
}

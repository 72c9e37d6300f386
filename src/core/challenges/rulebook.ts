/**
 * The challenge rulebook as plain data (issue 18). A template is a sequence of phases (two-step
 * evaluation then funded; one-step then funded; instant funding); each phase carries its own
 * rules, every one of which can be switched off with `null`. Percentages are of the phase's
 * initial balance; money is integer cents of the account currency. The semantics of every field
 * are the README's "Challenge rules" section; `validateTemplate` checks the shape.
 */

/** Where the challenge day starts: a local wall-clock time in an IANA zone. */
export interface DayReset {
  /** 'HH:MM', 24-hour, local to `zone` (e.g. '17:00'). */
  time: string;
  /** IANA name ('America/New_York', 'Europe/Prague') or 'UTC'. Offsets are injected, see `ZoneOffset`. */
  zone: string;
}

/** What the daily loss is measured on: closed balance only, or equity (open P&L included). */
export type DailyLossBase = 'balance' | 'equity';

/**
 * The level the daily loss is measured from, fixed at each reset: the balance at the reset, or
 * the larger of balance and equity at the reset.
 */
export type DailyLossReference = 'start-of-day-balance' | 'max-balance-equity';

export interface MaxDailyLossRule {
  /** Percent of the initial balance, > 0. */
  limitPct: number;
  base: DailyLossBase;
  reference: DailyLossReference;
}

/**
 * How the overall loss floor moves: `static` (initial balance − limit, never moves),
 * `trailing-equity` (highest equity seen at any tick − limit), `trailing-eod-balance` (highest
 * balance at a day reset − limit).
 */
export type OverallLossMode = 'static' | 'trailing-equity' | 'trailing-eod-balance';

export interface MaxOverallLossRule {
  /** Percent of the initial balance, > 0. */
  limitPct: number;
  mode: OverallLossMode;
  /** A trailing floor stops rising once it reaches the initial balance. Ignored for `static`. */
  lockAtInitial: boolean;
}

export interface ConsistencyRule {
  /** No single day's profit may exceed this percent of the total profit (0 < pct ≤ 100). */
  maxDayPctOfProfit: number;
}

export interface MaxRiskPerTradeRule {
  /** Percent of the initial balance that one position may lose at its stop loss. */
  limitPct: number;
  /** A position opened (or left) without a stop loss breaches the rule. */
  requireStopLoss: boolean;
}

/** Which fills make a day a trading day: a position opened, or any fill (open or close). */
export type TradingDayCounts = 'opened' | 'any-fill';

export interface PhaseRules {
  /** Shown to the trader: 'Evaluation', 'Verification', 'Funded'. */
  name: string;
  /** Closed profit needed to pass, percent of the initial balance; null = no target (a funded phase never passes). */
  profitTargetPct: number | null;
  /** Trading days needed before the phase can pass; 0 = none. */
  minTradingDays: number;
  tradingDayCounts: TradingDayCounts;
  /** Challenge days (resets) allowed, counted from the start day; null = no limit. */
  timeLimitDays: number | null;
  maxDailyLoss: MaxDailyLossRule | null;
  maxOverallLoss: MaxOverallLossRule | null;
  consistency: ConsistencyRule | null;
  /** Most lots open at once (all positions summed); null = no limit. */
  maxOpenLots: number | null;
  maxRiskPerTrade: MaxRiskPerTradeRule | null;
  /** false: a position open at a reset into a Saturday or Sunday challenge day breaches. */
  weekendHolding: boolean;
}

export type ChallengeStyle = 'two-step' | 'one-step' | 'instant';

export interface ChallengeTemplate {
  schemaVersion: 1;
  /** kebab-case slug, stable: stored with a user's challenge. */
  id: string;
  name: string;
  style: ChallengeStyle;
  initialBalanceCents: number;
  dayReset: DayReset;
  /** In order; the last phase is usually the funded one (no profit target). */
  phases: PhaseRules[];
}

/**
 * Offset from UTC in minutes of `zone` at the UTC instant `ts` (seconds): −240 for New York in
 * summer. Injected, so the core carries no time-zone database: main passes an Intl-backed one,
 * tests pass fixed or luxon-backed ones.
 */
export type ZoneOffset = (zone: string, ts: number) => number;

/** Cents of `pct` percent of `baseCents`, rounded half away from zero. */
export function pctOfCents(baseCents: number, pct: number): number {
  const raw = (baseCents * pct) / 100;
  const rounded = Math.round(Math.abs(raw) + 1e-7);
  return raw < 0 ? -rounded : rounded;
}

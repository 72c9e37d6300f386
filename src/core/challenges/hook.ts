/**
 * The narrow interface the execution engine calls (wired after the engine split). Per base bar
 * the engine walks its four intrabar ticks `O, X, Y, C`; at each tick, after that tick's fills,
 * stop-out and trailing updates, it reports the tick's trading events, then the account:
 *
 * ```ts
 * for (const e of fillsAtThisTick) hook.event(toTradingEvent(e)); // opened / modified / closed
 * if (hook.tick({ ts: bar.ts, balanceCents, equityCents, openLots }) === 'FAILED') {
 *   // the app (not the engine) decides: close everything, stop the replay, show hook's breach
 * }
 * ```
 *
 * `ts` is the base bar's open time for all four ticks (fills are stamped the same way); the
 * evaluator keeps its own tick index. The sample object may be reused between calls. The hook
 * never throws for an expected outcome and returns at once when the phase has ended.
 */
import type { AccountTick, ChallengeEvaluator, ChallengeStatus, TradingEvent } from './evaluator';

export interface ChallengeHook {
  event(e: TradingEvent): ChallengeStatus;
  tick(t: AccountTick): ChallengeStatus;
}

/** The hook of a session with no challenge: a null object, never undefined. */
export const NO_CHALLENGE: ChallengeHook = {
  event: () => 'ACTIVE',
  tick: () => 'ACTIVE',
};

/** The evaluator is the hook (checked at compile time). */
export type EvaluatorIsHook = ChallengeEvaluator extends ChallengeHook ? true : never;

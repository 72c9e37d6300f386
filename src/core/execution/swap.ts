/**
 * Swap (rollover interest), README "Swap". Invariants: a position is charged at a rollover only
 * if it was open at the close of the last base bar before it (held through it); each rollover
 * charges one night, or three on the instrument's triple weekday; each charge is rounded once to
 * cents (half away from zero) and posted as its own `SWAP` ledger line. Rollover instants come
 * from a `RolloverClock` computed outside the core (time zones and daylight saving are not pure
 * arithmetic), so the engine only compares a bar's time with the next rollover.
 */

/** Per-instrument swap, as brokers quote it. */
export interface SwapSpec {
  /**
   * `points`: points a lot a night (MT5's "in points": `rate * point * units`, quote currency);
   * `percent`: % a year of the position's value at the rollover bid, over 360 days.
   */
  mode: 'points' | 'percent';
  /** Signed: negative is a charge, positive a credit. */
  long: number;
  short: number;
  /** Weekday of the rollover that charges three nights (0 Sunday … 6 Saturday; 3 Wednesday for FX). */
  tripleWeekday: number;
}

/** When rollovers happen. The service passes 17:00 New York on weekdays; tests pass fixed ones. */
export interface RolloverClock {
  /** The first rollover strictly after `ts` (UTC seconds). */
  nextAfter(ts: number): number;
  /** Weekday (0 Sunday … 6 Saturday) of the rollover at `ts`, in the rollover's own zone. */
  weekdayOf(ts: number): number;
}

/** No rollover ever: instruments without swap. */
export const NO_ROLLOVER: RolloverClock = {
  nextAfter: () => Number.POSITIVE_INFINITY,
  weekdayOf: () => 0,
};

/** Whether a spec charges or credits anything at all. */
export function hasSwap(spec: SwapSpec | null | undefined): spec is SwapSpec {
  return !!spec && (spec.long !== 0 || spec.short !== 0);
}

/**
 * One rollover's swap for a position, quote currency (signed: negative is a charge): `nights`
 * nights of `rate` points a lot, or of `rate` % a year over 360 days of `units * bid`.
 */
export function swapQuoteAmount(
  spec: SwapSpec,
  long: boolean,
  units: number,
  bidPts: number,
  scale: number,
  nights: number,
): number {
  const rate = long ? spec.long : spec.short;
  if (spec.mode === 'points') return (rate * units * nights) / scale;
  return (((units * bidPts) / scale) * rate * nights) / 100 / 360;
}

/**
 * The server's only source of the current time. Services read `ctx.clock`, never `Date.now()` or
 * `new Date()`, so tests can set and advance time without module mocks.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** The clock's time in UTC epoch seconds. */
export const epochSeconds = (clock: Clock) => Math.floor(clock.now().getTime() / 1000);

/** The clock's time plus `ms`. */
export const later = (clock: Clock, ms: number) => new Date(clock.now().getTime() + ms);

/** A clock that stands still until told otherwise (tests). */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | number = Date.now()) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(at: Date | number): void {
    this.ms = typeof at === 'number' ? at : at.getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Timers for the online loops, injected so tests run them by hand instead of waiting. */
export interface Timers {
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers that never keep the process alive on their own. */
export const systemTimers: Timers = {
  setTimeout: (run, delayMs) => {
    const handle = setTimeout(run, Math.max(0, Math.min(delayMs, 2_147_483_647)));
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One pending run at a time: `schedule(ms)` keeps the earlier of the pending and the new time,
 * `cancel()` forgets it. What runs is the caller's (it reschedules itself as it sees fit).
 */
export class Scheduler {
  private handle: unknown = null;
  private dueAtMs = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly timers: Timers,
    private readonly run: () => void,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = this.nowMs() + Math.max(0, delayMs);
    if (this.handle !== null && due >= this.dueAtMs) return;
    this.cancel();
    this.dueAtMs = due;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.dueAtMs = Number.POSITIVE_INFINITY;
      if (!this.stopped) this.run();
    }, delayMs);
  }

  cancel(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.dueAtMs = Number.POSITIVE_INFINITY;
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }
}

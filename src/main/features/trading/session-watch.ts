import type { ExecutionEngine } from '../../../core/execution/engine';

/**
 * Something that follows one session's engine tick by tick and may end the session: a challenge
 * (features/challenges supplies it; trading only knows this shape, so the import goes one way).
 */
export interface SessionWatch {
  /**
   * At every intrabar tick of a step, after its fills. It may close positions and cancel orders
   * on the engine at the current tick.
   */
  observe(engine: ExecutionEngine): void;
  /** After a trader action (an order, a close, a new stop loss): a sample only if it changed something. */
  afterAction(engine: ExecutionEngine): void;
  /** Why the session takes no more steps or orders (the challenge ended), or null. */
  closedReason(): string | null;
  /** Writes the watch's state; called inside the step's transaction, so both land or neither. */
  persist(): void;
  /**
   * After that transaction committed: the moment to announce what the step or action decided (a
   * breach). A transaction that failed drops the runtime, watch included, so what was rolled back
   * is never announced.
   */
  committed(): void;
}

/** Makes the watch of a session when it is loaded (after a restart, from the store). */
export interface SessionWatchers {
  watch(sessionId: string, engine: ExecutionEngine): SessionWatch;
}

/** The watch of a plain session: a null object, never undefined. */
export const NO_WATCH: SessionWatch = {
  observe: () => {},
  afterAction: () => {},
  closedReason: () => null,
  persist: () => {},
  committed: () => {},
};

export const NO_WATCHERS: SessionWatchers = { watch: () => NO_WATCH };

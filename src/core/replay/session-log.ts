/**
 * A session's event log (issue 19) and how it is replayed. Invariant: applying the events of a
 * log, in order, to an engine built from its origin state reproduces the session exactly, because
 * the engine is deterministic given its bars, its calls and the ids it is handed (each event
 * carries the ids the engine made while it ran live). Step back appends a `rewind`; the log stays
 * append-only, and `effectiveEvents` reads it as the timeline the trader kept.
 */
import type { ExecutionEngine } from '../execution/engine';
import type { ExecutionState, ModifyRequest, OrderRequest, RiskRules } from '../execution/types';
import type { ReplayRunner } from './replay-runner';

export type SessionEvent =
  | { kind: 'origin'; state: ExecutionState; risk: RiskRules }
  | { kind: 'step'; toTs: number; ended: boolean }
  | { kind: 'place'; request: OrderRequest }
  | { kind: 'modify-order'; orderId: string; change: ModifyRequest }
  | { kind: 'cancel'; orderId: string }
  | { kind: 'modify-position'; positionId: string; change: ModifyRequest }
  | { kind: 'close'; positionId: string; lots: number | null }
  | { kind: 'close-all' }
  | { kind: 'reverse'; positionId: string }
  | { kind: 'break-even'; positionId: string }
  | { kind: 'cash'; type: 'DEPOSIT' | 'WITHDRAWAL' | 'ADJUSTMENT'; amountCents: number }
  | { kind: 'risk'; risk: RiskRules }
  /** Step back: everything after the bar at `toTs` revealed (trader actions at it included) is undone. */
  | { kind: 'rewind'; toTs: number };

export type SessionEventKind = SessionEvent['kind'];

/** One stored entry: the event, the ids it made and the cursor it left. */
export interface LoggedEvent {
  seq: number;
  event: SessionEvent;
  ids: string[];
  cursorTs: number;
}

/**
 * The entries of `log` that still count, ending at the bar at `toTs` as it was revealed: steps up
 * to it (a step across it is cut there, keeping the ids it made in the part kept) and the trader
 * actions taken before it. Actions taken at that bar are dropped: stepping back to a bar is
 * standing at it again, free to decide anew.
 */
export function cutAt(log: readonly LoggedEvent[], toTs: number): LoggedEvent[] {
  const kept: LoggedEvent[] = [];
  let cursor = Number.NEGATIVE_INFINITY;
  for (const entry of log) {
    const e = entry.event;
    if (e.kind === 'origin') {
      kept.push(entry);
      cursor = e.state.cursorTs;
      continue;
    }
    if (cursor >= toTs) break;
    if (e.kind === 'step') {
      if (entry.cursorTs <= toTs) {
        kept.push(entry);
        cursor = entry.cursorTs;
      } else {
        // Its ids stay: the bars kept make the same fills in the same order, so they use a prefix.
        kept.push({ ...entry, event: { kind: 'step', toTs, ended: false }, cursorTs: toTs });
        cursor = toTs;
      }
      continue;
    }
    kept.push(entry);
  }
  return kept;
}

/** The timeline a log stands for: every `rewind` cuts what came before it at its bar. */
export function effectiveEvents(log: readonly LoggedEvent[]): LoggedEvent[] {
  let kept: LoggedEvent[] = [];
  for (const entry of log) {
    if (entry.event.kind === 'rewind') kept = cutAt(kept, entry.event.toTs);
    else kept.push(entry);
  }
  return kept;
}

/** Why an event could not be applied again: the log and the engine disagree (a bug or changed data). */
export class ReplayDivergence extends Error {}

function must<T>(outcome: { ok: true; value: T } | { ok: false; reason: string }, what: string): T {
  if (!outcome.ok) throw new ReplayDivergence(`${what} failed on replay: ${outcome.reason}`);
  return outcome.value;
}

/**
 * Applies one event to `engine` (which `runner` steps). `origin`, `risk` and `rewind` are the
 * caller's: they rebuild the engine rather than call it.
 */
export function applyEvent(engine: ExecutionEngine, runner: ReplayRunner, event: SessionEvent): void {
  switch (event.kind) {
    case 'step':
      if (event.toTs > engine.cursorTs) runner.stepUntil(event.toTs, false);
      return;
    case 'place':
      must(engine.placeOrder(event.request), 'An order');
      return;
    case 'modify-order':
      must(engine.modifyOrder(event.orderId, event.change), 'An order change');
      return;
    case 'cancel':
      must(engine.cancelOrder(event.orderId), 'A cancel');
      return;
    case 'modify-position':
      must(engine.modifyPosition(event.positionId, event.change), 'A position change');
      return;
    case 'close':
      must(engine.closePosition(event.positionId, event.lots ?? undefined), 'A close');
      return;
    case 'close-all':
      engine.closeAll();
      return;
    case 'reverse':
      must(engine.reversePosition(event.positionId), 'A reverse');
      return;
    case 'break-even':
      must(engine.breakEven(event.positionId), 'A break-even');
      return;
    case 'cash':
      must(engine.cashEntry(event.type, event.amountCents), 'A cash entry');
      return;
    case 'origin':
    case 'risk':
    case 'rewind':
      throw new Error(`applyEvent does not apply ${event.kind}`);
  }
}

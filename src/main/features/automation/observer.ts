import type { ChallengeBreachedDto } from '../../../shared/contract/challenges';
import type { BacktestProgressDto } from '../../../shared/contract/strategies';
import type { OrderDto, PositionDto, ReplayTickDto } from '../../../shared/dto';
import type { Dispatch } from '../../contract/dispatch';
import type { EventHub } from '../../platform/events';
import type { AutomationBus, AutomationEvent } from './bus';

const ENTRY_REASONS = new Set(['MARKET', 'LIMIT', 'STOP']);

/**
 * Turns what the app already does into the automation feature's messages, without a second
 * implementation of anything: replay steps come from the EventHub's `replay:tick`, trader actions
 * (a market order filling at once, a manual close) from the results of contract calls, whoever
 * made them (the API, the desk, the CLI).
 */
export class AutomationObserver {
  constructor(
    private readonly bus: AutomationBus,
    private readonly newId: () => string,
    private readonly nowSeconds: () => number,
  ) {}

  /** Listens to replay ticks, the end of backtests and challenge breaches; returns the unsubscribe. */
  listen(events: EventHub): () => void {
    return events.subscribe((name, payload) => {
      if (name === 'replay:tick') this.onTick(payload as ReplayTickDto);
      // The run's row is written before this event, so a receiver can fetch its report at once.
      if (name === 'backtests:progress') {
        const run = payload as BacktestProgressDto;
        if (run.status === 'completed') this.event('backtest.completed', null, { ...run });
      }
      // Raised only after the breaking step or action committed, whoever drove it.
      if (name === 'challenges:breached') {
        const breached = payload as ChallengeBreachedDto;
        this.event('challenge.breached', breached.sessionId, { ...breached });
      }
    });
  }

  /** The same dispatcher, telling the bus about orders that filled and positions that closed. */
  wrap(dispatch: Dispatch): Dispatch {
    return async (name, input) => {
      const result = await dispatch(name, input);
      if (result.ok) {
        try {
          this.onResult(name, result.value);
        } catch {
          // An observer must never change a call's answer.
        }
      }
      return result;
    };
  }

  private event(
    type: AutomationEvent['type'],
    sessionId: string | null,
    data: Record<string, unknown>,
  ): void {
    this.bus.emit({
      kind: 'event',
      event: { id: this.newId(), type, sessionId, createdAt: this.nowSeconds(), data },
    });
  }

  private onTick(tick: ReplayTickDto): void {
    this.bus.emit({ kind: 'tick', tick });
    for (const fill of tick.fills) {
      if (ENTRY_REASONS.has(fill.reason)) {
        const order = tick.orders.find((o) => o.id === fill.orderId) ?? null;
        this.event('order.filled', tick.sessionId, { fill, order });
      } else {
        const position = tick.positions.find((p) => p.id === fill.positionId) ?? null;
        this.event('position.closed', tick.sessionId, { fill, position });
      }
    }
    if (tick.status === 'COMPLETED') {
      this.event('session.completed', tick.sessionId, { cursorTs: tick.cursorTs, account: tick.account });
    }
  }

  private onResult(name: string, value: unknown): void {
    const closed = (positions: PositionDto[]) => {
      if (positions.length === 0) return;
      const sessionId = positions[0]!.sessionId;
      this.bus.emit({ kind: 'action', sessionId, orders: [], positions });
      for (const position of positions) this.event('position.closed', sessionId, { position });
    };
    switch (name) {
      case 'orders:place': {
        const order = value as OrderDto;
        this.bus.emit({ kind: 'action', sessionId: order.sessionId, orders: [order], positions: [] });
        if (order.status === 'FILLED') this.event('order.filled', order.sessionId, { order });
        return;
      }
      case 'orders:modify':
      case 'orders:cancel': {
        const order = value as OrderDto;
        this.bus.emit({ kind: 'action', sessionId: order.sessionId, orders: [order], positions: [] });
        return;
      }
      case 'positions:modify':
      case 'positions:break-even': {
        const position = value as PositionDto;
        this.bus.emit({ kind: 'action', sessionId: position.sessionId, orders: [], positions: [position] });
        return;
      }
      case 'positions:close':
        closed([value as PositionDto]);
        return;
      case 'positions:close-all':
        closed(value as PositionDto[]);
        return;
      case 'positions:reverse': {
        const { closed: was, opened } = value as { closed: PositionDto; opened: PositionDto };
        closed([was]);
        this.bus.emit({ kind: 'action', sessionId: opened.sessionId, orders: [], positions: [opened] });
        this.event('order.filled', opened.sessionId, { position: opened });
        return;
      }
    }
  }
}

import type { WebhookEventType } from '../../../shared/contract/automation';
import type { OrderDto, PositionDto, ReplayTickDto } from '../../../shared/dto';

/** A webhook event: `id` is unique, so the outbox can hold it once per webhook. */
export interface AutomationEvent {
  id: string;
  type: WebhookEventType | 'test';
  sessionId: string | null;
  /** UTC seconds (wall time) when it happened. */
  createdAt: number;
  data: Record<string, unknown>;
}

/** What the automation feature hears: replay steps, trader actions, and the webhook events made of them. */
export type BusMessage =
  | { kind: 'tick'; tick: ReplayTickDto }
  | { kind: 'action'; sessionId: string; orders: OrderDto[]; positions: PositionDto[] }
  | { kind: 'event'; event: AutomationEvent };

export class AutomationBus {
  private readonly listeners = new Set<(message: BusMessage) => void>();

  emit(message: BusMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { ContractEvents } from '../../shared/contract/events';

export type EventName = keyof ContractEvents;
type Listener = (name: EventName, payload: unknown) => void;

/** Typed pushes from services to whichever transports are attached (IPC windows, WebSockets). */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private outgoing: (name: EventName, payload: unknown) => unknown = (_name, payload) => payload;

  emit<E extends EventName>(name: E, payload: ContractEvents[E]): void {
    const sent = this.outgoing(name, payload);
    for (const listener of this.listeners) listener(name, sent);
  }

  /** Rewrites every push before any listener sees it (blind sessions' masking, set once at start-up). */
  setOutgoing(transform: (name: EventName, payload: unknown) => unknown): void {
    this.outgoing = transform;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

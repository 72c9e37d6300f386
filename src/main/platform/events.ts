import type { ContractEvents } from '../../shared/contract/events';

export type EventName = keyof ContractEvents;
type Listener = (name: EventName, payload: unknown) => void;

/** Typed pushes from services to whichever transports are attached (IPC windows, WebSockets). */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: ContractEvents[E]): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

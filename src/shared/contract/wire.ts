import type { ContractResult } from '../errors';

/** Messages of browser mode's WebSocket: requests carry an id, replies echo it, events have none. */
export interface WireRequest {
  id: number;
  method: string;
  input: unknown;
}
export interface WireReply {
  id: number;
  result: ContractResult<unknown>;
}
export interface WireEvent {
  event: string;
  payload: unknown;
}

/** Path of the contract socket; the per-run token goes in its `token` query parameter. */
export const CONTRACT_SOCKET_PATH = '/contract';

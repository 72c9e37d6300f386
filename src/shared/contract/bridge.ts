import type { ContractResult } from '../errors';
import type { MethodInput, MethodName, MethodOutput } from './index';

export type BridgeCalls = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<ContractResult<MethodOutput<K>>>;
};

/** What the Electron preload puts on `window.tickstep`: raw results, never a thrown error. */
export interface ContractBridge {
  call: BridgeCalls;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

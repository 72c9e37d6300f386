import type { ContractResult } from '../errors';
import type { MethodInput, MethodName, MethodOutput } from './index';

export type BridgeCalls = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<ContractResult<MethodOutput<K>>>;
};

/** A file the trader picked in the native open dialog: read by the main process from its path. */
export interface ChosenFile {
  path: string;
  sizeBytes: number;
}

/** The IPC channel of the import wizard's native open dialog. */
export const CHOOSE_CANDLE_FILE_CHANNEL = 'tickstep:choose-candle-file';

/** What the Electron preload puts on `window.tickstep`: raw results, never a thrown error. */
export interface ContractBridge {
  call: BridgeCalls;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /**
   * The native open dialog for candle files (desktop only; browser mode has a file input). The
   * main process gets a path, so a large file is read there in chunks, never copied into the page.
   */
  chooseCandleFile?(): Promise<ChosenFile | null>;
}

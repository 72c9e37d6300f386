import type { ContractResult } from '../errors';
import type { MethodInput, MethodName, MethodOutput } from './index';

export type BridgeCalls = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<ContractResult<MethodOutput<K>>>;
};

/**
 * A file the trader picked in a native dialog. The page gets an opaque handle (see file-ref.ts),
 * never the path: the main process reads or writes the file, and only that file.
 */
export interface ChosenFile {
  handle: string;
  /** The file's name without its folder, for the page to show. */
  name: string;
  /** 0 for a file picked in a save dialog (it may not exist yet). */
  sizeBytes: number;
}

/** The IPC channel of the import wizard's native open dialog. */
export const CHOOSE_CANDLE_FILE_CHANNEL = 'tickstep:choose-candle-file';
/** The IPC channel of the report export's native save dialog. */
export const CHOOSE_EXPORT_FILE_CHANNEL = 'tickstep:choose-export-file';

/** What the report page asks the save dialog for. */
export interface ExportFileRequest {
  /** The file name offered, e.g. `London-open-3f2a.html`. */
  defaultName: string;
  format: 'json' | 'html' | 'csv' | 'pdf';
}

/** What the Electron preload puts on `window.tickstep`: raw results, never a thrown error. */
export interface ContractBridge {
  call: BridgeCalls;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /**
   * The native open dialog for candle files (desktop only; browser mode has a file input). The
   * main process keeps the path behind a handle, so a large file is read there in chunks, never
   * copied into the page.
   */
  chooseCandleFile?(): Promise<ChosenFile | null>;
  /** The native save dialog for a report export (desktop only; browser mode saves in the data folder). */
  chooseExportFile?(request: ExportFileRequest): Promise<ChosenFile | null>;
}

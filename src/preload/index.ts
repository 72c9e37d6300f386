import { contextBridge, ipcRenderer } from 'electron';
import {
  type BridgeCalls,
  CHOOSE_CANDLE_FILE_CHANNEL,
  CHOOSE_EXPORT_FILE_CHANNEL,
  type ChosenFile,
  type ContractBridge,
  type ExportFileRequest,
} from '../shared/contract/bridge';
import { METHOD_NAME_LIST } from '../shared/contract/method-names';
import type { ContractResult } from '../shared/errors';

/**
 * The only thing the renderer gets: one function per contract method, one event stream, and the
 * native open and save dialogs (they answer with file handles, never paths).
 * Names outside the contract cannot be called; ipcRenderer itself never crosses.
 */
const call = Object.fromEntries(
  METHOD_NAME_LIST.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke('tickstep:call', name, input) as Promise<ContractResult<unknown>>,
  ]),
) as BridgeCalls;

const bridge = {
  call,
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    const handler = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on('tickstep:event', handler);
    return () => ipcRenderer.removeListener('tickstep:event', handler);
  },
  chooseCandleFile: () => ipcRenderer.invoke(CHOOSE_CANDLE_FILE_CHANNEL) as Promise<ChosenFile | null>,
  chooseExportFile: (request: ExportFileRequest) =>
    ipcRenderer.invoke(CHOOSE_EXPORT_FILE_CHANNEL, request) as Promise<ChosenFile | null>,
} satisfies ContractBridge;

contextBridge.exposeInMainWorld('tickstep', bridge);

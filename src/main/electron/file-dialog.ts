import { statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  BrowserWindow,
  dialog,
  type IpcMainInvokeEvent,
  ipcMain,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import {
  CHOOSE_CANDLE_FILE_CHANNEL,
  CHOOSE_EXPORT_FILE_CHANNEL,
  type ChosenFile,
  type ExportFileRequest,
} from '../../shared/contract/bridge';
import type { FileGrants } from '../platform/file-grants';

const OPEN_CANDLES: OpenDialogOptions = {
  title: 'Import candles',
  buttonLabel: 'Choose',
  properties: ['openFile'],
  filters: [
    { name: 'Candle files', extensions: ['csv', 'txt', 'tsv'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

const EXPORT_FILTERS: Record<ExportFileRequest['format'], { name: string; extensions: string[] }> = {
  json: { name: 'JSON report', extensions: ['json'] },
  html: { name: 'Web page', extensions: ['html'] },
  csv: { name: 'Trade list (CSV)', extensions: ['csv'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
};

/** What the page may ask of the save dialog: a known format and a plain file name, nothing else. */
function exportRequest(input: unknown): ExportFileRequest | null {
  const request = input as Partial<ExportFileRequest> | null;
  if (!request || typeof request !== 'object' || !request.format) return null;
  if (!Object.hasOwn(EXPORT_FILTERS, request.format)) return null;
  const name = typeof request.defaultName === 'string' ? basename(request.defaultName).slice(0, 200) : '';
  return { format: request.format, defaultName: name.replace(/[^\w .()+-]/g, '_') || 'report' };
}

/**
 * The native dialogs, modal to the asking window. The page gets back an opaque handle (from
 * `files`) for the one file the trader picked, never its path; the contract accepts nothing else
 * from outside the data folder. A request from any sender but the app's own page (`isTrusted`) is
 * answered as cancelled.
 */
export function handleFileDialogs(
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  files: FileGrants,
): void {
  ipcMain.handle(CHOOSE_CANDLE_FILE_CHANNEL, async (event): Promise<ChosenFile | null> => {
    if (!isTrusted(event)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const result = window
      ? await dialog.showOpenDialog(window, OPEN_CANDLES)
      : await dialog.showOpenDialog(OPEN_CANDLES);
    const path = result.canceled ? undefined : result.filePaths[0];
    if (!path) return null;
    return { handle: files.grant(path, 'read'), name: basename(path), sizeBytes: statSync(path).size };
  });

  ipcMain.handle(CHOOSE_EXPORT_FILE_CHANNEL, async (event, input: unknown): Promise<ChosenFile | null> => {
    const request = exportRequest(input);
    if (!isTrusted(event) || !request) return null;
    const options: SaveDialogOptions = {
      title: 'Export report',
      buttonLabel: 'Export',
      defaultPath: request.defaultName,
      filters: [EXPORT_FILTERS[request.format]],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = BrowserWindow.fromWebContents(event.sender);
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    return { handle: files.grant(result.filePath, 'write'), name: basename(result.filePath), sizeBytes: 0 };
  });
}

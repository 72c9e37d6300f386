import { statSync } from 'node:fs';
import { BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain, type OpenDialogOptions } from 'electron';
import { CHOOSE_CANDLE_FILE_CHANNEL, type ChosenFile } from '../../shared/contract/bridge';

const OPTIONS: OpenDialogOptions = {
  title: 'Import candles',
  buttonLabel: 'Choose',
  properties: ['openFile'],
  filters: [
    { name: 'Candle files', extensions: ['csv', 'txt', 'tsv'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/**
 * Answers the import wizard's "Choose file…" with the native open dialog, modal to its window.
 * A request from any sender but the app's own page (`isTrusted`) is answered as cancelled.
 */
export function handleCandleFileDialog(isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(CHOOSE_CANDLE_FILE_CHANNEL, async (event): Promise<ChosenFile | null> => {
    if (!isTrusted(event)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const result = window
      ? await dialog.showOpenDialog(window, OPTIONS)
      : await dialog.showOpenDialog(OPTIONS);
    const path = result.canceled ? undefined : result.filePaths[0];
    return path ? { path, sizeBytes: statSync(path).size } : null;
  });
}

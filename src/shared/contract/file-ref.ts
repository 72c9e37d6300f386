import { z } from 'zod';

/**
 * How a contract call names a file on this computer. Never a free path: the window, the WebSocket
 * and the automation API could otherwise read or overwrite any file the trader can.
 * - `handle`: an opaque id the main process gave for a file the trader picked in a native dialog
 *   (or the CLI, the trader's own shell, named). It lives for this run of the app only.
 * - `path`: a file inside a subfolder of the data folder (`imports/EURUSD.csv`, relative to the
 *   data folder or absolute), resolved with its symbolic links; `..` cannot leave it, and the
 *   app's own files at the top of the data folder (the store, settings, tokens) cannot be named.
 */
export const fileHandle = z
  .string()
  .regex(/^fh_[A-Za-z0-9_-]{16,64}$/, 'not a file handle (pick the file again)');

export const dataFolderPath = z.string().min(1).max(4096);

export const fileRef = z.union([
  z.object({ handle: fileHandle }).strict(),
  z.object({ path: dataFolderPath }).strict(),
]);
export type FileRef = z.output<typeof fileRef>;

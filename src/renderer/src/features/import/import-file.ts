import type { ChosenFile } from '../../../../shared/contract/bridge';
import type { MethodInput } from '../../../../shared/contract/index';

export type ImportSource = MethodInput<'import:start'>['source'];

/** A candle file the trader picked: dropped or from a file box (its bytes), or from the native dialog (a handle). */
export interface PickedFile {
  name: string;
  sizeBytes: number;
  /** What to send to import:preview (the first `previewBytes` only) or import:start (all of it). */
  source(previewBytes?: number): Promise<ImportSource>;
}

/** A File from a drop or a file box: browser mode has no path, so the text itself travels. */
export function pickedFromBrowser(file: File): PickedFile {
  return {
    name: file.name,
    sizeBytes: file.size,
    source: async (previewBytes) => ({
      fileName: file.name,
      content: await (previewBytes ? file.slice(0, previewBytes) : file).text(),
    }),
  };
}

/** A file from the native dialog: the main process reads it from disk, however large; the page holds only its handle. */
export function pickedFromDisk(chosen: ChosenFile): PickedFile {
  return {
    name: chosen.name,
    sizeBytes: chosen.sizeBytes,
    source: async () => ({ handle: chosen.handle }),
  };
}

/** "74 KiB", "12.3 MiB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Guesses EURUSD from "EURUSD_M1_2019.csv"-like names, so the trader rarely has to pick. */
export function symbolFromFileName(name: string, symbols: string[]): string | undefined {
  const upper = name.toUpperCase();
  // The longest match wins: "EURUSD_M1" is EURUSD even where EUR alone is a symbol too.
  return [...symbols].sort((a, b) => b.length - a.length).find((symbol) => upper.includes(symbol));
}

import type { ChosenFile } from '../../../../shared/contract/bridge';
import type { MethodInput } from '../../../../shared/contract/index';

export type ImportSource = MethodInput<'import:start'>['source'];

/** A candle file the trader picked: dropped or from a file box (its bytes), or from the native dialog (a handle). */
export interface PickedFile {
  name: string;
  sizeBytes: number;
  /** What to send to import:preview (the first `previewBytes` only) or import:start (all of it). */
  source(previewBytes?: number): Promise<ImportSource>;
  /**
   * A file the main process cannot open (a drop, browser mode's file box): import:start needs it
   * sent first, in pieces (see `sendFile` in use-import.ts).
   */
  blob?: Blob;
}

/**
 * A File from a drop or a file box: there is no path, so its bytes travel. The preview needs
 * only the first few as text; the import sends the whole file in pieces first.
 */
export function pickedFromBrowser(file: File): PickedFile {
  return {
    name: file.name,
    sizeBytes: file.size,
    blob: file,
    source: async (previewBytes) => ({
      fileName: file.name,
      content: await (previewBytes ? file.slice(0, previewBytes) : file).text(),
    }),
  };
}

const BASE64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/** `bytes` in base64, by hand into bytes then decoded once: milliseconds per MiB, page and tests alike. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = BASE64[n >> 18]!;
    out[o++] = BASE64[(n >> 12) & 63]!;
    out[o++] = BASE64[(n >> 6) & 63]!;
    out[o++] = BASE64[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = BASE64[n >> 18]!;
    out[o++] = BASE64[(n >> 12) & 63]!;
    out[o++] = rest === 2 ? BASE64[(n >> 6) & 63]! : 61;
    out[o++] = 61; // '='
  }
  return new TextDecoder().decode(out);
}

interface DataUrlReader {
  result: unknown;
  error: unknown;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  readAsDataURL(blob: Blob): void;
}

/** The bytes of `blob` in base64: the page's native FileReader when there is one. */
export async function base64Of(blob: Blob): Promise<string> {
  const Reader = (globalThis as { FileReader?: new () => DataUrlReader }).FileReader;
  if (!Reader) return toBase64(new Uint8Array(await blob.arrayBuffer()));
  return new Promise((resolve, reject) => {
    const reader = new Reader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(blob);
  });
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

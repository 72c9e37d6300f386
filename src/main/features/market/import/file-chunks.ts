import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

export const CHUNK_BYTES = 1 << 20;

/** The first bytes of a file as text, for detection and preview. */
export async function readSample(path: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new StringDecoder('utf8').write(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export interface TextPiece {
  /** Whole lines (the last line of the file may lack its line end). */
  text: string;
  /** Bytes read so far. */
  bytes: number;
}

/**
 * Reads a file in 1 MiB chunks as whole lines of text, with the md5 of every byte, so the
 * parser never holds more than a chunk however large the file. The BOM is dropped.
 */
export async function* readLines(path: string, md5: { digest?: string }): AsyncGenerator<TextPiece> {
  const handle = await open(path, 'r');
  const hash = createHash('md5');
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let carry = '';
  let bytes = 0;
  let first = true;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      const raw = buffer.subarray(0, bytesRead);
      hash.update(raw);
      let text = carry + decoder.write(raw);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        carry = text;
        continue;
      }
      carry = text.slice(cut + 1);
      yield { text: text.slice(0, cut + 1), bytes };
    }
    const rest = carry + decoder.end();
    if (rest.length > 0) yield { text: rest, bytes };
    md5.digest = hash.digest('hex');
  } finally {
    await handle.close();
  }
}

export interface BytePiece {
  /** Whole lines (the last line of the file may lack its line end); valid until the next piece. */
  lines: Buffer;
  /** Bytes read so far. */
  bytes: number;
}

/**
 * `readLines` without decoding: whole lines as bytes in one reused buffer (it grows only for a
 * line longer than a chunk), with the md5 of every byte. The BOM is dropped.
 */
export async function* readLineBytes(path: string, md5: { digest?: string }): AsyncGenerator<BytePiece> {
  const handle = await open(path, 'r');
  const hash = createHash('md5');
  let buffer = Buffer.alloc(CHUNK_BYTES);
  let carry = 0;
  let bytes = 0;
  let first = true;
  try {
    for (;;) {
      if (carry === buffer.length) {
        const bigger = Buffer.alloc(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carry);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, carry, buffer.length - carry, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      hash.update(buffer.subarray(carry, carry + bytesRead));
      let end = carry + bytesRead;
      if (first) {
        first = false;
        if (end >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
          buffer.copyWithin(0, 3, end);
          end -= 3;
        }
      }
      const cut = end > 0 ? buffer.lastIndexOf(10, end - 1) : -1;
      if (cut < 0) {
        carry = end;
        continue;
      }
      yield { lines: buffer.subarray(0, cut + 1), bytes };
      buffer.copyWithin(0, cut + 1, end);
      carry = end - cut - 1;
    }
    if (carry > 0) yield { lines: buffer.subarray(0, carry), bytes };
    md5.digest = hash.digest('hex');
  } finally {
    await handle.close();
  }
}

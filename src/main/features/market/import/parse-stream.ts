import { delimiterByte, FieldSpans, QUOTE, splitLines } from '../../../../core/import/field-splitter';
import type { CandleBatch, RowIssue, ZoneUse } from '../../../../core/import/row-interpreter';
import { RowInterpreter } from '../../../../core/import/row-interpreter';
import { type CacheChunk, CacheChunker } from './cache-chunker';
import { readLineBytes, readLines } from './file-chunks';
import { parseText, type ResolvedSetup } from './runner-setup';

/** What the parser hands the store side, in file order. */
export type ParseEvent =
  | { type: 'batch'; batch: CandleBatch }
  | { type: 'cache'; chunks: CacheChunk[] }
  | { type: 'issue'; issue: RowIssue }
  | { type: 'progress'; rows: number; bytes: number }
  | {
      type: 'end';
      md5: string;
      zoneUse: { embedded: number[]; zoneApplied: boolean; epoch: boolean; dateOnly: boolean };
      /** Every candle came in ascending order, so the cache chunks sent cover the whole file. */
      cacheComplete: boolean;
    };

export interface ParseControl {
  /** The store side has seen enough (strict mode, cancel): stop reading. */
  stopped(): boolean;
}

export interface ParseOptions {
  /** Also resample into cache chunks (a new dataset), sparing the database thread that work. */
  cache: boolean;
}

export function zoneUseOf(e: Extract<ParseEvent, { type: 'end' }>['zoneUse']): ZoneUse {
  return { ...e, embedded: new Set(e.embedded) };
}

/** Decodes a field of a chunk read by `readLineBytes` (always a Buffer). */
const decodeField = (bytes: Uint8Array, start: number, end: number) =>
  (bytes as Buffer).toString('utf8', start, end);

/** The interpreter and cache chunker both paths share, queuing what they produce. */
function interpreting(setup: ResolvedSetup, control: ParseControl, options: ParseOptions) {
  const queue: ParseEvent[] = [];
  let chunks: CacheChunk[] = [];
  let chunker = options.cache ? new CacheChunker(setup.timeframe, (c) => chunks.push(c)) : undefined;
  let lastTs = Number.NEGATIVE_INFINITY;
  const flushChunks = () => {
    if (chunks.length === 0) return;
    queue.push({ type: 'cache', chunks });
    chunks = [];
  };
  const interpreter = new RowInterpreter(setup.layout, setup.zone, {
    batch: (batch) => {
      queue.push({ type: 'batch', batch });
      if (!chunker) return;
      for (let i = 0; i < batch.count; i++) {
        const ts = batch.ts[i]!;
        if (ts <= lastTs) {
          // Out of order: the store side rebuilds the cache from the stored candles.
          chunker = undefined;
          chunks = [];
          return;
        }
        lastTs = ts;
        chunker.push(ts, batch.open[i]!, batch.high[i]!, batch.low[i]!, batch.close[i]!, batch.volume[i]!);
      }
      flushChunks();
    },
    issue: (issue) => {
      queue.push({ type: 'issue', issue });
      return !control.stopped();
    },
  });
  const end = (md5: { digest?: string }): ParseEvent[] => {
    interpreter.end();
    chunker?.end();
    flushChunks();
    const use = interpreter.zoneUse;
    queue.push({
      type: 'end',
      md5: md5.digest ?? '',
      zoneUse: {
        embedded: [...use.embedded],
        zoneApplied: use.zoneApplied,
        epoch: use.epoch,
        dateOnly: use.dateOnly,
      },
      cacheComplete: chunker !== undefined,
    });
    return queue.splice(0);
  };
  return { interpreter, queue, end };
}

/**
 * Reads, splits and interprets a file, yielding batches, cache chunks, issues and progress.
 * Runs in the parse worker when one starts (so parsing overlaps the inserts), else in-thread.
 * One-byte delimiters and LF or CRLF line ends are split from bytes (4x faster than decoding
 * and papaparse); anything else, and any chunk holding a quote, goes through papaparse.
 */
export async function* parseFile(
  path: string,
  setup: ResolvedSetup,
  control: ParseControl,
  options: ParseOptions = { cache: false },
): AsyncGenerator<ParseEvent> {
  const delimiter = delimiterByte(setup.layout.delimiter);
  if (delimiter < 0 || (setup.newline !== '\n' && setup.newline !== '\r\n')) {
    yield* parseFileWithPapaparse(path, setup, control, options);
    return;
  }
  const { layout, newline } = setup;
  const crlf = newline === '\r\n';
  const { interpreter, queue, end } = interpreting(setup, control, options);
  const md5: { digest?: string } = {};
  const spans = new FieldSpans();
  let line = 1;
  let headerLeft = layout.headerLines;
  let chunk: Buffer = Buffer.alloc(0);
  const onLine = (f: FieldSpans): boolean => {
    const at = line++;
    if (headerLeft > 0) {
      headerLeft--;
      return true;
    }
    return interpreter.pushFields(chunk, f, at, decodeField);
  };
  for await (const piece of readLineBytes(path, md5)) {
    chunk = piece.lines;
    if (chunk.includes(QUOTE)) {
      let rows = parseText(chunk.toString('utf8'), layout, newline);
      const skip = Math.min(headerLeft, rows.length);
      rows = rows.slice(skip);
      headerLeft -= skip;
      interpreter.push(rows, line + skip);
      line += skip + rows.length;
    } else {
      splitLines(chunk, 0, chunk.length, delimiter, crlf, spans, onLine);
    }
    yield* queue.splice(0);
    yield { type: 'progress', rows: interpreter.rows, bytes: piece.bytes };
    if (control.stopped() || interpreter.isStopped) return;
  }
  yield* end(md5);
}

/** The general path: decoded text split by papaparse (any delimiter, any line end). */
export async function* parseFileWithPapaparse(
  path: string,
  setup: ResolvedSetup,
  control: ParseControl,
  options: ParseOptions = { cache: false },
): AsyncGenerator<ParseEvent> {
  const { layout, newline } = setup;
  const { interpreter, queue, end } = interpreting(setup, control, options);
  const md5: { digest?: string } = {};
  let line = 1;
  let headerLeft = layout.headerLines;
  for await (const piece of readLines(path, md5)) {
    let rows = parseText(piece.text, layout, newline);
    if (headerLeft > 0) {
      const skip = Math.min(headerLeft, rows.length);
      rows = rows.slice(skip);
      line += skip;
      headerLeft -= skip;
    }
    interpreter.push(rows, line);
    line += rows.length;
    yield* queue.splice(0);
    yield { type: 'progress', rows: interpreter.rows, bytes: piece.bytes };
    if (control.stopped() || interpreter.isStopped) return;
  }
  yield* end(md5);
}

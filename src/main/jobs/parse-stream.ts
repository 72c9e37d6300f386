import type { CandleBatch, RowIssue, ZoneUse } from '../../core/import/row-interpreter';
import { RowInterpreter } from '../../core/import/row-interpreter';
import { readLines } from './file-chunks';
import { parseText, type ResolvedSetup } from './import-runner-setup';

/** What the parser hands the store side, in file order. */
export type ParseEvent =
  | { type: 'batch'; batch: CandleBatch }
  | { type: 'issue'; issue: RowIssue }
  | { type: 'progress'; rows: number; bytes: number }
  | {
      type: 'end';
      md5: string;
      zoneUse: { embedded: number[]; zoneApplied: boolean; epoch: boolean; dateOnly: boolean };
    };

export interface ParseControl {
  /** The store side has seen enough (strict mode, cancel): stop reading. */
  stopped(): boolean;
}

export function zoneUseOf(e: Extract<ParseEvent, { type: 'end' }>['zoneUse']): ZoneUse {
  return { ...e, embedded: new Set(e.embedded) };
}

/**
 * Reads, splits (papaparse) and interprets a file, yielding batches, issues and progress.
 * Runs in the parse worker when one starts (so parsing overlaps the inserts), else in-thread.
 */
export async function* parseFile(
  path: string,
  setup: ResolvedSetup,
  control: ParseControl,
): AsyncGenerator<ParseEvent> {
  const { layout, zone, newline } = setup;
  const queue: ParseEvent[] = [];
  const interpreter = new RowInterpreter(layout, zone, {
    batch: (batch) => queue.push({ type: 'batch', batch }),
    issue: (issue) => {
      queue.push({ type: 'issue', issue });
      return !control.stopped();
    },
  });
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
  interpreter.end();
  yield* queue.splice(0);
  const use = interpreter.zoneUse;
  yield {
    type: 'end',
    md5: md5.digest ?? '',
    zoneUse: {
      embedded: [...use.embedded],
      zoneApplied: use.zoneApplied,
      epoch: use.epoch,
      dateOnly: use.dateOnly,
    },
  };
}

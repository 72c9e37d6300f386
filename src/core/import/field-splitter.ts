/** Where each field of one line lies in a byte buffer; reused from line to line. */
export class FieldSpans {
  count = 0;
  starts = new Int32Array(32);
  ends = new Int32Array(32);

  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

const LF = 10;
const CR = 13;
export const QUOTE = 34;

/** The byte of a one-character ASCII delimiter, or -1 when the fast splitter cannot take it. */
export function delimiterByte(delimiter: string): number {
  if (delimiter.length !== 1) return -1;
  const code = delimiter.charCodeAt(0);
  return code < 128 && code !== QUOTE && code !== LF && code !== CR ? code : -1;
}

/**
 * Splits `bytes[from, to)` into lines and fields, calling `row` with the spans of each line
 * until it returns false; returns the number of lines seen. Exactly what papaparse yields for
 * quote-free text, so line numbers and fields agree with the general path: one trailing line
 * end is dropped, every other line end makes a line (blank ones too), and with CRLF line ends
 * a lone LF stays inside its field. Quotes are not interpreted: callers send text holding a
 * quote to papaparse instead.
 */
export function splitLines(
  bytes: Uint8Array,
  from: number,
  to: number,
  delimiter: number,
  crlf: boolean,
  spans: FieldSpans,
  row: (spans: FieldSpans) => boolean,
): number {
  let end = to;
  if (crlf) {
    if (end - from >= 2 && bytes[end - 1] === LF && bytes[end - 2] === CR) end -= 2;
  } else if (end > from && bytes[end - 1] === LF) end--;
  if (end === from) return 0;
  let lines = 0;
  let start = from;
  for (;;) {
    let lineEnd = bytes.indexOf(LF, start);
    let next: number;
    if (crlf) {
      while (lineEnd >= 0 && lineEnd < end && (lineEnd === start || bytes[lineEnd - 1] !== CR)) {
        lineEnd = bytes.indexOf(LF, lineEnd + 1);
      }
      if (lineEnd < 0 || lineEnd >= end) {
        lineEnd = end;
        next = -1;
      } else {
        next = lineEnd + 1;
        lineEnd--;
      }
    } else if (lineEnd < 0 || lineEnd >= end) {
      lineEnd = end;
      next = -1;
    } else next = lineEnd + 1;
    spans.count = 0;
    let fieldStart = start;
    for (let i = start; i < lineEnd; i++) {
      if (bytes[i] === delimiter) {
        spans.add(fieldStart, i);
        fieldStart = i + 1;
      }
    }
    spans.add(fieldStart, lineEnd);
    lines++;
    if (!row(spans) || next < 0) return lines;
    start = next;
  }
}

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { delimiterByte, FieldSpans, splitLines } from '../../../src/core/import/field-splitter';

const bytes = (text: string) => new TextEncoder().encode(text);
const decoder = new TextDecoder();

/** Lines and fields as strings, through the byte splitter. */
function split(text: string, delimiter: string, newline: '\n' | '\r\n'): string[][] {
  const b = bytes(text);
  const rows: string[][] = [];
  splitLines(b, 0, b.length, delimiterByte(delimiter), newline === '\r\n', new FieldSpans(), (f) => {
    const row: string[] = [];
    for (let k = 0; k < f.count; k++) row.push(decoder.decode(b.subarray(f.starts[k], f.ends[k])));
    rows.push(row);
    return true;
  });
  return rows;
}

/** The general path: a chunk of whole lines, one trailing line end dropped, papaparse. */
function papa(text: string, delimiter: string, newline: '\n' | '\r\n'): string[][] {
  const body = text.endsWith(newline) ? text.slice(0, -newline.length) : text;
  return Papa.parse<string[]>(body, { delimiter, newline: newline as '\n', quoteChar: '"' }).data;
}

describe('splitLines', () => {
  it('splits MetaTrader lines on commas', () => {
    expect(
      split('2019.01.02,00:00,1.1,1.2,1.0,1.1,5\n2019.01.02,00:01,1.1,1.2,1.0,1.1,6\n', ',', '\n'),
    ).toEqual([
      ['2019.01.02', '00:00', '1.1', '1.2', '1.0', '1.1', '5'],
      ['2019.01.02', '00:01', '1.1', '1.2', '1.0', '1.1', '6'],
    ]);
  });

  it('drops CR of CRLF line ends, and only one trailing line end', () => {
    expect(split('a,b\r\nc,d\r\n', ',', '\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(split('a,b\r\n\r\n', ',', '\r\n')).toEqual([['a', 'b'], ['']]);
  });

  it('reads a last line without a line end', () => {
    expect(split('a;b\nc;d', ';', '\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps blank lines as lines, so line numbers stay right', () => {
    expect(split('a\n\nb\n', ',', '\n')).toEqual([['a'], [''], ['b']]);
  });

  it('splits on semicolons with decimal commas, tabs and pipes', () => {
    expect(split('20120201 000000;1,3066;1,3070\n', ';', '\n')).toEqual([
      ['20120201 000000', '1,3066', '1,3070'],
    ]);
    expect(split('2020.01.02\t00:00\t1.1\n', '\t', '\n')).toEqual([['2020.01.02', '00:00', '1.1']]);
    expect(split('2020-01-02|1.1|1.2\n', '|', '\n')).toEqual([['2020-01-02', '1.1', '1.2']]);
  });

  it('keeps empty fields', () => {
    expect(split(',a,,b,\n', ',', '\n')).toEqual([['', 'a', '', 'b', '']]);
  });

  it('gives nothing for nothing, as papaparse does', () => {
    expect(split('', ',', '\n')).toEqual([]);
    expect(split('\n', ',', '\n')).toEqual([]);
    expect(split('\r\n', ',', '\r\n')).toEqual([]);
  });

  it('stops when told to', () => {
    const b = bytes('a\nb\nc\n');
    let seen = 0;
    const lines = splitLines(b, 0, b.length, 44, false, new FieldSpans(), () => ++seen < 2);
    expect(lines).toBe(2);
  });

  it('takes more fields than its initial room', () => {
    const row = Array.from({ length: 100 }, (_, i) => String(i));
    expect(split(`${row.join(',')}\n`, ',', '\n')).toEqual([row]);
  });

  it.each([
    ['a,b\nc,d\r\ne', ',', '\n'],
    ['a,b\r\nc\nd\r\ne\r\n', ',', '\r\n'],
    ['\n\na\n', ',', '\n'],
    ['x\r', ',', '\n'],
    ['1;2;3\n4;;6\n\n', ';', '\n'],
    ['\t\t\n\t', '\t', '\n'],
    ['a|b|\r\n|c\r\n', '|', '\r\n'],
    ['\r\n\r\n', ',', '\r\n'],
  ] as const)('agrees with papaparse on quote-free %j', (text, delimiter, newline) => {
    expect(split(text, delimiter, newline)).toEqual(papa(text, delimiter, newline));
  });

  it('refuses delimiters it cannot split on', () => {
    expect(delimiterByte('"')).toBe(-1);
    expect(delimiterByte('ab')).toBe(-1);
    expect(delimiterByte('\n')).toBe(-1);
    expect(delimiterByte(',')).toBe(44);
  });
});

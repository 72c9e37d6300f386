import Papa from 'papaparse';
import type { ImportLayout } from '../../../../core/import/format';

/**
 * Rows of a text chunk through papaparse: the general path for what the byte splitter leaves
 * (quoted fields, odd line ends), and for previews. Lines wrapped whole in quotes lose them first.
 * A candle is one line, always: a quote left open (a typo on one line) must not swallow the lines
 * after it, so the row count must equal the line count, one row per line.
 */
export function parseText(text: string, layout: ImportLayout, newline: string): string[][] {
  let body = layout.lineQuoted ? text.replace(/^"|"(?=\r?$)/gm, '') : text;
  if (body.endsWith(newline)) body = body.slice(0, -newline.length);
  const config = { delimiter: layout.delimiter, newline: newline as '\n', quoteChar: '"' };
  const rows = Papa.parse<string[]>(body, config).data;
  const lines = body.split(newline);
  if (rows.length === lines.length) return rows;
  // Rare (a broken file): each line on its own; a line whose quote never closes is split as it
  // stands, so the quote shows in the field the interpreter names.
  return lines.map((line) => {
    const parsed = Papa.parse<string[]>(line, config);
    return parsed.errors.length > 0 ? line.split(layout.delimiter) : (parsed.data[0] ?? ['']);
  });
}

import Papa from 'papaparse';
import type { ImportLayout } from '../../../../core/import/format';

/**
 * Rows of a text chunk through papaparse: the general path for what the byte splitter leaves
 * (quoted fields, odd line ends), and for previews. Lines wrapped whole in quotes lose them first.
 */
export function parseText(text: string, layout: ImportLayout, newline: string): string[][] {
  let body = layout.lineQuoted ? text.replace(/^"|"(?=\r?$)/gm, '') : text;
  if (body.endsWith(newline)) body = body.slice(0, -newline.length);
  return Papa.parse<string[]>(body, { delimiter: layout.delimiter, newline: newline as '\n', quoteChar: '"' })
    .data;
}

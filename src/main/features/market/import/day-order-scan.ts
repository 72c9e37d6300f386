import { dayOrderOf } from '../../../../core/import/detect';
import type { ImportLayout } from '../../../../core/import/format';
import { readLines } from './file-chunks';
import { parseText } from './parse-text';

/**
 * Reads on past the sample until the dates tell day-first from month-first (a day above 12, or
 * the part that moves from row to row). Only files whose sample left 01/02/2020 ambiguous pay
 * for this; undefined when the whole file cannot tell either.
 */
export async function scanDayOrder(path: string, layout: ImportLayout, newline: string) {
  let headerLeft = layout.headerLines;
  for await (const piece of readLines(path, {})) {
    let rows = parseText(piece.text, layout, newline);
    if (headerLeft > 0) {
      rows = rows.slice(headerLeft);
      headerLeft = 0;
    }
    const dayFirst = dayOrderOf(rows, layout.columns.date);
    if (dayFirst !== undefined) return dayFirst;
  }
  return undefined;
}

/** The import wizard's editable guesses (columns, delimiter) and the invalid lines an error lists. */
export const COLUMN_NAMES = ['date', 'time', 'open', 'high', 'low', 'close', 'volume', 'bid', 'ask'] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];
export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Vertical bar' },
];
/** The preview reads the start of the file only. */
export const PREVIEW_BYTES = 64 * 1024;

export interface Issue {
  line: number;
  reason: string;
}
export const issuesOf = (details: unknown): Issue[] => {
  const list = (details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(list) ? (list as Issue[]).filter((i) => typeof i?.line === 'number') : [];
};

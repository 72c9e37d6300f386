/** What a blind session must never show: any ISO date, a year of the data, a month name, a real price. */
export const ISO_DATE = /\b\d{4}-\d{2}-\d{2}/;
export const MONTH =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;

/** The first leak in `text` (with some context), or null. `years` and `realPrice` describe the data. */
export function findLeak(text: string, years: readonly number[], realPrice: RegExp): string | null {
  const patterns: [string, RegExp][] = [
    ['ISO date', ISO_DATE],
    ['month name', MONTH],
    ['real price', realPrice],
    ...years.map((y): [string, RegExp] => [`year ${y}`, new RegExp(`\\b${y}\\b`)]),
  ];
  for (const [what, pattern] of patterns) {
    const m = pattern.exec(text);
    if (m) return `${what}: …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`;
  }
  return null;
}

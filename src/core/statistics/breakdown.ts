import { grossLossCents, grossProfitCents } from './gross';
import { profitFactor } from './profit-factor';
import { tradeCounts } from './trade-counts';
import type { Trade, TradeResult } from './types';
import { winRatePct } from './win-rate';

export interface BreakdownRow {
  key: string;
  trades: number;
  wins: number;
  losses: number;
  netProfitCents: number;
  winRatePct: number | null;
  profitFactor: number | null;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Results of the trades grouped by `keys(trade)` (a trade may fall in several groups), in key order. */
export function breakdown<T extends TradeResult>(
  trades: readonly T[],
  keys: (t: T) => string[],
  order: readonly string[] = [],
): BreakdownRow[] {
  const groups = new Map<string, T[]>();
  for (const t of trades) {
    for (const k of keys(t)) {
      const g = groups.get(k);
      if (g) g.push(t);
      else groups.set(k, [t]);
    }
  }
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...groups.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((key) => {
      const g = groups.get(key)!;
      const counts = tradeCounts(g);
      return {
        key,
        trades: counts.trades,
        wins: counts.wins,
        losses: counts.losses,
        netProfitCents: grossProfitCents(g) + grossLossCents(g),
        winRatePct: winRatePct(g),
        profitFactor: profitFactor(g),
      };
    });
}

/** By UTC weekday of the entry (Monday first). */
export function byWeekday(trades: readonly Trade[]): BreakdownRow[] {
  const order = [...WEEKDAYS.slice(1), WEEKDAYS[0]!];
  return breakdown(trades, (t) => [WEEKDAYS[new Date(t.openedTs * 1000).getUTCDay()]!], order);
}

/** By UTC hour of the entry, keys '00' .. '23'. */
export function byHour(trades: readonly Trade[]): BreakdownRow[] {
  return breakdown(trades, (t) => [String(new Date(t.openedTs * 1000).getUTCHours()).padStart(2, '0')]);
}

/** By side, keys 'BUY' and 'SELL'. */
export function bySide(trades: readonly Trade[]): BreakdownRow[] {
  return breakdown(trades, (t) => [t.side], ['BUY', 'SELL']);
}

/** By journal tag; a trade with several tags counts in each, one without tags under '(untagged)'. */
export function byTag(trades: readonly Trade[]): BreakdownRow[] {
  return breakdown(trades, (t) => (t.tags.length > 0 ? t.tags : ['(untagged)']));
}

import type { EquityPoint } from './types';
import { round } from './types';

/** A position as the equity curve values it. */
export interface CurvePosition {
  openedTs: number;
  /** Null while still open. */
  closedTs: number | null;
  /** Money the position would return if closed at the bar's close bid (costs included), cents. */
  valueAt(closeBid: number): number;
}

/**
 * The equity curve: one point per ledger entry (balance moves) and one per base bar close while
 * a position is open (equity moves), in time order. Balance at a time is the last ledger
 * `balance_after` at or before it; equity adds the open positions valued at the bar's close.
 * A bar's point is the state after the bar (the ledger's timestamps are the bar open times of
 * the events, so a position closed during bar `ts` has `closedTs = ts` and is no longer open).
 */
export function equityCurve(
  ledger: readonly { ts: number; balanceAfterCents: number }[],
  positions: readonly CurvePosition[],
  bars: readonly { ts: number; close: number }[],
  /** The replay cursor: a last point there (at the final balance) when the curve ends before it. */
  endTs?: number,
): EquityPoint[] {
  const raw: { ts: number; balanceCents: number; equityCents: number }[] = [];
  let li = 0;
  let balance = ledger[0]?.balanceAfterCents ?? 0;
  const push = (ts: number, equity: number) => {
    const last = raw[raw.length - 1];
    if (last && last.ts === ts) {
      last.balanceCents = balance;
      last.equityCents = equity;
    } else raw.push({ ts, balanceCents: balance, equityCents: equity });
  };
  for (const bar of bars) {
    while (li < ledger.length && ledger[li]!.ts < bar.ts) {
      balance = ledger[li]!.balanceAfterCents;
      push(ledger[li]!.ts, balance);
      li++;
    }
    let moved = false;
    while (li < ledger.length && ledger[li]!.ts === bar.ts) {
      balance = ledger[li++]!.balanceAfterCents;
      moved = true;
    }
    let open = 0;
    let any = false;
    for (const p of positions) {
      if (p.openedTs <= bar.ts && (p.closedTs === null || p.closedTs > bar.ts)) {
        open += p.valueAt(bar.close);
        any = true;
      }
    }
    if (any || moved) push(bar.ts, balance + open);
  }
  while (li < ledger.length) {
    balance = ledger[li]!.balanceAfterCents;
    push(ledger[li]!.ts, balance);
    li++;
  }
  const last = raw[raw.length - 1];
  if (endTs !== undefined && last && last.ts < endTs) push(endTs, balance);
  return withDrawdown(raw);
}

/** Adds the running drawdown (money and % of the running equity peak) to each point. */
export function withDrawdown(
  raw: readonly { ts: number; balanceCents: number; equityCents: number }[],
): EquityPoint[] {
  let peak = Number.NEGATIVE_INFINITY;
  return raw.map((p) => {
    if (p.equityCents > peak) peak = p.equityCents;
    const dd = peak - p.equityCents;
    const drawdownPct = peak > 0 ? (round((dd / peak) * 100) ?? 0) : 0;
    return {
      ts: p.ts,
      balanceCents: p.balanceCents,
      equityCents: p.equityCents,
      drawdownCents: dd,
      drawdownPct,
    };
  });
}

/**
 * At most about `max` points for storage and charts: the curve is cut in buckets and each keeps
 * its first, lowest, highest and last points (in time order), so peaks and troughs survive.
 */
export function downsampleCurve(points: readonly EquityPoint[], max = 2000): EquityPoint[] {
  if (points.length <= max) return [...points];
  const size = Math.ceil(points.length / Math.max(1, Math.floor(max / 4)));
  const out: EquityPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const bucket = points.slice(i, i + size);
    let lo = bucket[0]!;
    let hi = bucket[0]!;
    for (const p of bucket) {
      if (p.equityCents < lo.equityCents) lo = p;
      if (p.equityCents > hi.equityCents) hi = p;
    }
    const keep = new Set([bucket[0]!, lo, hi, bucket[bucket.length - 1]!]);
    out.push(...[...keep].sort((a, b) => a.ts - b.ts));
  }
  return out;
}

/**
 * The equity chart's value range in whole cents: the lowest and highest equity or balance, each
 * padded by 5 % of the span (a flat curve by 1.00), rounded once here so the app and the HTML
 * export label the same peak to the cent; and the deepest drawdown (at least 1.00).
 */
export function equityAxisCents(
  points: readonly { equityCents: number; balanceCents: number; drawdownCents: number }[],
): {
  loCents: number;
  hiCents: number;
  drawdownMaxCents: number;
} {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let drawdown = 100;
  for (const p of points) {
    lo = Math.min(lo, p.equityCents, p.balanceCents);
    hi = Math.max(hi, p.equityCents, p.balanceCents);
    drawdown = Math.max(drawdown, p.drawdownCents);
  }
  if (!Number.isFinite(lo)) return { loCents: 0, hiCents: 0, drawdownMaxCents: drawdown };
  const pad = Math.round((hi - lo) * 0.05) || 100;
  return { loCents: lo - pad, hiCents: hi + pad, drawdownMaxCents: drawdown };
}

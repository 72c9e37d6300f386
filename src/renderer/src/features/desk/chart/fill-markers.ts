import type { PositionDto } from '../../../../../shared/dto';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../../../shared/timeframes';

/** One fill as the chart marks it: at its bar, on the side it traded, named by what it was. */
export interface FillMarker {
  /** Open time of the chart bar the fill belongs to. */
  time: number;
  /** The side of the fill itself: a short's exit is a buy. */
  side: 'BUY' | 'SELL';
  text: string;
  /** Stable per fill, so a redraw never doubles it. */
  key: string;
}

const EXIT_NAMES: Record<string, string> = {
  SL: 'SL',
  TP: 'TP',
  CLOSE: 'Close',
  STOP_OUT: 'Liquidation',
};

/** The bar a fill belongs to on a chart of `timeframe` (weeks and days align like the server's buckets). */
export function barTimeOf(ts: number, timeframe: Timeframe): number {
  const length = TIMEFRAME_SECONDS[timeframe];
  if (timeframe === 'W1') return ts - ((ts - 4 * 86400) % length); // weeks open on Monday 00:00 UTC
  return ts - (ts % length);
}

/**
 * Every fill of the session, read from its position records (which the back end keeps), not from
 * the ticks this page happened to see: one entry per position (a partly closed one's entry counts
 * all its lots) and one exit per closed record, named by what closed it.
 */
export function fillMarkers(records: PositionDto[], timeframe: Timeframe): FillMarker[] {
  const byId = new Map<string, PositionDto>();
  for (const p of records) byId.set(p.id, p);
  const entryLots = new Map<string, number>();
  for (const p of byId.values()) {
    const root = p.parentPositionId && byId.has(p.parentPositionId) ? p.parentPositionId : p.id;
    entryLots.set(root, Math.round(((entryLots.get(root) ?? 0) + p.lots) * 1e8) / 1e8);
  }
  const out: FillMarker[] = [];
  for (const p of byId.values()) {
    if (!p.parentPositionId || !byId.has(p.parentPositionId)) {
      out.push({
        key: `entry:${p.id}`,
        time: barTimeOf(p.openedTs, timeframe),
        side: p.side,
        text: `${p.side === 'BUY' ? 'Buy' : 'Sell'} ${entryLots.get(p.id) ?? p.lots}`,
      });
    }
    if (p.status !== 'OPEN' && p.closedTs !== null) {
      const name =
        p.status === 'LIQUIDATED' ? 'Liquidation' : ((p.exitReason && EXIT_NAMES[p.exitReason]) ?? 'Close');
      out.push({
        key: `exit:${p.id}`,
        time: barTimeOf(p.closedTs, timeframe),
        side: p.side === 'BUY' ? 'SELL' : 'BUY',
        text: `${name} ${p.lots}`,
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

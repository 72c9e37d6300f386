import {
  createSeriesMarkers,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { CandleDto } from '../../../../shared/dto';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../../shared/timeframes';
import { api } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';
import type { ChartFeed } from './chart/CandleChart';
import './trade-focus.css';

/** A trade picked in a report, to be shown on the desk's chart. */
export interface TradeFocus {
  positionId: string;
  side: 'BUY' | 'SELL';
  lots: number;
  openedTs: number;
  closedTs: number;
}

/** Bars of margin either side of the trade. */
const MARGIN_BARS = 30;
/** The most bars `replay:snapshot` hands out. */
const MAX_BARS = 20_000;

/** The bar of `bars` (oldest first) that holds `ts`: the last one opening at or before it. */
function barAt(bars: readonly CandleDto[], ts: number): number | null {
  let found: number | null = null;
  for (const b of bars) {
    if (b.ts > ts) break;
    found = b.ts;
  }
  return found;
}

/**
 * Scrolls the desk's chart to a trade from a report and marks its entry and exit. Bars come from
 * `replay:snapshot` only, which ends at the session's cursor: going to a trade never shows a bar
 * the replay has not reached. When the trade is older than the bars loaded, more are loaded.
 */
export function TradeFocusView(props: {
  sessionId: string;
  focus: TradeFocus;
  feed: ChartFeed | null;
  timeframe: Timeframe;
  revealed: CandleDto[];
  onBars: (bars: CandleDto[]) => void;
  onError: (message: string) => void;
}) {
  const { sessionId, focus, feed, timeframe, revealed, onBars, onError } = props;
  const shown = useRef<{ key: string; feed: ChartFeed } | null>(null);
  const marks = useRef<{ feed: ChartFeed; plugin: ISeriesMarkersPluginApi<Time> } | null>(null);

  useEffect(() => {
    if (!feed || revealed.length === 0) return;
    // Once per trade, timeframe and chart (a theme change builds a new chart).
    const key = `${focus.positionId}:${timeframe}`;
    if (shown.current?.key === key && shown.current.feed === feed) return;
    shown.current = { key, feed };
    const margin = MARGIN_BARS * TIMEFRAME_SECONDS[timeframe];
    const show = (bars: readonly CandleDto[]) => {
      const first = bars[0]!.ts;
      const last = bars[bars.length - 1]!.ts;
      const entryBar = barAt(bars, focus.openedTs);
      const exitBar = barAt(bars, focus.closedTs);
      const markers: SeriesMarker<Time>[] = [];
      const entryBuy = focus.side === 'BUY';
      if (entryBar !== null)
        markers.push({
          time: entryBar as UTCTimestamp,
          position: entryBuy ? 'belowBar' : 'aboveBar',
          shape: entryBuy ? 'arrowUp' : 'arrowDown',
          color: '#e040fb',
          text: `Entry ${entryBuy ? 'buy' : 'sell'} ${focus.lots}`,
        });
      if (exitBar !== null)
        markers.push({
          time: exitBar as UTCTimestamp,
          position: entryBuy ? 'aboveBar' : 'belowBar',
          shape: 'circle',
          color: '#e040fb',
          text: 'Exit',
        });
      if (marks.current?.feed === feed) marks.current.plugin.detach();
      marks.current = { feed, plugin: createSeriesMarkers(feed.candles, markers) };
      feed.chart.timeScale().setVisibleRange({
        from: Math.max(first, focus.openedTs - margin) as UTCTimestamp,
        to: Math.min(last, focus.closedTs + margin) as UTCTimestamp,
      });
    };
    const first = revealed[0]!.ts;
    const last = revealed[revealed.length - 1]!.ts;
    if (first <= focus.openedTs - margin) {
      show(revealed);
      return;
    }
    // Calendar time overstates the bars (nights, weekends): asking for more is harmless.
    const count = Math.min(
      MAX_BARS,
      Math.ceil((last - focus.openedTs + margin) / TIMEFRAME_SECONDS[timeframe]) + 1,
    );
    if (count <= revealed.length) {
      show(revealed);
      return;
    }
    api['replay:snapshot']({ sessionId, timeframe, count }).then(
      (snapshot) => {
        if (snapshot.candles.length === 0) return;
        feed.reset(snapshot.candles);
        onBars(snapshot.candles);
        show(snapshot.candles);
      },
      (e) => onError(errorMessage(e)),
    );
  }, [feed, revealed, focus, timeframe, sessionId, onBars, onError]);

  return (
    <p className="trade-focus" role="status" aria-label="Trade on the chart">
      {focus.side === 'BUY' ? 'Buy' : 'Sell'} {focus.lots} · {formatTs(focus.openedTs)} →{' '}
      {formatTs(focus.closedTs)} UTC
    </p>
  );
}

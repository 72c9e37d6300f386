import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { CandleDto, FillDto, PositionDto } from '../../../shared/dto';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import { formatPrice, formatTs } from '../format';
import { type ChartTheme, chartColors } from '../theme';

export interface ChartFeed {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  /** Replaces all bars (open, seek, timeframe change). */
  reset(candles: CandleDto[]): void;
  /** Adds or updates the forming bar. */
  update(candle: CandleDto): void;
}

const toBar = (c: CandleDto) => ({
  time: c.ts as UTCTimestamp,
  open: c.open,
  high: c.high,
  low: c.low,
  close: c.close,
});
const toVolume = (c: CandleDto, up: string, down: string) => ({
  time: c.ts as UTCTimestamp,
  value: c.volume,
  color: c.close >= c.open ? up : down,
});

/** The bar a fill belongs to on a chart of `timeframe` (weeks and days align like the server's buckets). */
function barTimeOf(ts: number, timeframe: Timeframe): number {
  const length = TIMEFRAME_SECONDS[timeframe];
  if (timeframe === 'W1') return ts - ((ts - 4 * 86400) % length); // weeks open on Monday 00:00 UTC
  return ts - (ts % length);
}

/**
 * Candlesticks and volume of revealed bars only. The desk pushes bars through the feed; `setData`
 * is kept for resets and `update` for every tick, as lightweight-charts recommends.
 */
export function CandleChart(props: {
  digits: number;
  timeframe: Timeframe;
  theme: ChartTheme;
  positions: PositionDto[];
  fills: FillDto[];
  onReady: (feed: ChartFeed | null) => void;
  onContextPrice?: (price: number, at: { x: number; y: number }) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const lines = useRef<IPriceLine[]>([]);
  const lastBars = useRef(new Map<number, CandleDto>());
  const [legend, setLegend] = useState<CandleDto | null>(null);
  const { digits, onReady, theme, onContextPrice } = props;

  useEffect(() => {
    const el = container.current!;
    const colors = chartColors(theme);
    const chart: IChartApi = createChart(el, {
      autoSize: true,
      layout: { background: { color: colors.background }, textColor: colors.text, fontSize: 12 },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 8, borderColor: colors.border },
      rightPriceScale: { borderColor: colors.border },
      crosshair: { mode: 0 },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: colors.up,
      downColor: colors.down,
      wickUpColor: colors.up,
      wickDownColor: colors.down,
      borderVisible: false,
      priceFormat: { type: 'price', precision: digits, minMove: 10 ** -digits },
    });
    const volume = chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
      1,
    );
    chart.panes()[1]?.setHeight(70);
    series.current = candles;
    markers.current = createSeriesMarkers(candles, []);
    const bars = lastBars.current;
    const upVolume = `${colors.up}80`;
    const downVolume = `${colors.down}80`;

    const onMove = (param: MouseEventParams<Time>) => {
      const time = param.time as number | undefined;
      setLegend(time === undefined ? null : (bars.get(time) ?? null));
    };
    chart.subscribeCrosshairMove(onMove);

    const onContext = (event: MouseEvent) => {
      if (!onContextPrice) return;
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      const price = candles.coordinateToPrice(event.clientY - rect.top);
      if (price !== null)
        onContextPrice(Number(price.toFixed(digits)), { x: event.clientX, y: event.clientY });
    };
    el.addEventListener('contextmenu', onContext);

    onReady({
      chart,
      candles,
      reset: (list) => {
        bars.clear();
        for (const c of list) bars.set(c.ts, c);
        candles.setData(list.map(toBar));
        volume.setData(list.map((c) => toVolume(c, upVolume, downVolume)));
        chart.timeScale().scrollToRealTime();
      },
      update: (bar) => {
        bars.set(bar.ts, bar);
        candles.update(toBar(bar));
        volume.update(toVolume(bar, upVolume, downVolume));
      },
    });
    return () => {
      onReady(null);
      el.removeEventListener('contextmenu', onContext);
      chart.unsubscribeCrosshairMove(onMove);
      series.current = null;
      markers.current = null;
      lines.current = [];
      chart.remove();
    };
  }, [digits, onReady, theme, onContextPrice]);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    for (const line of lines.current) s.removePriceLine(line);
    lines.current = [];
    for (const p of props.positions) {
      if (p.status !== 'OPEN') continue;
      const side = p.side === 'BUY' ? 'Buy' : 'Sell';
      const pnl = p.openPnlCents == null ? '' : ` ${(p.openPnlCents / 100).toFixed(2)}`;
      lines.current.push(
        s.createPriceLine({
          price: p.entryPrice,
          color: p.side === 'BUY' ? '#3b82f6' : '#f59e0b',
          lineWidth: 2,
          title: `${side} ${p.lots}${pnl}`,
        }),
      );
      if (p.slPrice != null)
        lines.current.push(s.createPriceLine({ price: p.slPrice, color: '#ef5350', title: 'SL' }));
      if (p.tpPrice != null)
        lines.current.push(s.createPriceLine({ price: p.tpPrice, color: '#26a69a', title: 'TP' }));
    }
  }, [props.positions]);

  useEffect(() => {
    const list: SeriesMarker<Time>[] = props.fills.map((f) => ({
      time: barTimeOf(f.ts, props.timeframe) as UTCTimestamp,
      position: f.side === 'BUY' ? 'belowBar' : 'aboveBar',
      color: f.side === 'BUY' ? '#3b82f6' : '#f59e0b',
      shape: f.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      text: `${f.side === 'BUY' ? 'Buy' : 'Sell'} ${f.lots}`,
    }));
    markers.current?.setMarkers(list.sort((a, b) => Number(a.time) - Number(b.time)));
  }, [props.fills, props.timeframe]);

  return (
    <div className="chart-wrap">
      <section className="chart-legend" aria-label="Bar under the cursor">
        {legend && (
          <>
            <span>{formatTs(legend.ts)}</span>
            <span>O {formatPrice(legend.open, digits)}</span>
            <span>H {formatPrice(legend.high, digits)}</span>
            <span>L {formatPrice(legend.low, digits)}</span>
            <span>C {formatPrice(legend.close, digits)}</span>
            <span>V {legend.volume.toLocaleString()}</span>
          </>
        )}
      </section>
      <div ref={container} className="chart" role="img" aria-label="Price chart" />
    </div>
  );
}

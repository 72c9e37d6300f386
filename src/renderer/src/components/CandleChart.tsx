import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { CandleDto, FillDto, PositionDto } from '../../../shared/dto';

export interface ChartFeed {
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

/**
 * Candlesticks of revealed bars only. The desk pushes bars through `feed`; `setData` is kept for
 * resets and `update` for every tick, as lightweight-charts recommends.
 */
export function CandleChart(props: {
  digits: number;
  positions: PositionDto[];
  fills: FillDto[];
  onReady: (feed: ChartFeed) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const lines = useRef<IPriceLine[]>([]);
  const { digits, onReady } = props;

  useEffect(() => {
    const el = container.current!;
    const chart: IChartApi = createChart(el, {
      autoSize: true,
      layout: { background: { color: '#0f1419' }, textColor: '#c9d1d9', fontSize: 12 },
      grid: { vertLines: { color: '#1c2430' }, horzLines: { color: '#1c2430' } },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 8, borderColor: '#2d3745' },
      rightPriceScale: { borderColor: '#2d3745' },
      crosshair: { mode: 0 },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: '#26a69a',
      downColor: '#ef5350',
      wickUpColor: '#26a69a',
      wickDownColor: '#ef5350',
      borderVisible: false,
      priceFormat: { type: 'price', precision: digits, minMove: 10 ** -digits },
    });
    series.current = candles;
    markers.current = createSeriesMarkers(candles, []);
    onReady({
      reset: (bars) => {
        candles.setData(bars.map(toBar));
        chart.timeScale().scrollToRealTime();
      },
      update: (bar) => candles.update(toBar(bar)),
    });
    return () => {
      series.current = null;
      markers.current = null;
      lines.current = [];
      chart.remove();
    };
  }, [digits, onReady]);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    for (const line of lines.current) s.removePriceLine(line);
    lines.current = [];
    for (const p of props.positions) {
      if (p.status !== 'OPEN') continue;
      const side = p.side === 'BUY' ? 'Buy' : 'Sell';
      lines.current.push(
        s.createPriceLine({
          price: p.entryPrice,
          color: p.side === 'BUY' ? '#3b82f6' : '#f59e0b',
          lineWidth: 2,
          title: `${side} ${p.lots}`,
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
      time: f.ts as UTCTimestamp,
      position: f.side === 'BUY' ? 'belowBar' : 'aboveBar',
      color: f.side === 'BUY' ? '#3b82f6' : '#f59e0b',
      shape: f.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      text: `${f.side === 'BUY' ? 'Buy' : 'Sell'} ${f.lots}`,
    }));
    markers.current?.setMarkers(list.sort((a, b) => Number(a.time) - Number(b.time)));
  }, [props.fills]);

  return <div ref={container} className="chart" role="img" aria-label="Price chart" />;
}

import {
  type AutoscaleInfo,
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
import { useEffect, useMemo, useRef, useState } from 'react';
import { isMaskedTs } from '../../../../../shared/blind-time';
import type { CandleDto, OrderDto, PositionDto } from '../../../../../shared/dto';
import type { Timeframe } from '../../../../../shared/timeframes';
import { formatPrice, formatTs } from '../../../shared/format';
import { type ChartTheme, chartColors } from '../../../shared/theme';
import { blindCrosshairTime, blindTickMark } from './blind-axis';
import { fillMarkers } from './fill-markers';

export interface ChartFeed {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  /**
   * Replaces all bars (open, seek, timeframe change) and scrolls to the cursor. Given a timeframe
   * other than the one shown, the view also returns to a readable bar spacing: a zoom that suited
   * D1 would show M1 as two giant candles.
   */
  reset(candles: CandleDto[], timeframe?: Timeframe): void;
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

/** Pixels per bar a timeframe opens at: candles stay readable and a few hundred fit. */
export const OPENING_BAR_SPACING = 8;

/** What a draggable level on the chart belongs to. */
export interface LevelTarget {
  kind: 'position' | 'order';
  id: string;
  level: 'sl' | 'tp' | 'price';
}

/** One price line the chart shows: an entry, stop loss or take profit of a position or a pending order. */
interface LevelLine {
  key: string;
  target: LevelTarget;
  price: number;
  color: string;
  lineWidth: 1 | 2;
  draggable: boolean;
  /** The title at a price (P&L labels change while dragging). */
  title: (price: number) => string;
}

/** Money (account currency) a side/lots/entry makes at `price`; null when it cannot be converted. */
export type MoneyAt = (side: 'BUY' | 'SELL', lots: number, entry: number, price: number) => number | null;

const signedMoney = (value: number | null) =>
  value === null ? '' : ` ${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;

function levelLines(positions: PositionDto[], orders: OrderDto[], moneyAt: MoneyAt): LevelLine[] {
  const out: LevelLine[] = [];
  const stops = (
    kind: LevelTarget['kind'],
    id: string,
    side: 'BUY' | 'SELL',
    lots: number,
    entry: number,
    sl: number | null,
    tp: number | null,
  ) => {
    if (sl != null)
      out.push({
        key: `${kind}:${id}:sl`,
        target: { kind, id, level: 'sl' },
        price: sl,
        color: '#ef5350',
        lineWidth: 1,
        draggable: true,
        title: (price) => `SL${signedMoney(moneyAt(side, lots, entry, price))}`,
      });
    if (tp != null)
      out.push({
        key: `${kind}:${id}:tp`,
        target: { kind, id, level: 'tp' },
        price: tp,
        color: '#26a69a',
        lineWidth: 1,
        draggable: true,
        title: (price) => `TP${signedMoney(moneyAt(side, lots, entry, price))}`,
      });
  };
  for (const p of positions) {
    if (p.status !== 'OPEN') continue;
    const side = p.side === 'BUY' ? 'Buy' : 'Sell';
    const pnl = p.openPnlCents == null ? '' : signedMoney(p.openPnlCents / 100);
    out.push({
      key: `position:${p.id}:price`,
      target: { kind: 'position', id: p.id, level: 'price' },
      price: p.entryPrice,
      color: p.side === 'BUY' ? '#3b82f6' : '#f59e0b',
      lineWidth: 2,
      draggable: false,
      title: () => `${side} ${p.lots}${pnl}`,
    });
    stops('position', p.id, p.side, p.lots, p.entryPrice, p.slPrice, p.tpPrice);
  }
  for (const o of orders) {
    if (o.status !== 'PENDING' || o.price == null) continue;
    const side = o.side === 'BUY' ? 'Buy' : 'Sell';
    out.push({
      key: `order:${o.id}:price`,
      target: { kind: 'order', id: o.id, level: 'price' },
      price: o.price,
      color: '#a78bfa',
      lineWidth: 1,
      draggable: true,
      title: () => `${side} ${o.type.toLowerCase()} ${o.lots}`,
    });
    stops('order', o.id, o.side, o.lots, o.price, o.slPrice, o.tpPrice);
  }
  return out;
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
  orders?: OrderDto[];
  /** Every position record of the session (open and closed): their fills are the markers. */
  records: PositionDto[];
  onReady: (feed: ChartFeed | null) => void;
  onContextPrice?: (price: number, at: { x: number; y: number }) => void;
  /** P&L labels on stop loss and take profit lines. */
  moneyAt?: MoneyAt;
  /** A level dragged to a new price (released). */
  onMoveLevel?: (target: LevelTarget, price: number) => void;
  /** More prices the scale keeps in view (a challenge's loss floors, drawn by their owner). */
  keepInView?: number[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const lines = useRef(new Map<string, { line: IPriceLine; spec: LevelLine }>());
  /** The level being dragged and its price so far; lines rebuilt on a tick keep it. */
  const drag = useRef<{ key: string; price: number } | null>(null);
  const moveLevel = useRef(props.onMoveLevel);
  moveLevel.current = props.onMoveLevel;
  const lastBars = useRef(new Map<number, CandleDto>());
  const keepInView = useRef<number[]>([]);
  keepInView.current = props.keepInView ?? [];
  const [legend, setLegend] = useState<CandleDto | null>(null);
  const [volumePane, setVolumePane] = useState(true);
  const { digits, onReady, theme, onContextPrice } = props;

  useEffect(() => {
    let alive = true;
    const el = container.current!;
    const colors = chartColors(theme);
    const chart: IChartApi = createChart(el, {
      autoSize: true,
      layout: { background: { color: colors.background }, textColor: colors.text, fontSize: 12 },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        rightOffset: 8,
        borderColor: colors.border,
        tickMarkFormatter: blindTickMark,
      },
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
      // Entry, stop loss and take profit lines stay in view: the price scale makes room for them.
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
        const info = original();
        if (!info?.priceRange) return info;
        let { minValue, maxValue } = info.priceRange;
        // The stored prices, not a drag in progress: the scale holds still under the pointer.
        for (const { spec } of lines.current.values()) {
          minValue = Math.min(minValue, spec.price);
          maxValue = Math.max(maxValue, spec.price);
        }
        for (const price of keepInView.current) {
          minValue = Math.min(minValue, price);
          maxValue = Math.max(maxValue, price);
        }
        return { ...info, priceRange: { minValue, maxValue } };
      },
    });
    const volume = chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
      1,
    );
    chart.panes()[1]?.setHeight(70);
    // Files without volumes store 0 for every bar: a pane of nothing takes no room. The series
    // leaves for the price pane, hidden (its empty pane goes with it), and comes back in a pane of
    // its own as soon as a bar in view has a volume.
    let volumeShown = true;
    const showVolume = (show: boolean) => {
      if (show === volumeShown || !alive) return;
      volumeShown = show;
      if (show) {
        volume.moveToPane(chart.panes().length);
        volume.applyOptions({ visible: true, priceScaleId: 'right' });
        chart.panes()[volume.getPane().paneIndex()]?.setHeight(70);
      } else {
        // Its own overlay scale, so nothing of it can stretch the price scale.
        volume.applyOptions({ visible: false, priceScaleId: 'hidden-volume' });
        volume.moveToPane(0);
      }
      setVolumePane(show);
    };
    const anyVolumeInView = () => {
      const range = chart.timeScale().getVisibleRange();
      for (const bar of bars.values()) {
        if (bar.volume === 0) continue;
        if (!range || (bar.ts >= (range.from as number) && bar.ts <= (range.to as number))) return true;
      }
      return false;
    };
    const checkVolume = () => showVolume(anyVolumeInView());
    chart.timeScale().subscribeVisibleTimeRangeChange(checkVolume);
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

    // Price lines cannot be dragged natively: grab one within a few pixels, follow the pointer,
    // and report the new price on release. Capture phase, so drawing tools never see the drag.
    const GRAB_PX = 6;
    const levelAt = (y: number) => {
      let best: { key: string; distance: number } | null = null;
      for (const [key, { spec }] of lines.current) {
        if (!spec.draggable) continue;
        const at = candles.priceToCoordinate(spec.price);
        if (at === null) continue;
        const distance = Math.abs(at - y);
        if (distance <= GRAB_PX && (!best || distance < best.distance)) best = { key, distance };
      }
      return best?.key ?? null;
    };
    const paneHeight = () => chart.panes()[0]?.getHeight() ?? el.clientHeight;
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      const rect = el.getBoundingClientRect();
      const y = event.clientY - rect.top;
      if (y > paneHeight()) return;
      const key = levelAt(y);
      if (!key) return;
      const entry = lines.current.get(key)!;
      event.preventDefault();
      event.stopPropagation();
      drag.current = { key, price: entry.spec.price };
      chart.applyOptions({ handleScroll: false, handleScale: false });
      el.style.cursor = 'ns-resize';
      const onMovePointer = (move: PointerEvent) => {
        const d = drag.current;
        if (!d) return;
        move.stopPropagation();
        const raw = candles.coordinateToPrice(move.clientY - el.getBoundingClientRect().top);
        if (raw === null) return;
        d.price = Number(raw.toFixed(digits));
        const current = lines.current.get(d.key);
        current?.line.applyOptions({ price: d.price, title: current.spec.title(d.price) });
      };
      const onUpPointer = (up: PointerEvent) => {
        up.stopPropagation();
        window.removeEventListener('pointermove', onMovePointer, true);
        window.removeEventListener('pointerup', onUpPointer, true);
        const d = drag.current;
        drag.current = null;
        el.style.cursor = '';
        if (isAlive()) chart.applyOptions({ handleScroll: true, handleScale: true });
        const spec = d && lines.current.get(d.key)?.spec;
        if (d && spec && d.price !== spec.price && d.price > 0) moveLevel.current?.(spec.target, d.price);
      };
      window.addEventListener('pointermove', onMovePointer, true);
      window.addEventListener('pointerup', onUpPointer, true);
    };
    const onHover = (event: PointerEvent) => {
      if (drag.current || event.buttons) return;
      const y = event.clientY - el.getBoundingClientRect().top;
      el.style.cursor = y <= paneHeight() && levelAt(y) ? 'ns-resize' : '';
    };
    const isAlive = () => alive;
    el.addEventListener('pointerdown', onPointerDown, true);
    el.addEventListener('pointermove', onHover);

    let shownTimeframe: Timeframe | null = null;
    onReady({
      chart,
      candles,
      reset: (list, timeframe) => {
        bars.clear();
        for (const c of list) bars.set(c.ts, c);
        candles.setData(list.map(toBar));
        // A blind session's times are relative: the crosshair must not print them as dates.
        if (isMaskedTs(list[0]?.ts))
          chart.applyOptions({ localization: { timeFormatter: blindCrosshairTime } });
        volume.setData(list.map((c) => toVolume(c, upVolume, downVolume)));
        const timeScale = chart.timeScale();
        if (timeframe && timeframe !== shownTimeframe) {
          shownTimeframe = timeframe;
          timeScale.applyOptions({ barSpacing: OPENING_BAR_SPACING, rightOffset: 8 });
        }
        // The cursor's bar at the right edge, whatever was scrolled before.
        timeScale.scrollToRealTime();
        checkVolume();
      },
      update: (bar) => {
        // A tick of another timeframe (switch in flight) would be older than the last bar: skip it.
        const last = candles.data().at(-1);
        if (last && (last.time as number) > bar.ts) return;
        bars.set(bar.ts, bar);
        candles.update(toBar(bar));
        volume.update(toVolume(bar, upVolume, downVolume));
        if (bar.volume !== 0 && !volumeShown) checkVolume();
      },
    });
    return () => {
      alive = false;
      onReady(null);
      el.removeEventListener('contextmenu', onContext);
      el.removeEventListener('pointerdown', onPointerDown, true);
      el.removeEventListener('pointermove', onHover);
      chart.unsubscribeCrosshairMove(onMove);
      chart.timeScale().unsubscribeVisibleTimeRangeChange(checkVolume);
      series.current = null;
      markers.current = null;
      lines.current = new Map();
      chart.remove();
    };
  }, [digits, onReady, theme, onContextPrice]);

  const orders = props.orders;
  const moneyAt = props.moneyAt;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new theme or digits rebuilds the chart, and its lines with it
  useEffect(() => {
    const s = series.current;
    if (!s) return;
    const wanted = levelLines(props.positions, orders ?? [], moneyAt ?? (() => null));
    const keep = new Set(wanted.map((w) => w.key));
    for (const [key, { line }] of lines.current) {
      if (!keep.has(key)) {
        s.removePriceLine(line);
        lines.current.delete(key);
      }
    }
    for (const spec of wanted) {
      const price = drag.current?.key === spec.key ? drag.current.price : spec.price;
      const options = { price, color: spec.color, lineWidth: spec.lineWidth, title: spec.title(price) };
      const existing = lines.current.get(spec.key);
      if (existing) {
        existing.line.applyOptions(options);
        existing.spec = spec;
      } else {
        lines.current.set(spec.key, {
          line: s.createPriceLine({ ...options, axisLabelVisible: true }),
          spec,
        });
      }
    }
  }, [props.positions, orders, moneyAt, theme, digits]);

  const fills = useMemo(() => fillMarkers(props.records, props.timeframe), [props.records, props.timeframe]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a rebuilt chart (theme, digits) gets its markers again
  useEffect(() => {
    const list: SeriesMarker<Time>[] = fills.map((f) => ({
      id: f.key,
      time: f.time as UTCTimestamp,
      position: f.side === 'BUY' ? 'belowBar' : 'aboveBar',
      color: f.side === 'BUY' ? '#3b82f6' : '#f59e0b',
      shape: f.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      text: f.text,
    }));
    markers.current?.setMarkers(list);
  }, [fills, theme, digits]);

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
            {volumePane && <span>V {legend.volume.toLocaleString()}</span>}
          </>
        )}
      </section>
      <div
        ref={container}
        className="chart"
        role="img"
        aria-label="Price chart"
        data-volume-pane={volumePane ? 'shown' : 'hidden'}
      />
      {/* The markers are drawn on a canvas: the same fills, readable by assistive technology. */}
      <ul className="visually-hidden" aria-label="Fills on the chart">
        {fills.map((f) => (
          <li key={f.key}>
            {f.text} at {formatTs(f.time)}
          </li>
        ))}
      </ul>
    </div>
  );
}

import {
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  type SeriesType,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import {
  createIndicator,
  type IndicatorLines,
  type IndicatorPoint,
  indicatorLineNames,
} from '../../../../../core/indicators';
import type { IndicatorConfig } from '../../../../../shared/contract/studies';
import type { CandleDto } from '../../../../../shared/dto';
import { isChartAlive } from './chart-alive';
import { indicatorTitle } from './indicator-labels';
import { incrementalBars } from './revealed-bars';

interface Plot {
  config: IndicatorConfig;
  live: ReturnType<typeof createIndicator>;
  lines: { name: string; series: ISeriesApi<SeriesType> }[];
}

const SIGNAL_COLOUR = '#ff9800';

function pointFor(name: string, p: IndicatorPoint<IndicatorLines>) {
  const time = p.ts as UTCTimestamp;
  const value = p.value?.[name];
  if (value == null) return { time };
  if (name === 'histogram') return { time, value, color: value >= 0 ? '#26a69a99' : '#ef535099' };
  return { time, value };
}

/** The price pane is 0; the lead's volume pane and any other panes come after it. */
function addLines(chart: IChartApi, config: IndicatorConfig, paneIndex: number, digits: number) {
  const title = indicatorTitle(config.spec);
  const precision = config.spec.kind === 'rsi' ? 2 : config.spec.kind === 'macd' ? digits + 1 : digits;
  const priceFormat = { type: 'price' as const, precision, minMove: 10 ** -precision };
  const lines = indicatorLineNames(config.spec.kind).map((name) => {
    const common = { priceFormat, lastValueVisible: name !== 'histogram', priceLineVisible: false };
    const series: ISeriesApi<SeriesType> =
      name === 'histogram'
        ? chart.addSeries(HistogramSeries, { ...common, title: '' }, paneIndex)
        : chart.addSeries(
            LineSeries,
            {
              ...common,
              color: name === 'signal' ? SIGNAL_COLOUR : config.color,
              lineWidth: name === 'middle' ? 1 : 2,
              lineStyle: name === 'middle' ? LineStyle.Dashed : LineStyle.Solid,
              title: name === 'value' || name === 'macd' || name === 'middle' ? title : '',
              crosshairMarkerVisible: name !== 'middle',
            },
            paneIndex,
          );
    return { name, series };
  });
  if (config.spec.kind === 'rsi') {
    for (const level of [70, 30]) {
      lines[0]!.series.createPriceLine({
        price: level,
        color: '#8892a0',
        lineStyle: LineStyle.Dotted,
        lineWidth: 1,
        axisLabelVisible: false,
        title: '',
      });
    }
  }
  return lines;
}

/**
 * Gives each of the `count` panes from `first` on about `height` pixels through stretch factors
 * (setHeight relies on laid-out heights, which new panes do not have yet). The panes before them
 * keep their stretch factors and share what is left in their old proportions.
 */
function sizeOwnPanes(chart: IChartApi, first: number, count: number, height: number): void {
  if (count === 0) return;
  const panes = chart.panes();
  const before = panes.slice(0, first).reduce((sum, pane) => sum + pane.getStretchFactor(), 0);
  const total = chart.chartElement().clientHeight - chart.timeScale().height();
  const each = total > 0 ? Math.min(height, (total * 0.6) / count) : height;
  const rest = total > 0 ? total - each * count : 0;
  const stretch = rest > 0 ? (each * before) / rest : before * 0.25;
  for (let i = first; i < first + count; i++) panes[i]?.setStretchFactor(stretch);
}

/**
 * Draws `indicators` on `chart` from the revealed `candles` only. A change of setup rebuilds
 * every indicator series; a new or updated last bar goes through the incremental path, so the
 * forming bar costs one `peek` per indicator and one `series.update` per line.
 */
export function useIndicatorSeries(
  chart: IChartApi | null,
  indicators: readonly IndicatorConfig[],
  candles: readonly CandleDto[],
  options: { digits: number; paneHeight: number },
): void {
  const plots = useRef<Plot[]>([]);
  const seen = useRef<{ list: readonly CandleDto[]; lastTs: number | null }>({ list: [], lastTs: null });
  const candlesRef = useRef(candles);
  candlesRef.current = candles;
  const { digits, paneHeight } = options;

  // Setup changes: rebuild all series (cheap: a few hundred bars per indicator).
  useEffect(() => {
    if (!chart) return;
    const list = candlesRef.current;
    const firstOwnPane = chart.panes().length;
    let nextPane = firstOwnPane;
    const built: Plot[] = [];
    for (const config of indicators) {
      if (!config.visible) continue;
      const pane = config.pane === 'price' ? 0 : nextPane++;
      let live: ReturnType<typeof createIndicator>;
      try {
        live = createIndicator(config.spec);
      } catch {
        continue; // parameters the core refuses are simply not drawn
      }
      const lines = addLines(chart, config, pane, digits);
      const points = live.reset(list);
      for (const line of lines) line.series.setData(points.map((p) => pointFor(line.name, p)));
      built.push({ config, live, lines });
    }
    sizeOwnPanes(chart, firstOwnPane, nextPane - firstOwnPane, paneHeight);
    plots.current = built;
    seen.current = { list, lastTs: list.at(-1)?.ts ?? null };
    return () => {
      plots.current = [];
      if (!isChartAlive(chart)) return; // removed first (theme change, unmount): series went with it
      for (const plot of built) for (const line of plot.lines) chart.removeSeries(line.series);
    };
  }, [chart, indicators, digits, paneHeight]);

  // Bars: incremental when only the last bar changed or one bar was added; otherwise a reset.
  useEffect(() => {
    const prev = seen.current;
    if (prev.list === candles || !isChartAlive(chart)) return;
    const last = candles.at(-1);
    const fresh = incrementalBars(prev.list, candles);
    for (const plot of plots.current) {
      if (fresh) {
        for (const bar of fresh) {
          const { point } = plot.live.update(bar);
          for (const line of plot.lines) line.series.update(pointFor(line.name, point));
        }
      } else {
        const points = plot.live.reset(candles);
        for (const line of plot.lines) line.series.setData(points.map((p) => pointFor(line.name, p)));
      }
    }
    seen.current = { list: candles, lastTs: last?.ts ?? null };
  }, [candles, chart]);
}

import type { IChartApi, IPriceLine, ISeriesApi, MouseEventParams, Time } from 'lightweight-charts';
import { LineStyle } from 'lightweight-charts';
import { useEffect, useMemo, useRef } from 'react';
import {
  DRAWING_POINTS,
  type DrawingDto,
  type DrawingKind,
  type DrawingPoint,
} from '../../../../../shared/contract/studies';
import type { CandleDto } from '../../../../../shared/dto';
import { isChartAlive } from './chart-alive';
import { DrawingsPrimitive, type ShapeData } from './drawings-primitive';
import { createTimeMap } from './time-map';

const toShapes = (list: readonly DrawingDto[]): ShapeData[] =>
  list.map((d) => ({ id: d.id, kind: d.kind, points: d.points, style: d.style }));

export type DrawingTool = 'select' | DrawingKind;

/** Pixels within which the magnet pulls a point onto the bar's open, high, low or close. */
const MAGNET_PIXELS = 14;

export interface DrawingLayerOptions {
  chart: IChartApi | null;
  series: ISeriesApi<'Candlestick'> | null;
  candles: readonly CandleDto[];
  drawings: readonly DrawingDto[];
  selectedId: string | null;
  tool: DrawingTool;
  magnet: boolean;
  digits: number;
  /** Style of the drawing being placed (for the preview). */
  draft: ShapeData['style'];
  onSelect(id: string | null): void;
  onPlace(kind: DrawingKind, points: DrawingPoint[]): void;
  /** A drawing was dragged (moved whole, or one of its points) to `points`. */
  onChange(id: string, points: DrawingPoint[]): void;
}

/**
 * Puts the drawings on the chart (price lines for horizontal lines, a series primitive for the
 * rest) and turns clicks on the price pane into points: with a drawing tool, each click adds a
 * point and the last one places the drawing; with the select tool, a click picks a drawing.
 */
export function useDrawingLayer(o: DrawingLayerOptions): { cancel(): void } {
  const { chart, series, candles, drawings, selectedId, tool } = o;
  const primitive = useRef<DrawingsPrimitive | null>(null);
  const placed = useRef<DrawingPoint[]>([]);
  const latest = useRef(o);
  latest.current = o;

  // The time map only changes when bars are added or replaced, not on every tick of the forming bar.
  const first = candles[0]?.ts;
  const last = candles.at(-1)?.ts;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the bar times, not the array
  const timeMap = useMemo(() => createTimeMap(candles.map((c) => c.ts)), [candles.length, first, last]);

  useEffect(() => {
    if (!series) return;
    const p = new DrawingsPrimitive();
    const now = latest.current;
    const owner = now.chart;
    p.update({
      timeMap: timeMapRef.current,
      shapes: toShapes(now.drawings),
      selectedId: now.selectedId,
      placing: now.tool !== 'select',
      digits: now.digits,
    });
    series.attachPrimitive(p);
    primitive.current = p;
    return () => {
      primitive.current = null;
      if (isChartAlive(owner)) series.detachPrimitive(p);
    };
  }, [series]);

  const timeMapRef = useRef(timeMap);
  timeMapRef.current = timeMap;

  useEffect(() => {
    primitive.current?.update({ timeMap });
  }, [timeMap]);

  useEffect(() => {
    primitive.current?.update({ digits: o.digits });
  }, [o.digits]);

  useEffect(() => {
    primitive.current?.update({
      shapes: toShapes(drawings),
      selectedId,
      override: null,
    });
  }, [drawings, selectedId]);

  useEffect(() => {
    placed.current = [];
    primitive.current?.update({ preview: null, placing: tool !== 'select' });
  }, [tool]);

  // Horizontal lines are price lines: they get the axis label and the price scale's own look.
  const priceLines = useRef(new Map<string, IPriceLine>());
  useEffect(() => {
    if (!series) return;
    const byId = priceLines.current;
    const owner = latest.current.chart;
    byId.clear();
    const lines: IPriceLine[] = drawings
      .filter((d) => d.kind === 'horizontal-line')
      .map((d) => {
        const line = series.createPriceLine({
          price: d.points[0]!.price,
          color: d.style.color,
          lineWidth: Math.min(4, d.style.lineWidth + (d.id === selectedId ? 1 : 0)) as 1 | 2 | 3 | 4,
          lineStyle: d.id === selectedId ? LineStyle.Dashed : LineStyle.Solid,
          axisLabelVisible: true,
          title: d.style.text ?? '',
        });
        byId.set(d.id, line);
        return line;
      });
    return () => {
      byId.clear();
      if (!isChartAlive(owner)) return;
      for (const line of lines) series.removePriceLine(line);
    };
  }, [series, drawings, selectedId]);

  useEffect(() => {
    if (!chart || !series) return;
    const pointAt = (x: number, y: number, logicalHint?: number): DrawingPoint | null => {
      const { magnet, digits, candles } = latest.current;
      const logical = logicalHint ?? chart.timeScale().coordinateToLogical(x);
      if (logical === null) return null;
      const ts = timeMap.toTs(logical);
      const raw = series.coordinateToPrice(y);
      if (ts === null || raw === null) return null;
      let price: number = raw;
      if (magnet) {
        const bar = candles[Math.round(logical)];
        if (bar && bar.ts === ts) {
          let best = MAGNET_PIXELS;
          for (const candidate of [bar.open, bar.high, bar.low, bar.close]) {
            const cy = series.priceToCoordinate(candidate);
            if (cy !== null && Math.abs(cy - y) <= best) {
              best = Math.abs(cy - y);
              price = candidate;
            }
          }
        }
      }
      return { ts, price: Number(price.toFixed(digits)) };
    };

    // Native clicks, not chart.subscribeClick: the chart swallows a second click that comes within
    // its double-click delay at another place, which is exactly how a quick trader draws a line.
    const root = chart.chartElement();
    let down: { x: number; y: number } | null = null;
    const inPricePane = (event: MouseEvent): { x: number; y: number } | null => {
      const pane = chart.panes()[0]?.getHTMLElement();
      if (!pane) return null;
      const rect = pane.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      const width = chart.timeScale().width();
      return x >= 0 && y >= 0 && x <= width && y <= rect.height ? { x, y } : null;
    };
    // Dragging a drawing with the select tool: on a handle moves that point, elsewhere the whole.
    let drag: {
      drawing: DrawingDto;
      handle: number;
      startLogical: number;
      startPrice: number;
      points: DrawingPoint[];
      moved: boolean;
      scroll: unknown;
      scale: unknown;
      from: { x: number; y: number };
    } | null = null;
    const paneXY = (event: PointerEvent) => {
      const rect = chart.panes()[0]?.getHTMLElement()?.getBoundingClientRect();
      return rect ? { x: event.clientX - rect.left, y: event.clientY - rect.top } : null;
    };
    const onDragMove = (event: PointerEvent) => {
      const at = paneXY(event);
      if (!drag || !at) return;
      if (!drag.moved && Math.abs(event.clientX - drag.from.x) + Math.abs(event.clientY - drag.from.y) <= 3)
        return;
      const logical = chart.timeScale().coordinateToLogical(at.x);
      const price = series.coordinateToPrice(at.y);
      if (logical === null || price === null) return;
      const { digits } = latest.current;
      const dl = logical - drag.startLogical;
      const dp = price - drag.startPrice;
      const points =
        drag.handle >= 0
          ? drag.drawing.points.map((p, i) => (i === drag!.handle ? (pointAt(at.x, at.y) ?? p) : p))
          : drag.drawing.points.map((p) => ({
              ts: timeMap.toTs((timeMap.toLogical(p.ts) ?? 0) + dl) ?? p.ts,
              price: Number((p.price + dp).toFixed(digits)),
            }));
      drag.points = points;
      drag.moved = true;
      primitive.current?.update({ override: { id: drag.drawing.id, points } });
      if (drag.drawing.kind === 'horizontal-line') {
        priceLines.current.get(drag.drawing.id)?.applyOptions({ price: points[0]!.price });
      }
    };
    const endDrag = () => {
      window.removeEventListener('pointermove', onDragMove, true);
      window.removeEventListener('pointerup', endDrag, true);
      const finished = drag;
      drag = null;
      if (!finished || !isChartAlive(chart)) return;
      chart.applyOptions({
        handleScroll: finished.scroll as boolean,
        handleScale: finished.scale as boolean,
      });
      if (finished.moved) latest.current.onChange(finished.drawing.id, finished.points);
    };
    const onDown = (event: PointerEvent) => {
      down = event.button === 0 ? { x: event.clientX, y: event.clientY } : null;
      const current = latest.current;
      if (!down || current.tool !== 'select') return;
      const at = inPricePane(event);
      const id = at ? primitive.current?.pick(at.x, at.y) : null;
      const drawing = id ? current.drawings.find((d) => d.id === id) : undefined;
      const logical = at ? chart.timeScale().coordinateToLogical(at.x) : null;
      const price = at ? series.coordinateToPrice(at.y) : null;
      if (!at || !drawing || logical === null || price === null) return;
      const handle = drawing.points.findIndex((p) => {
        const xy = primitive.current?.toXY(p);
        return xy ? Math.hypot(xy.x - at.x, xy.y - at.y) <= 8 : false;
      });
      const options = chart.options();
      drag = {
        drawing,
        handle: drawing.kind === 'horizontal-line' ? -1 : handle,
        startLogical: logical,
        startPrice: price,
        points: drawing.points,
        moved: false,
        scroll: options.handleScroll,
        scale: options.handleScale,
        from: { x: event.clientX, y: event.clientY },
      };
      // Hold the chart still while a drawing moves.
      chart.applyOptions({ handleScroll: false, handleScale: false });
      window.addEventListener('pointermove', onDragMove, true);
      window.addEventListener('pointerup', endDrag, true);
      current.onSelect(drawing.id);
    };
    const onUp = (event: PointerEvent) => {
      const start = down;
      down = null;
      // A drag pans the chart; only a click (no movement to speak of) places or selects.
      if (
        !start ||
        event.button !== 0 ||
        Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > 4
      )
        return;
      const at = inPricePane(event);
      if (!at) return;
      const current = latest.current;
      if (current.tool === 'select') {
        current.onSelect(primitive.current?.pick(at.x, at.y) ?? null);
        return;
      }
      const point = pointAt(at.x, at.y);
      if (!point) return;
      const kind = current.tool;
      placed.current = [...placed.current, point];
      if (placed.current.length >= DRAWING_POINTS[kind]) {
        const points = placed.current;
        placed.current = [];
        primitive.current?.update({ preview: null });
        current.onPlace(kind, points);
      }
    };

    const onMove = (param: MouseEventParams<Time>) => {
      const current = latest.current;
      if (current.tool === 'select') return;
      if (!param.point || (param.paneIndex ?? 0) !== 0) return;
      const point = pointAt(param.point.x, param.point.y, param.logical);
      if (!point) return;
      const kind = current.tool;
      const points = [...placed.current, point].slice(0, DRAWING_POINTS[kind]);
      if (points.length < DRAWING_POINTS[kind] && kind !== 'horizontal-line' && kind !== 'text') {
        points.push(point);
      }
      primitive.current?.update({
        preview: {
          id: 'preview',
          kind,
          points,
          style: { ...current.draft, text: current.draft.text || 'Text' },
        },
      });
    };

    root.addEventListener('pointerdown', onDown, true);
    root.addEventListener('pointerup', onUp, true);
    chart.subscribeCrosshairMove(onMove);
    return () => {
      root.removeEventListener('pointerdown', onDown, true);
      root.removeEventListener('pointerup', onUp, true);
      endDrag();
      if (isChartAlive(chart)) chart.unsubscribeCrosshairMove(onMove);
    };
  }, [chart, series, timeMap]);

  return {
    cancel: () => {
      placed.current = [];
      primitive.current?.update({ preview: null });
    },
  };
}

import type { CanvasRenderingTarget2D } from 'fancy-canvas';
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  Logical,
  PrimitiveHoveredItem,
  SeriesAttachedParameter,
  Time,
} from 'lightweight-charts';
import type { DrawingKind, DrawingPoint, DrawingStyle } from '../../../../../shared/contract/studies';
import { isChartAlive } from './chart-alive';
import { fibonacciPrices, hitDistance, rayEnd, type XY } from './geometry';
import type { TimeMap } from './time-map';

/** What the primitive draws: saved drawings plus the one being placed. */
export interface ShapeData {
  id: string;
  kind: DrawingKind;
  points: DrawingPoint[];
  style: DrawingStyle;
}

interface Projected {
  shape: ShapeData;
  xy: XY[];
  levels?: { level: number; price: number; y: number }[];
}

const FONT = '12px system-ui, sans-serif';

/**
 * One series primitive for every drawing but the horizontal line's axis label (those are price
 * lines): trend lines, rays, rectangles, Fibonacci retracements, text, the selection handles and
 * the preview while placing. Points are `{ ts, price }`, mapped to pixels on every paint.
 */
export class DrawingsPrimitive implements ISeriesPrimitive<Time> {
  private attachedTo: SeriesAttachedParameter<Time> | null = null;
  private shapes: ShapeData[] = [];
  private preview: ShapeData | null = null;
  private selectedId: string | null = null;
  private timeMap: TimeMap | null = null;
  private placing = false;
  private digits = 5;
  /** Points of a drawing being dragged, drawn instead of its saved ones. */
  private override: { id: string; points: DrawingPoint[] } | null = null;
  private readonly views: readonly IPrimitivePaneView[];
  private textWidths = new Map<string, number>();

  constructor() {
    const renderer: IPrimitivePaneRenderer = { draw: (target) => this.draw(target) };
    this.views = [{ zOrder: () => 'top', renderer: () => renderer }];
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.attachedTo = param;
  }

  detached(): void {
    this.attachedTo = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  update(state: {
    shapes?: ShapeData[];
    preview?: ShapeData | null;
    selectedId?: string | null;
    timeMap?: TimeMap;
    placing?: boolean;
    digits?: number;
    override?: { id: string; points: DrawingPoint[] } | null;
  }): void {
    if (state.shapes !== undefined) this.shapes = state.shapes;
    if (state.preview !== undefined) this.preview = state.preview;
    if (state.selectedId !== undefined) this.selectedId = state.selectedId;
    if (state.timeMap !== undefined) this.timeMap = state.timeMap;
    if (state.placing !== undefined) this.placing = state.placing;
    if (state.digits !== undefined) this.digits = state.digits;
    if (state.override !== undefined) this.override = state.override;
    if (this.attachedTo && isChartAlive(this.attachedTo.chart)) this.attachedTo.requestUpdate();
  }

  /** The topmost drawing within reach of the pixel (x, y) of the price pane, if any. */
  pick(x: number, y: number): string | null {
    const width = this.paneWidth();
    let best: { id: string; d: number } | null = null;
    for (const p of this.project(this.shapes)) {
      const d = hitDistance(
        p.shape.kind,
        p.xy,
        { x, y },
        {
          width,
          levels: p.levels?.map((l) => l.y),
          textWidth: this.textWidths.get(p.shape.id),
        },
      );
      if (d !== null && (best === null || d <= best.d)) best = { id: p.shape.id, d };
    }
    return best?.id ?? null;
  }

  hitTest(x: number, y: number): PrimitiveHoveredItem | null {
    if (this.placing) return { externalId: 'placing', zOrder: 'top', cursorStyle: 'crosshair' };
    const id = this.pick(x, y);
    return id === null ? null : { externalId: id, zOrder: 'top', cursorStyle: 'pointer', hitTestPriority: 1 };
  }

  private paneWidth(): number {
    return this.attachedTo?.chart.timeScale().width() ?? 0;
  }

  /** Pixel position of a point in the price pane, or null when it cannot be placed. */
  toXY(point: DrawingPoint): XY | null {
    const param = this.attachedTo;
    const map = this.timeMap;
    if (!param || !map) return null;
    const logical = map.toLogical(point.ts);
    const y = param.series.priceToCoordinate(point.price);
    if (logical === null || y === null) return null;
    const x = param.chart.timeScale().logicalToCoordinate(logical as Logical);
    return x === null ? null : { x, y };
  }

  private project(shapes: readonly ShapeData[]): Projected[] {
    const out: Projected[] = [];
    const series = this.attachedTo?.series;
    for (const saved of shapes) {
      const shape = this.override?.id === saved.id ? { ...saved, points: this.override.points } : saved;
      const xy = shape.points.map((p) => this.toXY(p));
      if (xy.some((p) => p === null)) continue;
      const projected: Projected = { shape, xy: xy as XY[] };
      if (shape.kind === 'fibonacci' && series) {
        projected.levels = fibonacciPrices(shape.points).flatMap((l) => {
          const y = series.priceToCoordinate(l.price);
          return y === null ? [] : [{ ...l, y }];
        });
      }
      out.push(projected);
    }
    return out;
  }

  private draw(target: CanvasRenderingTarget2D): void {
    // biome-ignore lint/correctness/useHookAtTopLevel: fancy-canvas's method, not a React hook
    target.useMediaCoordinateSpace(({ context: ctx, mediaSize }) => {
      const all = this.preview ? [...this.shapes, this.preview] : this.shapes;
      for (const p of this.project(all)) {
        const selected = p.shape.id === this.selectedId;
        const isPreview = p.shape === this.preview;
        ctx.save();
        ctx.strokeStyle = p.shape.style.color;
        ctx.fillStyle = p.shape.style.color;
        ctx.lineWidth = p.shape.style.lineWidth + (selected ? 1 : 0);
        if (isPreview) ctx.setLineDash([5, 4]);
        this.drawShape(ctx, p, mediaSize.width, mediaSize.height);
        if (selected || isPreview) {
          ctx.setLineDash([]);
          for (const point of p.xy) {
            ctx.fillStyle = '#ffffff';
            ctx.strokeStyle = p.shape.style.color;
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.rect(point.x - 4, point.y - 4, 8, 8);
            ctx.fill();
            ctx.stroke();
          }
        }
        ctx.restore();
      }
    });
  }

  private drawShape(ctx: CanvasRenderingContext2D, p: Projected, width: number, height: number): void {
    const [a, b] = p.xy;
    if (!a) return;
    const line = (from: XY, to: XY) => {
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    };
    switch (p.shape.kind) {
      case 'horizontal-line':
        // The price line draws it; here only the dashed preview while placing.
        if (p.shape === this.preview) line({ x: 0, y: a.y }, { x: width, y: a.y });
        break;
      case 'trend-line':
        if (b) line(a, b);
        break;
      case 'ray':
        if (b) line(a, rayEnd(a, b, width, height));
        break;
      case 'rectangle':
        if (b) {
          const x = Math.min(a.x, b.x);
          const y = Math.min(a.y, b.y);
          const w = Math.abs(a.x - b.x);
          const h = Math.abs(a.y - b.y);
          ctx.globalAlpha = 0.15;
          ctx.fillRect(x, y, w, h);
          ctx.globalAlpha = 1;
          ctx.strokeRect(x, y, w, h);
        }
        break;
      case 'fibonacci':
        if (b && p.levels) {
          const left = Math.min(a.x, b.x);
          const right = Math.max(a.x, b.x);
          ctx.font = FONT;
          ctx.textBaseline = 'bottom';
          ctx.setLineDash(p.shape === this.preview ? [5, 4] : []);
          ctx.globalAlpha = 0.5;
          line(a, b);
          ctx.globalAlpha = 1;
          const digits = this.digits;
          for (const level of p.levels) {
            line({ x: left, y: level.y }, { x: right, y: level.y });
            ctx.fillText(`${level.level} (${level.price.toFixed(digits)})`, left + 4, level.y - 2);
          }
        }
        break;
      case 'text': {
        const text = p.shape.style.text ?? '';
        ctx.font = `${11 + p.shape.style.lineWidth}px system-ui, sans-serif`;
        ctx.textBaseline = 'bottom';
        const w = ctx.measureText(text).width;
        this.textWidths.set(p.shape.id, w);
        ctx.fillText(text, a.x, a.y);
        break;
      }
    }
  }
}

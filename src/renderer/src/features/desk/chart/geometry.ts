import type { DrawingKind, DrawingPoint } from '../../../../../shared/contract/studies';

export interface XY {
  x: number;
  y: number;
}

/** Fibonacci retracement levels, from the second point (0) back to the first (1). */
export const FIBONACCI_LEVELS = [0, 0.236, 0.382, 0.5, 0.618, 0.786, 1] as const;

export function fibonacciPrices(points: readonly DrawingPoint[]): { level: number; price: number }[] {
  const [a, b] = points;
  if (!a || !b) return [];
  return FIBONACCI_LEVELS.map((level) => ({ level, price: b.price - (b.price - a.price) * level }));
}

/** Distance from `p` to the segment a–b (or the ray from a through b). */
export function distanceToSegment(p: XY, a: XY, b: XY, ray = false): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return Math.hypot(p.x - a.x, p.y - a.y);
  let t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2;
  t = ray ? Math.max(0, t) : Math.min(1, Math.max(0, t));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Where the ray from a through b leaves a box of `width` × `height` (or b if it cannot tell). */
export function rayEnd(a: XY, b: XY, width: number, height: number): XY {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return b;
  const limits: number[] = [];
  if (dx > 0) limits.push((width - a.x) / dx);
  if (dx < 0) limits.push(-a.x / dx);
  if (dy > 0) limits.push((height - a.y) / dy);
  if (dy < 0) limits.push(-a.y / dy);
  const t = Math.max(1, Math.min(...limits.filter((v) => v > 0), 1e6));
  return { x: a.x + dx * t, y: a.y + dy * t };
}

/** Pixels a click may miss a drawing by and still pick it. */
export const HIT_TOLERANCE = 6;

/**
 * How far `p` is from a drawing already converted to pixels (`xy`, same order as its points), or
 * null if it is not within the tolerance. `priceY` converts a price for Fibonacci levels.
 */
export function hitDistance(
  kind: DrawingKind,
  xy: readonly XY[],
  p: XY,
  extras: { width: number; priceY?: (price: number) => number | null; levels?: number[]; textWidth?: number },
): number | null {
  const [a, b] = xy;
  if (!a) return null;
  let d = Number.POSITIVE_INFINITY;
  switch (kind) {
    case 'horizontal-line':
      d = Math.abs(p.y - a.y);
      break;
    case 'trend-line':
      if (b) d = distanceToSegment(p, a, b);
      break;
    case 'ray':
      if (b) d = distanceToSegment(p, a, b, true);
      break;
    case 'rectangle':
      if (b) {
        const left = Math.min(a.x, b.x);
        const right = Math.max(a.x, b.x);
        const top = Math.min(a.y, b.y);
        const bottom = Math.max(a.y, b.y);
        const inside = p.x >= left && p.x <= right && p.y >= top && p.y <= bottom;
        d = inside
          ? 0
          : Math.min(
              distanceToSegment(p, { x: left, y: top }, { x: right, y: top }),
              distanceToSegment(p, { x: left, y: bottom }, { x: right, y: bottom }),
              distanceToSegment(p, { x: left, y: top }, { x: left, y: bottom }),
              distanceToSegment(p, { x: right, y: top }, { x: right, y: bottom }),
            );
      }
      break;
    case 'fibonacci':
      if (b && extras.levels) {
        const left = Math.min(a.x, b.x);
        const right = Math.max(a.x, b.x);
        for (const y of extras.levels) {
          d = Math.min(d, distanceToSegment(p, { x: left, y }, { x: right, y }));
        }
      }
      break;
    case 'text': {
      const w = extras.textWidth ?? 60;
      const inside = p.x >= a.x - 2 && p.x <= a.x + w + 2 && p.y >= a.y - 16 && p.y <= a.y + 4;
      d = inside ? 0 : Number.POSITIVE_INFINITY;
      break;
    }
  }
  return d <= HIT_TOLERANCE ? d : null;
}

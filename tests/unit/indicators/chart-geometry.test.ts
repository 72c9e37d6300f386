import { describe, expect, it } from 'vitest';
import {
  distanceToSegment,
  fibonacciPrices,
  hitDistance,
  rayEnd,
} from '../../../src/renderer/src/features/desk/chart/geometry';
import { barSecondsOf, createTimeMap } from '../../../src/renderer/src/features/desk/chart/time-map';

describe('chart time map (drawing points ↔ bars)', () => {
  const times = [0, 60, 120, 300, 360]; // a gap between 120 and 300
  const map = createTimeMap(times);

  it('infers the bar length from the smallest step', () => {
    expect(barSecondsOf(times)).toBe(60);
    expect(barSecondsOf([])).toBe(60);
    expect(barSecondsOf([3600, 7200])).toBe(3600);
  });

  it('maps bar times to their index, interpolates inside gaps, extrapolates past the ends', () => {
    expect(map.toLogical(120)).toBe(2);
    expect(map.toLogical(210)).toBe(2.5);
    expect(map.toLogical(360 + 120)).toBe(6); // two bars right of the last revealed bar
    expect(map.toLogical(-60)).toBe(-1);
  });

  it('maps an index back to the open time of the nearest bar, also beyond the data', () => {
    expect(map.toTs(2.4)).toBe(120);
    expect(map.toTs(3)).toBe(300);
    expect(map.toTs(6)).toBe(480);
    expect(map.toTs(-2)).toBe(-120);
    expect(createTimeMap([]).toTs(1)).toBeNull();
  });

  it('round-trips every bar time', () => {
    for (const ts of times) expect(map.toTs(map.toLogical(ts)!)).toBe(ts);
  });
});

describe('drawing geometry', () => {
  it('puts Fibonacci level 0 on the second point and 1 on the first', () => {
    const levels = fibonacciPrices([
      { ts: 0, price: 1.1 },
      { ts: 60, price: 1.2 },
    ]);
    expect(levels.map((l) => l.level)).toEqual([0, 0.236, 0.382, 0.5, 0.618, 0.786, 1]);
    expect(levels[0]!.price).toBeCloseTo(1.2, 12);
    expect(levels[3]!.price).toBeCloseTo(1.15, 12);
    expect(levels[6]!.price).toBeCloseTo(1.1, 12);
  });

  it('measures distances to segments and rays', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 20, y: 0 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(10);
    expect(distanceToSegment({ x: 20, y: 0 }, { x: 0, y: 0 }, { x: 10, y: 0 }, true)).toBe(0);
  });

  it('extends a ray to the edge of the pane', () => {
    expect(rayEnd({ x: 0, y: 50 }, { x: 10, y: 50 }, 400, 100)).toEqual({ x: 400, y: 50 });
    expect(rayEnd({ x: 0, y: 100 }, { x: 10, y: 90 }, 400, 100)).toEqual({ x: 100, y: 0 });
  });

  it('picks drawings within the tolerance only', () => {
    const width = 400;
    expect(hitDistance('horizontal-line', [{ x: 0, y: 50 }], { x: 300, y: 54 }, { width })).toBe(4);
    expect(hitDistance('horizontal-line', [{ x: 0, y: 50 }], { x: 300, y: 70 }, { width })).toBeNull();
    const box = [
      { x: 10, y: 10 },
      { x: 50, y: 40 },
    ];
    expect(hitDistance('rectangle', box, { x: 30, y: 20 }, { width })).toBe(0);
    expect(hitDistance('rectangle', box, { x: 100, y: 20 }, { width })).toBeNull();
    expect(hitDistance('fibonacci', box, { x: 30, y: 26 }, { width, levels: [10, 25, 40] })).toBe(1);
    expect(hitDistance('text', [{ x: 10, y: 30 }], { x: 20, y: 25 }, { width, textWidth: 40 })).toBe(0);
  });
});

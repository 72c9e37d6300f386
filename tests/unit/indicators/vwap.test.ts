import { describe, expect, it } from 'vitest';
import { anchorPeriod, vwap } from '../../../src/core/indicators/vwap';
import { bar, values } from './helpers';

const DAY = 86_400;
const MONDAY = Date.UTC(2024, 0, 1) / 1000; // 2024-01-01 was a Monday

describe('VWAP', () => {
  it('weights the typical price by volume and restarts each UTC day', () => {
    const out = values(
      vwap([
        bar(MONDAY + 3600, 11, 9, 10, 100), // typical 10
        bar(MONDAY + 7200, 13, 11, 12, 300), // typical 12
        bar(MONDAY + DAY, 21, 19, 20, 50), // next day: typical 20
      ]),
    );
    expect(out).toEqual([10, (10 * 100 + 12 * 300) / 400, 20]);
  });

  it('falls back to the mean typical price when there is no volume (no division by zero)', () => {
    const out = values(vwap([bar(MONDAY, 11, 9, 10, 0), bar(MONDAY + 60, 13, 11, 12, 0)]));
    expect(out).toEqual([10, 11]);
  });

  it('can anchor to the week (Monday 00:00 UTC) or never restart', () => {
    expect(anchorPeriod(MONDAY, 'week')).toBe(anchorPeriod(MONDAY + 6 * DAY + 86_399, 'week'));
    expect(anchorPeriod(MONDAY - 1, 'week')).toBe(anchorPeriod(MONDAY, 'week') - 1);
    const candles = [bar(MONDAY, 11, 9, 10, 1), bar(MONDAY + DAY, 13, 11, 12, 1)];
    expect(values(vwap(candles, { anchor: 'week' }))).toEqual([10, 11]);
    expect(values(vwap(candles, { anchor: 'none' }))).toEqual([10, 11]);
    expect(values(vwap(candles, { anchor: 'day' }))).toEqual([10, 12]);
  });
});

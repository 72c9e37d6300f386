import { describe, expect, it } from 'vitest';
import { incrementalBars, upsertCandle } from '../../../src/renderer/src/features/desk/chart/revealed-bars';
import type { CandleDto } from '../../../src/shared/dto';

const bar = (ts: number, close = 1.1): CandleDto => ({ ts, open: 1.1, high: 1.2, low: 1, close, volume: 1 });
const bars = (from: number, count: number) => Array.from({ length: count }, (_, i) => bar(from + i * 60));

describe('indicators: incremental or recomputed', () => {
  it('takes a forming bar or one new bar from a tick incrementally', () => {
    const list = bars(0, 5);
    const updated = upsertCandle(list, bar(240, 1.15));
    expect(incrementalBars(list, updated)).toEqual([bar(240, 1.15)]);
    const added = upsertCandle(updated, bar(300));
    expect(incrementalBars(updated, added)).toEqual([bar(240, 1.15), bar(300)]);
  });

  it('recomputes from the snapshot after a jump, though the tick before it ended on the same bar', () => {
    const before = bars(0, 5);
    // The jump's tick lands first: one far bar appended after the old ones.
    const tick = upsertCandle(before, bar(86_400));
    // Then the snapshot: every bar up to the cursor, ending on that same bar.
    const snapshot = bars(86_400 - 4 * 60, 5);
    expect(incrementalBars(tick, snapshot)).toBeNull();
    // A timeframe change: other bars entirely.
    expect(
      incrementalBars(
        snapshot,
        bars(86_400 - 4 * 300, 5).map((b, i) => ({ ...b, ts: b.ts + i * 240 })),
      ),
    ).toBeNull();
  });
});

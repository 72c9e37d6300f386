import { describe, expect, it } from 'vitest';
import type { ParamSet, SetMetrics } from '../../../src/core/strategy/optimise';
import {
  type BarRange,
  cutWindows,
  stitchCurves,
  walkForward,
} from '../../../src/core/strategy/walk-forward';

const metrics = (netProfitCents: number): SetMetrics => ({
  netProfitCents,
  returnPct: netProfitCents / 1000,
  trades: 10,
  winRatePct: 50,
  profitFactor: 1,
  sharpeRatio: 1,
  maxDrawdownCents: 100,
  maxDrawdownPct: 1,
  expectancyCents: 1,
});

describe('cutting windows', () => {
  it('rolls in-sample parts forward by one out-of-sample length, the out-of-sample parts tiling the rest', () => {
    const cuts = cutWindows(1000, 4, 60);
    // W = 1000 / (0.6 + 4 * 0.4) = 454.5: in-sample 273 bars, out-of-sample (1000 - 273) / 4 = 181.
    expect(cuts.map((c) => [c.inSample, c.outOfSample])).toEqual([
      [
        { from: 0, to: 273 },
        { from: 273, to: 454 },
      ],
      [
        { from: 181, to: 454 },
        { from: 454, to: 635 },
      ],
      [
        { from: 362, to: 635 },
        { from: 635, to: 816 },
      ],
      [
        { from: 543, to: 816 },
        { from: 816, to: 1000 },
      ],
    ]);
  });

  it('is the plain in/out split with one window', () => {
    expect(cutWindows(1000, 1, 70)).toEqual([
      { index: 0, inSample: { from: 0, to: 700 }, outOfSample: { from: 700, to: 1000 } },
    ]);
  });

  it('refuses windows too small to hold a bar, or a percentage outside (0, 100)', () => {
    expect(() => cutWindows(5, 10, 50)).toThrow(/too few/);
    expect(() => cutWindows(1000, 2, 100)).toThrow(/inSamplePct/);
    expect(() => cutWindows(1000, 0, 50)).toThrow(/windows/);
  });
});

describe('walk-forward', () => {
  const sets: ParamSet[] = [{ p: 1 }, { p: 2 }, { p: 3 }];

  it('lets the in-sample choice see only in-sample bars and each out-of-sample run only its own window', async () => {
    const cuts = cutWindows(900, 3, 50);
    const seen: { range: BarRange; part: string }[] = [];
    const results = await walkForward({
      cuts,
      sets,
      objective: 'net-profit',
      constraints: {},
      evaluate: async (params, range, part) => {
        seen.push({ range, part });
        return { metrics: metrics(params.p! * (range.from + 1)) };
      },
    });
    expect(results).toHaveLength(3);
    for (const cut of cuts) {
      const ins = seen.filter((s) => s.part === 'in-sample' && s.range.from === cut.inSample.from);
      expect(ins.map((s) => s.range)).toEqual([cut.inSample, cut.inSample, cut.inSample]);
      for (const s of ins) expect(s.range.to).toBeLessThanOrEqual(cut.outOfSample.from);
      const oos = seen.filter((s) => s.part === 'out-of-sample' && s.range.from === cut.outOfSample.from);
      expect(oos.map((s) => s.range)).toEqual([cut.outOfSample]);
    }
    expect(results.map((r) => r.best?.params)).toEqual([{ p: 3 }, { p: 3 }, { p: 3 }]);
  });

  it('chooses in-sample what in-sample data says, whatever the out-of-sample data would say', async () => {
    const cuts = cutWindows(400, 1, 50);
    // In-sample set 1 wins; out-of-sample set 2 would have: the choice must stay set 1.
    const results = await walkForward({
      cuts,
      sets: [{ p: 1 }, { p: 2 }],
      objective: 'net-profit',
      constraints: {},
      evaluate: async (params, _range, part) => ({
        metrics: metrics(part === 'in-sample' ? (params.p === 1 ? 500 : 100) : params.p === 2 ? 9_999 : -50),
      }),
    });
    expect(results[0]!.best!.params).toEqual({ p: 1 });
    expect(results[0]!.outOfSampleMetrics!.netProfitCents).toBe(-50);
  });

  it('leaves a window flat when no set passes the constraints in-sample', async () => {
    const results = await walkForward({
      cuts: cutWindows(100, 1, 50),
      sets,
      objective: 'net-profit',
      constraints: { minTrades: 50 },
      evaluate: async () => ({ metrics: metrics(1) }),
    });
    expect(results[0]).toMatchObject({ best: null, outOfSampleMetrics: null, setsTried: 3, setsPassing: 0 });
  });
});

describe('stitching the out-of-sample equity', () => {
  const point = (ts: number, equityCents: number) => ({
    ts,
    balanceCents: equityCents,
    equityCents,
    drawdownCents: 0,
    drawdownPct: 0,
  });

  it('carries each part’s gain into the next, then measures the drawdown on the joined curve', () => {
    const stitched = stitchCurves(
      [
        [point(1, 10_000), point(2, 12_000)],
        [point(3, 10_000), point(4, 9_000)],
      ],
      10_000,
    );
    expect(stitched.map((p) => [p.ts, p.equityCents, p.drawdownCents])).toEqual([
      [1, 10_000, 0],
      [2, 12_000, 0],
      [3, 12_000, 0],
      [4, 11_000, 1_000],
    ]);
  });
});

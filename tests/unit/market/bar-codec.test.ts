import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBarRun, encodeBars } from '../../../src/core/market/bar-codec';

const sextuples = (bars: number[][]) => new Float64Array(bars.flat());

describe('the candle cache packing', () => {
  it('gives back decimal prices bit for bit, in about a fifth of the bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 60, max: 7 * 86_400 }),
            fc.integer({ min: 1, max: 20_000_000 }),
            fc.integer({ min: 0, max: 5_000 }),
            fc.integer({ min: 0, max: 5_000 }),
            fc.integer({ min: -5_000, max: 5_000 }),
            fc.integer({ min: 0, max: 1_000_000 }),
          ),
          { minLength: 1, maxLength: 300 },
        ),
        (decimals, steps) => {
          let ts = 1_546_387_200;
          const bars = steps.map(([dt, open, up, down, move, volume]) => {
            ts += dt;
            // Prices as a CSV parser makes them: the double nearest a decimal with `decimals` digits.
            const price = (k: number) => Number((k / 10 ** decimals).toFixed(decimals));
            return [ts, price(open), price(open + up), price(open - down), price(open + move), volume];
          });
          const packed = encodeBars(sextuples(bars), bars.length);
          expect([...decodeBarRun(packed)]).toEqual(bars.flat());
          expect(packed.byteLength).toBeLessThan(bars.length * 48);
        },
      ),
    );
  });

  it('keeps prices no decimal gives back exactly, and fractional volumes, as plain doubles', () => {
    const bars = [
      [1_546_387_200, Math.PI, Math.PI + 1e-9, 1 / 3, 2 / 3, 12.5],
      [1_546_387_260, 1.1, 1.2, 1.0, 1.15, 0.25],
    ];
    const packed = encodeBars(sextuples(bars), 2);
    expect(packed.byteLength).toBe(8 + 2 * 48);
    expect([...decodeBarRun(packed)]).toEqual(bars.flat());
  });

  it('reads the header-less runs that stores written before packing hold', () => {
    const bars = [
      [1_546_387_200, 1.14612, 1.1463, 1.146, 1.14621, 57],
      [1_546_387_500, 1.14621, 1.1465, 1.1461, 1.1464, 113],
    ];
    const legacy = new Uint8Array(sextuples(bars).buffer);
    expect(legacy[0]).toBe(0);
    expect([...decodeBarRun(legacy)]).toEqual(bars.flat());
    // A Buffer from SQLite may start at an odd offset.
    const odd = new Uint8Array(legacy.byteLength + 1).subarray(1);
    odd.set(legacy);
    expect([...decodeBarRun(odd)]).toEqual(bars.flat());
  });

  it('packs only the first n bars of a reused buffer', () => {
    const buffer = sextuples([
      [120, 1.5, 1.6, 1.4, 1.55, 3],
      [180, 9, 9, 9, 9, 9],
    ]);
    expect([...decodeBarRun(encodeBars(buffer, 1))]).toEqual([120, 1.5, 1.6, 1.4, 1.55, 3]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CandleDto } from '../../../src/shared/dto';

/** Monday 2019-01-07 00:00 UTC and Tuesday 2019-01-08 00:00 UTC. */
export const MON = Date.parse('2019-01-07T00:00:00Z') / 1000;
export const TUE = MON + 86_400;

const bar = (ts: number, open: number, high: number, low: number, close: number): CandleDto => ({
  ts,
  open,
  high,
  low,
  close,
  volume: 1,
});
const flat = (ts: number, p: number) => bar(ts, p, p, p, p);

/** Hand-made EURUSD M1 bid candles: six on Monday from 00:00, six on Tuesday from 00:00. */
export const GOLDEN_CANDLES: CandleDto[] = [
  flat(MON, 1.14),
  bar(MON + 60, 1.14, 1.142, 1.14, 1.142),
  bar(MON + 120, 1.142, 1.143, 1.142, 1.143),
  flat(MON + 180, 1.143),
  bar(MON + 240, 1.143, 1.145, 1.143, 1.145),
  bar(MON + 300, 1.145, 1.145, 1.144, 1.144),
  flat(TUE, 1.144),
  // O 1.1440 -> L 1.1435 -> H 1.1470 -> C 1.1465: the TP at 1.1461 fills on the way up.
  bar(TUE + 60, 1.144, 1.147, 1.1435, 1.1465),
  flat(TUE + 120, 1.1465),
  flat(TUE + 180, 1.1465),
  flat(TUE + 240, 1.1465),
  flat(TUE + 300, 1.1465),
];

/**
 * Spread 10 points (0.0001), no slippage, commission 2.00 per lot per fill, 10,000.00 USD.
 *   A  Mon 00:00 buy 1 lot at ask 1.1401 (bid 1.1400), SL 1.1380; closed 00:02 at bid 1.1430.
 *      P&L +300.00, spread -10.00, commission -4.00: net +286.00. Risk (1.1401 - 1.1380) x 100,000
 *      = 210.00, R = 286 / 210 = 1.3619.
 *   B  Mon 00:03 sell 1 lot at bid 1.1430, no SL; closed 00:05 at ask 1.1441 (bid 1.1440).
 *      P&L -100.00, spread -10.00, commission -4.00: net -114.00. No R.
 *   C  Tue 00:00 buy 2 lots at ask 1.1441 (bid 1.1440), SL 1.1421, TP 1.1461; TP at 00:01.
 *      P&L (1.1461 - 1.1440) x 200,000 = +420.00, spread -20.00, commission -8.00: net +392.00.
 *      Risk 0.0020 x 200,000 = 400.00, R = 0.98.
 */
export const GOLDEN_SCRIPT = {
  symbol: 'EURUSD',
  timeframe: 'M1',
  from: '2019-01-07T00:00:00Z',
  to: '2019-01-08T00:05:00Z',
  balance: 10_000,
  leverage: 100,
  spreadPts: 10,
  slippagePts: 0,
  commissionPerLot: 2,
  actions: [
    { at: '2019-01-07T00:00:00Z', type: 'market', side: 'buy', lots: 1, sl: 1.138, ref: 'A' },
    { at: '2019-01-07T00:02:00Z', type: 'close', ref: 'A' },
    { at: '2019-01-07T00:03:00Z', type: 'market', side: 'sell', lots: 1, ref: 'B' },
    { at: '2019-01-07T00:05:00Z', type: 'close', ref: 'B' },
    { at: '2019-01-08T00:00:00Z', type: 'market', side: 'buy', lots: 2, sl: 1.1421, tp: 1.1461, ref: 'C' },
  ],
};

export function writeGoldenScript(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tickstep-golden-'));
  const file = join(dir, 'golden.json');
  writeFileSync(file, JSON.stringify(GOLDEN_SCRIPT));
  return file;
}

import { writeFileSync } from 'node:fs';
import { ExecutionEngine } from '../../src/core/execution/engine';
import type { InstrumentSpec } from '../../src/core/execution/instrument';
import type { Bars } from './byte-parse';

/**
 * The replay anchor's strategy, driven through the engine's public API exactly as
 * bench/replay.bench.ts does: SMA(20) crossing SMA(50) closes everything and enters 1 lot at
 * market in the new direction with SL 20 pips and TP 40 pips; spread 10 points, no slippage,
 * commission 3.50 per lot per fill, 1,000,000.00 USD deposited, leverage 100, stop-out 50 %.
 * bench/anchors/sma-replay.c is the same strategy and fill path in C.
 */
const EURUSD: InstrumentSpec = {
  symbol: 'EURUSD',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: 'EUR',
  quoteCurrency: 'USD',
};

export interface ReplayResult {
  cpuS: number;
  wallS: number;
  trades: number;
  balanceCents: number;
}

/** The OHLC columns the strategy reads (bench/replay.bench.ts's synthetic bars have no volume). */
export type PriceBars = Pick<Bars, 'ts' | 'open' | 'high' | 'low' | 'close'>;

export function runSmaCrossover(bars: PriceBars, count = bars.close.length): ReplayResult {
  let ids = 0;
  const engine = new ExecutionEngine({
    instrument: EURUSD,
    account: {
      currency: 'USD',
      leverage: 100,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLotCents: 350,
      stopOutPct: 50,
      quoteRate: null,
    },
    newId: () => `a${++ids}`,
  });
  engine.trackChanges = false;
  engine.cashEntry('DEPOSIT', 100_000_000);
  let trades = 0;
  engine.onClose = () => {
    trades++;
  };
  const { ts, open, high, low, close } = bars;
  const fast = 20;
  const slow = 50;
  let sumFast = 0;
  let sumSlow = 0;
  let prevDiff = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  engine.prime(ts[0]!, close[0]!);
  for (let i = 1; i < count; i++) {
    engine.processBar(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!);
    const c = close[i]!;
    sumFast += c;
    sumSlow += c;
    if (i > fast) sumFast -= close[i - fast]!;
    if (i > slow) sumSlow -= close[i - slow]!;
    if (i <= slow) continue;
    const diff = sumFast / fast - sumSlow / slow;
    if (prevDiff <= 0 && diff > 0) {
      if (engine.open.length > 0) engine.closeAll();
      engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, slPips: 20, tpPips: 40 });
    } else if (prevDiff >= 0 && diff < 0) {
      if (engine.open.length > 0) engine.closeAll();
      engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1, slPips: 20, tpPips: 40 });
    }
    prevDiff = diff;
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuS: (cpu.user + cpu.system) / 1e6,
    wallS: (performance.now() - t0) / 1000,
    trades,
    balanceCents: engine.balanceCents,
  };
}

/** The bars for the C program: int64 count, then ts, open, high, low, close as float64 columns. */
export function writeBarsBinary(path: string, bars: Bars): void {
  const head = new BigInt64Array([BigInt(bars.n)]);
  const parts = [head, bars.ts, bars.open, bars.high, bars.low, bars.close].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  );
  writeFileSync(path, Buffer.concat(parts));
}

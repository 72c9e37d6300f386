import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/core/random/mulberry32';

/**
 * Writes the sample dataset shipped in resources/sample/: three weeks of GENERATED M1 bid
 * candles for EURUSD and GBPUSD. Not market data: a seeded random walk with the shape a trader
 * expects (a quiet Asian night, busy London and New York hours, a weekend gap, the two pairs
 * moving together), so the same seed always gives the same bytes.
 * Usage: tsx scripts/make-sample.ts [OUT_DIR]   (default resources/sample)
 */

const START_TS = Date.UTC(2024, 2, 3, 22, 0) / 1000; // Sunday 22:00 UTC, when FX opens
const WEEKS = 3;
const SEED = 20240303;

interface Pair {
  symbol: string;
  startPrice: number;
  digits: number;
  /** Typical M1 move in price units at the busiest hour. */
  volatility: number;
  /** Weight of the shared (dollar) shock against the pair's own. */
  dollarWeight: number;
}

const PAIRS: Pair[] = [
  { symbol: 'EURUSD', startPrice: 1.0842, digits: 5, volatility: 0.00011, dollarWeight: 0.8 },
  { symbol: 'GBPUSD', startPrice: 1.2655, digits: 5, volatility: 0.00014, dollarWeight: 0.75 },
];

/** A standard normal draw (Box–Muller), so moves have fat enough tails to look like a market. */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Activity by UTC hour: Asia quiet, London open and the London/New York overlap busiest. */
function activity(hour: number): number {
  if (hour >= 12 && hour < 16) return 1;
  if (hour >= 7 && hour < 12) return 0.8;
  if (hour >= 16 && hour < 20) return 0.55;
  return 0.3;
}

/** FX trades from Sunday 22:00 to Friday 22:00 UTC; nothing in between. */
function isOpen(ts: number): boolean {
  const d = new Date(ts * 1000);
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  if (day === 6) return false;
  if (day === 5 && hour >= 22) return false;
  if (day === 0 && hour < 22) return false;
  return true;
}

const pad = (n: number) => String(n).padStart(2, '0');

function stamp(ts: number): string {
  const d = new Date(ts * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00Z`;
}

export function sampleCsv(): Map<string, string> {
  const random = mulberry32(SEED);
  const closes = PAIRS.map((p) => p.startPrice);
  const lines = PAIRS.map(() => ['time,open,high,low,close,volume']);
  const end = START_TS + WEEKS * 7 * 86_400;
  for (let ts = START_TS; ts < end; ts += 60) {
    if (!isOpen(ts)) continue;
    const level = activity(new Date(ts * 1000).getUTCHours());
    const dollar = gaussian(random);
    PAIRS.forEach((pair, i) => {
      const point = 10 ** -pair.digits;
      const open = closes[i] ?? pair.startPrice;
      const shock = pair.dollarWeight * dollar + Math.sqrt(1 - pair.dollarWeight ** 2) * gaussian(random);
      // A faint pull toward the start price keeps three weeks inside a believable range.
      const drift = (pair.startPrice - open) * 0.0005;
      const close = open + drift + shock * pair.volatility * level;
      const wick = () => Math.abs(gaussian(random)) * pair.volatility * level * 0.6;
      const high = Math.max(open, close) + wick();
      const low = Math.min(open, close) - wick();
      const round = (x: number) => (Math.round(x / point) * point).toFixed(pair.digits);
      const volume = Math.round((40 + random() * 80) * level * 4);
      lines[i]?.push(`${stamp(ts)},${round(open)},${round(high)},${round(low)},${round(close)},${volume}`);
      closes[i] = Number(round(close));
    });
  }
  return new Map(PAIRS.map((p, i) => [`${p.symbol}_M1_sample.csv`, `${(lines[i] ?? []).join('\n')}\n`]));
}

if (process.argv[1]?.endsWith('make-sample.ts')) {
  const out = process.argv[2] ?? join(import.meta.dirname, '..', 'resources', 'sample');
  mkdirSync(out, { recursive: true });
  for (const [name, text] of sampleCsv()) {
    writeFileSync(join(out, name), text);
    console.log(`${name}: ${text.split('\n').length - 2} candles`);
  }
}

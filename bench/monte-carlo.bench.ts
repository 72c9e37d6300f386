/**
 * Monte Carlo benchmark (issue 16): 10,000 paths over 500 trades, reshuffled and resampled, one
 * core, this thread. Trades are a seeded mix of wins and losses. Prints figures; passes or fails
 * nothing. Target: < 1 s for the 10,000-path study.
 */
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../src/core/random/mulberry32';
import { monteCarlo } from '../src/core/strategy/monte-carlo';

export async function main(): Promise<void> {
  const random = mulberry32(16);
  const trades = Array.from({ length: 500 }, () =>
    random() < 0.4 ? Math.round(2000 + random() * 6000) : -Math.round(1000 + random() * 3000),
  );
  for (const mode of ['reshuffle', 'resample'] as const) {
    // One warm-up so the figure is the steady state, then the measured run.
    monteCarlo({
      tradeCents: trades,
      initialCents: 1_000_000,
      paths: 1000,
      mode,
      random,
      ruinCents: 500_000,
    });
    const started = performance.now();
    const r = monteCarlo({
      tradeCents: trades,
      initialCents: 1_000_000,
      paths: 10_000,
      mode,
      random: mulberry32(1),
      ruinCents: 500_000,
    });
    const ms = performance.now() - started;
    console.log(
      `monte carlo ${mode}: 10,000 paths x 500 trades in ${ms.toFixed(0)} ms (target < 1,000 ms); ` +
        `median max drawdown ${(r.maxDrawdownCents[3]! / 100).toFixed(2)}, ruin ${(r.ruinProbability * 100).toFixed(2)} %`,
    );
  }
}

/**
 * Challenges benchmark (issue 18): the chance-of-passing Monte Carlo, 10,000 paths of a realistic
 * trade history under the two-step preset's first phase, then the risk-per-trade search over ten
 * candidates, then the evaluator fed one year of M1 intrabar ticks (4 a bar), then the whole
 * `challenges:pass-chance` call (read the trades, chosen risk + 9 candidates, 10,000 paths each). Prints figures;
 * passes or fails nothing. Anchor: 10,000 paths in under 2 s.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ChallengeEvaluator } from '../src/core/challenges/evaluator';
import { bestRiskPerTrade, mulberry32, passProbability } from '../src/core/challenges/pass-probability';
import { validateTemplate } from '../src/core/challenges/validate-rulebook';
import { openTempApp } from '../tests/helpers/temp-app';
import { call, closeTradesInR } from '../tests/integration/challenges/helpers';

const root = join(fileURLToPath(import.meta.url), '../..');

function preset(id: string) {
  const result = validateTemplate(
    JSON.parse(readFileSync(join(root, 'resources/challenges', `${id}.json`), 'utf8')),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** 200 closed trades, expectancy about +0.15 R: 42 % winners of +0.8 to +2.4 R; losers −1 R, a third cut early. */
function tradeHistory(): number[] {
  const random = mulberry32(2024);
  return Array.from({ length: 200 }, () => {
    if (random() < 0.42) return 0.8 + random() * 1.6;
    return random() < 0.3 ? -(0.3 + random() * 0.7) : -1;
  });
}

export async function main(): Promise<void> {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average at start: ${load()}`);
  const template = preset('two-step-10-5-static');
  const rules = { ...template.phases[0]!, timeLimitDays: 60 };
  const tradesR = tradeHistory();
  const input = { tradesR, rules, tradesPerDay: 3, paths: 10_000 };

  passProbability({ ...input, riskPct: 1, random: mulberry32(1) }); // warm-up
  let t0 = performance.now();
  const one = passProbability({ ...input, riskPct: 1, random: mulberry32(1) });
  const mcMs = performance.now() - t0;
  console.log(
    `monte carlo: 10,000 paths in ${mcMs.toFixed(0)} ms (anchor < 2,000 ms, ratio ${(mcMs / 2000).toFixed(3)}); ` +
      `pass ${(one.pass * 100).toFixed(1)} %, breach ${(one.breach * 100).toFixed(1)} %, ` +
      `timeout ${(one.timeout * 100).toFixed(1)} %, median days ${one.medianDaysToPass}`,
  );

  const candidates = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4];
  t0 = performance.now();
  const { best } = bestRiskPerTrade(input, candidates, () => mulberry32(1));
  const searchMs = performance.now() - t0;
  console.log(
    `risk search: ${candidates.length} candidates × 10,000 paths in ${searchMs.toFixed(0)} ms; ` +
      `best ${best.riskPct} % (pass ${(best.result.pass * 100).toFixed(1)} %)`,
  );

  const bars = 365 * 24 * 60;
  const evaluator = new ChallengeEvaluator({
    rules: { ...template.phases[2]!, maxDailyLoss: null, maxOverallLoss: null },
    dayReset: { time: '17:00', zone: 'America/New_York' },
    initialBalanceCents: template.initialBalanceCents,
    startTs: 1_704_067_200,
    zoneOffset: (_zone, ts) => (ts >= 1_710_054_000 && ts < 1_730_613_600 ? -240 : -300),
  });
  const sample = { ts: 0, balanceCents: template.initialBalanceCents, equityCents: 0, openLots: 1 };
  t0 = performance.now();
  for (let b = 0; b < bars; b++) {
    sample.ts = 1_704_067_200 + b * 60;
    for (let k = 0; k < 4; k++) {
      sample.equityCents = template.initialBalanceCents + ((b * 7 + k * 13) % 1000);
      evaluator.tick(sample);
    }
  }
  const evMs = performance.now() - t0;
  console.log(
    `evaluator: ${(bars * 4).toLocaleString('en-US')} ticks (a year of M1) in ${evMs.toFixed(0)} ms, ` +
      `${((evMs * 1e6) / (bars * 4)).toFixed(0)} ns a tick; status ${evaluator.status}`,
  );

  // The screen's call through the contract: 100 closed trades in R (+1.5, −1, −1, +2, −1 …: +0.1 R a trade) read from
  // the store, then the chosen risk and the nine candidates.
  const app = openTempApp();
  try {
    await closeTradesInR(
      app,
      Array.from({ length: 100 }, (_, i) => [1.5, -1, -1, 2, -1][i % 5]!),
    );
    const ask = { templateId: 'two-step-10-5-static', riskPct: 1, tradesPerDay: 3 };
    await call(app, 'challenges:pass-chance', ask); // warm-up
    const runs: number[] = [];
    let last = await call(app, 'challenges:pass-chance', ask);
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      last = await call(app, 'challenges:pass-chance', ask);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    const r = last.result!;
    console.log(
      `challenges:pass-chance: ${r.candidates.length} risks × 10,000 paths, median of 5 ${runs[2]!.toFixed(0)} ms ` +
        `(max ${runs[4]!.toFixed(0)} ms); at 1 %: pass ${(r.chosen.pass * 100).toFixed(1)} %, ` +
        `best ${r.best.riskPct} % (pass ${(r.best.pass * 100).toFixed(1)} %)`,
    );
  } finally {
    app.dispose();
  }
  console.log(`load average at end: ${load()}`);
}

/**
 * Engine A/B (issue 11): the replay bench's SMA(20/50) crossover on 1,000,000 synthetic M1 bars,
 * run in one process on this tree's engine and on the engine of an earlier commit
 * (`ENGINE_AB_BEFORE`, default 8940a5c, the last commit before the engine was split into
 * matching, fill model, trailing and stop-out). Both copies are bundled by esbuild as the app
 * ships them, run alternately (12 rounds, `ENGINE_AB_ROUNDS`), and compared as medians of bars
 * per CPU-second, with the load average. Whole-process timing would mostly measure start-up, and
 * separate processes at different moments mostly measure the neighbours: one process, taking
 * turns, is the fair comparison on a shared machine. Prints figures; passes or fails nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The strategy loop of bench/anchors/sma-strategy.ts, pointed at the engine under `tree`. */
function strategyFor(tree: string): string {
  const source = readFileSync(join(ROOT, 'bench', 'anchors', 'sma-strategy.ts'), 'utf8');
  return source
    .replaceAll('../../src/core/', `${tree}/src/core/`)
    .replace(/import type \{ Bars \} from '\.\/byte-parse';\n/, '')
    .replace(
      "Pick<Bars, 'ts' | 'open' | 'high' | 'low' | 'close'>",
      '{ ts: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array }',
    )
    .replace(/\/\*\* The bars for the C program[\s\S]*$/, '');
}

const DRIVER = `
import { loadavg } from 'node:os';
import { runSmaCrossover as runNow } from './now';
import { runSmaCrossover as runBefore } from './before';
import { syntheticBars } from '${ROOT}/bench/anchors/synthetic-bars';
const bars = syntheticBars(1_000_000);
const rounds = Number(process.env.ENGINE_AB_ROUNDS ?? 12);
const now = [];
const before = [];
const load0 = loadavg()[0];
for (let i = 0; i < rounds; i++) {
  const order = i % 2 === 0 ? [[now, runNow], [before, runBefore]] : [[before, runBefore], [now, runNow]];
  for (const [into, run] of order) {
    const r = run(bars);
    into.push({ rate: bars.close.length / r.cpuS, trades: r.trades, balance: r.balanceCents });
  }
}
// The first two rounds warm the JIT up.
const median = (xs) => { const s = xs.slice(2).map((x) => x.rate).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const same = now[0].trades === before[0].trades && now[0].balance === before[0].balance;
console.log(JSON.stringify({ now: median(now), before: median(before), same, trades: now[0].trades, balance: now[0].balance, load: [load0, loadavg()[0]] }));
`;

export async function main(): Promise<void> {
  const ref = process.env.ENGINE_AB_BEFORE ?? '8940a5c';
  const work = mkdtempSync(join(tmpdir(), 'tickstep-engine-ab-'));
  try {
    const beforeTree = join(work, 'before');
    mkdirSync(beforeTree);
    const archive = execFileSync('git', ['-C', ROOT, 'archive', ref, 'src/core'], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', beforeTree], { input: archive });
    writeFileSync(join(work, 'now.ts'), strategyFor(ROOT));
    writeFileSync(join(work, 'before.ts'), strategyFor(beforeTree));
    writeFileSync(join(work, 'driver.ts'), DRIVER);
    const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild');
    execFileSync(esbuild, [
      join(work, 'driver.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--log-level=warning',
      `--outfile=${join(work, 'ab.mjs')}`,
    ]);
    const out = execFileSync(process.execPath, [join(work, 'ab.mjs')], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      now: number;
      before: number;
      same: boolean;
      trades: number;
      balance: number;
      load: [number, number];
    };
    console.log(
      `SMA 20/50 on 1,000,000 bars, bars per CPU-second (median): this tree ${(r.now / 1e6).toFixed(2)} M, ` +
        `${ref} ${(r.before / 1e6).toFixed(2)} M, ratio ${(r.now / r.before).toFixed(2)}; ` +
        `trades ${r.same ? 'identical' : 'DIFFER'} (${r.trades}, balance ${(r.balance / 100).toFixed(2)}); ` +
        `load ${r.load[0].toFixed(2)} -> ${r.load[1].toFixed(2)}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

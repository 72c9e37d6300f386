/**
 * Replay benchmark (issue 4): a 1,000,000-bar synthetic M1 EURUSD session driven by an
 * SMA(20)/SMA(50) crossover through the engine's public API (market entries, SL 20 pips,
 * TP 40 pips, spread 1 pip, commission 3.50/lot), then the step latency of one base bar with
 * 20 open positions and 20 pending orders. Prints figures; passes or fails nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ExecutionEngine } from '../src/core/execution/engine';
import type { InstrumentSpec } from '../src/core/execution/instrument';
import { openApp } from '../src/main/app/open-app';
import { runSmaCrossover } from './anchors/sma-strategy';
import { type SyntheticBars, syntheticBars } from './anchors/synthetic-bars';

const EURUSD: InstrumentSpec = {
  symbol: 'EURUSD',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: 'EUR',
  quoteCurrency: 'USD',
};

type Bars = SyntheticBars;

function newEngine(): ExecutionEngine {
  let n = 0;
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
    newId: () => `b${++n}`,
  });
  engine.trackChanges = false;
  engine.cashEntry('DEPOSIT', 100_000_000);
  return engine;
}

/** Step latency: one base bar with 20 open positions and 20 pending orders, none triggering. */
function stepLatency(bars: Bars, steps: number): { meanUs: number; p99Us: number; maxUs: number } {
  const engine = newEngine();
  engine.trackChanges = true;
  engine.prime(bars.ts[0]!, 1.1);
  for (let k = 0; k < 20; k++) {
    const side = k % 2 === 0 ? 'BUY' : 'SELL';
    const dir = side === 'BUY' ? 1 : -1;
    engine.placeOrder({
      side,
      type: 'MARKET',
      lots: 0.1,
      sl: 1.1 - dir * 0.5,
      tp: 1.1 + dir * 0.5,
      trailingPts: k % 4 === 0 ? 100_000 : 0,
    });
    engine.placeOrder({ side, type: 'LIMIT', lots: 0.1, price: 1.1 - dir * 0.4, sl: 1.1 - dir * 0.45 });
  }
  const samples = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    engine.processBar(bars.ts[i + 1]!, 1.1, 1.1003, 1.0996, 1.1001);
    engine.drainChanges();
    samples[i] = (performance.now() - t0) * 1000;
  }
  if (engine.open.length !== 20 || engine.pending.length !== 20) throw new Error('setup drifted');
  const sorted = Array.from(samples).sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return {
    meanUs: mean,
    p99Us: sorted[Math.floor(sorted.length * 0.99)]!,
    maxUs: sorted[sorted.length - 1]!,
  };
}

/**
 * The interactive step through the contract: `replay:step` of one base bar with 20 open positions
 * and 20 pending orders, including the SQLite transaction that persists it and the tick DTO.
 */
export async function serviceStepLatency(steps: number): Promise<{ meanUs: number; p99Us: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-bench-'));
  const app = openApp({
    dataDir,
    appRoot: join(fileURLToPath(import.meta.url), '..', '..'),
    mode: 'browser',
    log: () => {},
  });
  try {
    const { sqlite } = app.ctx.store;
    const instrument = sqlite.prepare("SELECT id FROM instruments WHERE symbol = 'EURUSD'").get() as {
      id: string;
    };
    const insert = sqlite.prepare(
      "INSERT INTO candles (series_id, ts, open, high, low, close, volume) VALUES ((SELECT id FROM series WHERE instrument_id = ? AND timeframe = 'M1'), ?, ?, ?, ?, ?, 1)",
    );
    const t0 = 1_546_387_200;
    const count = steps + 100;
    sqlite.transaction(() => {
      sqlite
        .prepare('INSERT OR IGNORE INTO series (instrument_id, timeframe) VALUES (?, ?)')
        .run(instrument.id, 'M1');
      for (let i = 0; i < count; i++) insert.run(instrument.id, t0 + i * 60, 1.1, 1.1003, 1.0996, 1.1);
      sqlite
        .prepare(
          "INSERT INTO datasets (id, instrument_id, timeframe, uploaded_at, records_count, format, timezone, is_active, start_ts, end_ts, created_at, updated_at) VALUES ('bench', ?, 'M1', 0, ?, 'bench', 'UTC', 1, ?, ?, 0, 0)",
        )
        .run(instrument.id, count, t0, t0 + (count - 1) * 60);
    })();
    const call = async (name: string, input: unknown) => {
      const r = await app.dispatch(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as { id: string };
    };
    const session = await call('sessions:create', {
      symbol: 'EURUSD',
      startAt: new Date(t0 * 1000).toISOString(),
      balance: 1_000_000,
      commissionPerLot: 3.5,
    });
    for (let k = 0; k < 20; k++) {
      const side = k % 2 === 0 ? 'BUY' : 'SELL';
      const dir = side === 'BUY' ? 1 : -1;
      await call('orders:place', {
        sessionId: session.id,
        side,
        lots: 0.1,
        sl: 1.1 - dir * 0.5,
        tp: 1.1 + dir * 0.5,
      });
      await call('orders:place', {
        sessionId: session.id,
        side,
        type: 'LIMIT',
        lots: 0.1,
        price: 1.1 - dir * 0.4,
        sl: 1.1 - dir * 0.45,
      });
    }
    const samples: number[] = [];
    for (let i = 0; i < steps; i++) {
      const start = performance.now();
      await call('replay:step', { sessionId: session.id, bars: 1 });
      samples.push((performance.now() - start) * 1000);
    }
    const measured = samples.slice(Math.floor(steps / 5)).sort((a, b) => a - b);
    const mean = measured.reduce((s, v) => s + v, 0) / measured.length;
    return { meanUs: mean, p99Us: measured[Math.floor(measured.length * 0.99)]! };
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const count = 1_000_000;
  const bars = syntheticBars(count);
  runSmaCrossover(syntheticBars(100_000, 7)); // warm-up
  const runs = [
    runSmaCrossover(bars),
    runSmaCrossover(bars),
    runSmaCrossover(bars),
    runSmaCrossover(bars),
    runSmaCrossover(bars),
  ];
  const best = runs.reduce((a, b) => (a.wallS < b.wallS ? a : b));
  const bestCpu = Math.min(...runs.map((r) => r.cpuS));
  console.log(
    `headless SMA(20/50) crossover: ${count.toLocaleString('en-US')} M1 bars in ${best.wallS.toFixed(3)} s wall = ${Math.round(count / best.wallS).toLocaleString('en-US')} bars/s (best of 5; ${Math.round(count / bestCpu).toLocaleString('en-US')} bars per CPU-second; ${best.trades} closed trades, final balance ${(best.balanceCents / 100).toFixed(2)})`,
  );

  stepLatency(bars, 20_000); // warm-up
  const latency = stepLatency(bars, 100_000);
  console.log(
    `engine step, 20 open positions + 20 pending orders: mean ${latency.meanUs.toFixed(2)} µs, p99 ${latency.p99Us.toFixed(2)} µs, max ${latency.maxUs.toFixed(1)} µs`,
  );
  const service = await serviceStepLatency(2_000);
  console.log(
    `replay:step through the contract (validate, evaluate, persist in one SQLite transaction, tick DTO), 20 positions + 20 orders: mean ${(service.meanUs / 1000).toFixed(3)} ms, p99 ${(service.p99Us / 1000).toFixed(3)} ms`,
  );
}

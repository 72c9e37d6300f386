/**
 * Automation API benchmark (issue 17): loopback round trips of `POST …/step` (one base bar) and
 * `POST …/orders` (a market order) through the HTTP API, key check and dispatcher included,
 * as p50/p99; then the lock-step stream's throughput (the client answers each bar's
 * `awaiting-ready` at once) in messages and bars per second. The bot is its own process
 * (`bench/automation-client.mjs`), as a trader's program is; this process's CPU time per request
 * or bar is printed beside, since on a busy machine it is steadier than the wall-clock figures.
 * The anchor, measured in the same run: the same step and order through the contract in process
 * (`app.dispatch`), so the ratio is what the API adds. Last, the example Node client
 * (`examples/node/strategy.mjs`) trades a lock-step replay of 100,000 generated M1 bars
 * (`TICKSTEP_BENCH_BARS` changes the count) and its wall time is printed with the app's CPU a bar.
 * Prints figures; passes or fails nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/main/app/open-app';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** M1 bars from 2024-01-01 on, a seeded random walk around 1.1 (bid, 5 digits). */
function syntheticCsv(bars: number): string {
  let seed = 17;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const lines = ['time,open,high,low,close,volume'];
  const start = Date.UTC(2024, 0, 1) / 1000;
  let close = 110_000;
  for (let i = 0; i < bars; i++) {
    const open = close;
    close = Math.max(50_000, open + Math.round((random() - 0.5) * 30));
    const high = Math.max(open, close) + Math.round(random() * 8);
    const low = Math.min(open, close) - Math.round(random() * 8);
    const at = new Date((start + 60 * i) * 1000).toISOString().replace('.000Z', 'Z');
    const price = (points: number) => (points / 100_000).toFixed(5);
    lines.push(
      `${at},${price(open)},${price(high)},${price(low)},${price(close)},${1 + Math.floor(random() * 200)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

export async function main(): Promise<void> {
  console.log(
    `load average at the start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-bench-automation-'));
  const app = openApp({ dataDir, appRoot: ROOT, mode: 'browser', startOnline: false, log: () => {} });
  try {
    await ok(
      app.dispatch('import:run', {
        source: {
          handle: app.files.grant(join(ROOT, 'resources', 'sample', 'EURUSD_M1_sample.csv'), 'read'),
        },
        options: { symbol: 'EURUSD' },
      }),
    );
    const client = await ok<{ id: string }>(app.dispatch('automation:create-client', { name: 'bench' }));
    const { key } = await ok<{ key: string }>(
      app.dispatch('automation:create-key', {
        clientId: client.id,
        name: 'bench',
        scopes: ['market:read', 'sessions:write', 'orders:write', 'reports:read'],
        rateLimitPerMinute: 100_000,
      }),
    );
    const server = await app.automation.start({ port: 0 });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      const value = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(value)}`);
      return value;
    };
    const newSession = async () =>
      (await post('/v1/sessions', { symbol: 'EURUSD', startAt: '2024-03-04T00:00:00Z' })).id as string;

    // The bot is a separate process, as a trader's program is; this process is the app.
    const bot = async <T>(
      args: string[],
    ): Promise<{ value: T; serverCpuMs: number; serverSystemMs: number }> => {
      const cpu0 = process.cpuUsage();
      const child = spawn(process.execPath, [join(ROOT, 'bench', 'automation-client.mjs'), ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      const cpu = process.cpuUsage(cpu0);
      if (code !== 0) throw new Error(`the bench client failed (${code}): ${out}`);
      return {
        value: JSON.parse(out) as T,
        serverCpuMs: (cpu.user + cpu.system) / 1000,
        serverSystemMs: cpu.system / 1000,
      };
    };

    const sessionId = await newSession();
    const rounds = 1_000;
    const warmup = 100;
    const http = await bot<{ stepMs: number[]; orderMs: number[] }>([
      'http',
      server.url,
      key,
      sessionId,
      String(rounds),
      String(warmup),
    ]);
    const stepMs = http.value.stepMs.sort((a, b) => a - b);
    const orderMs = http.value.orderMs.sort((a, b) => a - b);
    const requests = 2 * (rounds + warmup) + Math.floor((rounds + warmup) / 100);
    console.log(
      `HTTP loopback round trip, ${rounds} each, bot in its own process (fetch, keep-alive; key check, dispatcher, SQLite write): ` +
        `step p50 ${percentile(stepMs, 50).toFixed(2)} ms, p99 ${percentile(stepMs, 99).toFixed(2)} ms; ` +
        `place market order p50 ${percentile(orderMs, 50).toFixed(2)} ms, p99 ${percentile(orderMs, 99).toFixed(2)} ms; ` +
        `app CPU ${((1000 * http.serverCpuMs) / requests).toFixed(0)} µs a request (kernel ${((1000 * http.serverSystemMs) / requests).toFixed(0)})`,
    );

    // The anchor, side by side: the same step and order through the contract in this process.
    const inProcess = await newSession();
    const contractStepMs: number[] = [];
    const contractOrderMs: number[] = [];
    const cpuContract0 = process.cpuUsage();
    for (let i = 0; i < rounds + warmup; i++) {
      let t0 = performance.now();
      await ok(app.dispatch('replay:step', { sessionId: inProcess, bars: 1 }));
      const step = performance.now() - t0;
      t0 = performance.now();
      await ok(
        app.dispatch('orders:place', { sessionId: inProcess, side: i % 2 ? 'SELL' : 'BUY', lots: 0.01 }),
      );
      const order = performance.now() - t0;
      if (i >= warmup) {
        contractStepMs.push(step);
        contractOrderMs.push(order);
      }
      if (i % 100 === 99) await ok(app.dispatch('positions:close-all', { sessionId: inProcess }));
    }
    const contractCpu = process.cpuUsage(cpuContract0);
    contractStepMs.sort((a, b) => a - b);
    contractOrderMs.sort((a, b) => a - b);
    console.log(
      `anchor, the same through the contract in process (app.dispatch): step p50 ${percentile(contractStepMs, 50).toFixed(2)} ms, p99 ${percentile(contractStepMs, 99).toFixed(2)} ms; ` +
        `place market order p50 ${percentile(contractOrderMs, 50).toFixed(2)} ms, p99 ${percentile(contractOrderMs, 99).toFixed(2)} ms; ` +
        `CPU ${((contractCpu.user + contractCpu.system) / requests).toFixed(0)} µs a call; ` +
        `HTTP / contract p50: step ${(percentile(stepMs, 50) / percentile(contractStepMs, 50)).toFixed(1)}x, order ${(percentile(orderMs, 50) / percentile(contractOrderMs, 50)).toFixed(1)}x`,
    );

    // The free plan's two active sessions: the HTTP and the in-process one make way for the next.
    await ok(app.dispatch('sessions:delete', { sessionId }));
    await ok(app.dispatch('sessions:delete', { sessionId: inProcess }));

    const streamSession = await newSession();
    await post(`/v1/sessions/${streamSession}/orders`, { side: 'BUY', lots: 0.01 });
    const seconds = 3;
    const stream = await bot<{ messages: number; bars: number; elapsed: number }>([
      'stream',
      server.url,
      key,
      streamSession,
      String(seconds),
    ]);
    const counts = stream.value;
    console.log(
      `lock-step stream (one open position, each bar answered at once): ${Math.round(counts.messages / counts.elapsed).toLocaleString('en-US')} events/s, ` +
        `${Math.round(counts.bars / counts.elapsed).toLocaleString('en-US')} bars/s over ${counts.elapsed.toFixed(1)} s; ` +
        `app CPU ${((1000 * stream.serverCpuMs) / Math.max(1, counts.bars)).toFixed(0)} µs a bar`,
    );

    await ok(app.dispatch('sessions:delete', { sessionId: streamSession }));

    // The example Node client, lock-step over a long replay.
    const bars = Number(process.env.TICKSTEP_BENCH_BARS ?? 100_000);
    const csv = join(dataDir, 'EURUSD_M1_bench.csv');
    writeFileSync(csv, syntheticCsv(bars + 10));
    await ok(
      app.dispatch('import:run', {
        source: { handle: app.files.grant(csv, 'read') },
        options: { symbol: 'GBPUSD' },
      }),
    );
    const from = new Date(Date.UTC(2024, 0, 1, 0, 3)).toISOString();
    const to = new Date(Date.UTC(2024, 0, 1, 0, 3) + bars * 60_000).toISOString();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--experimental-websocket',
        join(ROOT, 'examples', 'node', 'strategy.mjs'),
        '--symbol',
        'GBPUSD',
        '--from',
        from,
        '--to',
        to,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, TICKSTEP_API_URL: server.url, TICKSTEP_API_KEY: key },
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const elapsedSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (code !== 0) throw new Error(`the example client failed (${code}): ${out.slice(0, 2000)}`);
    const result = JSON.parse(out) as { actions: unknown[]; summary: { trades: number } };
    console.log(
      `example Node client, lock-step replay of ${bars.toLocaleString('en-US')} M1 bars (${result.actions.length} actions, ${result.summary.trades} trades): ` +
        `${elapsedSeconds.toFixed(1)} s, ${Math.round(bars / elapsedSeconds).toLocaleString('en-US')} bars/s; ` +
        `app CPU ${((cpu.user + cpu.system) / bars).toFixed(0)} µs a bar`,
    );
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await app.automation.stop();
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();

/**
 * Automation API benchmark (issue 17): loopback round trips of `POST …/step` (one base bar) and
 * `POST …/orders` (a market order) through the HTTP API, key check and dispatcher included,
 * as p50/p99; then the lock-step stream's throughput (the client answers each bar's
 * `awaiting-ready` at once) in messages and bars per second. The bot is its own process
 * (`bench/automation-client.mjs`), as a trader's program is; this process's CPU time per request
 * or bar is printed beside, since on a busy machine it is steadier than the wall-clock figures.
 * Prints figures; passes or fails nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/main/app/open-app';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function ok<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

export async function main(): Promise<void> {
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
        scopes: ['market:read', 'sessions:write', 'orders:write'],
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
    const bot = async <T>(args: string[]): Promise<{ value: T; serverCpuMs: number }> => {
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
      return { value: JSON.parse(out) as T, serverCpuMs: (cpu.user + cpu.system) / 1000 };
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
        `app CPU ${((1000 * http.serverCpuMs) / requests).toFixed(0)} µs a request`,
    );

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
    await app.automation.stop();
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();

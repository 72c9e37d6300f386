/**
 * Automation API benchmark (issue 17): loopback round trips of `POST …/step` (one base bar) and
 * `POST …/orders` (a market order) through the HTTP API, key check and dispatcher included,
 * as p50/p99; then the lock-step stream's throughput (the client answers each bar's
 * `awaiting-ready` at once) in messages and bars per second. Prints figures; passes or fails nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
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

    const sessionId = await newSession();
    const stepMs: number[] = [];
    const orderMs: number[] = [];
    const rounds = 1_000;
    for (let i = 0; i < rounds + 100; i++) {
      let t0 = performance.now();
      await post(`/v1/sessions/${sessionId}/step`, { bars: 1 });
      const step = performance.now() - t0;
      t0 = performance.now();
      await post(`/v1/sessions/${sessionId}/orders`, { side: i % 2 ? 'SELL' : 'BUY', lots: 0.01 });
      const order = performance.now() - t0;
      if (i >= 100) {
        stepMs.push(step);
        orderMs.push(order);
      }
      if (i % 100 === 99) await post(`/v1/sessions/${sessionId}/positions/close-all`, {});
    }
    stepMs.sort((a, b) => a - b);
    orderMs.sort((a, b) => a - b);
    console.log(
      `HTTP loopback round trip, ${rounds} each (keep-alive, key check, dispatcher, SQLite write): ` +
        `step p50 ${percentile(stepMs, 50).toFixed(2)} ms, p99 ${percentile(stepMs, 99).toFixed(2)} ms; ` +
        `place market order p50 ${percentile(orderMs, 50).toFixed(2)} ms, p99 ${percentile(orderMs, 99).toFixed(2)} ms`,
    );

    const streamSession = await newSession();
    await post(`/v1/sessions/${streamSession}/orders`, { side: 'BUY', lots: 0.01 });
    const seconds = 3;
    const counts = await new Promise<{ messages: number; bars: number; elapsed: number }>((done, fail) => {
      const ws = new WebSocket(
        `${server.url.replace('http', 'ws')}/v1/sessions/${streamSession}/stream?mode=lockstep`,
        {
          headers: { authorization: `Bearer ${key}` },
        },
      );
      let messages = 0;
      let bars = 0;
      const t0 = performance.now();
      ws.on('message', (data) => {
        messages++;
        const type = (JSON.parse(data.toString()) as { type: string }).type;
        if (type === 'bar') bars++;
        const elapsed = (performance.now() - t0) / 1000;
        if (elapsed >= seconds || type === 'session.completed') {
          ws.close();
          done({ messages, bars, elapsed });
        } else if (type === 'awaiting-ready') ws.send('{"type":"ready"}');
      });
      ws.on('error', fail);
    });
    console.log(
      `lock-step stream (one open position, each bar answered at once): ${Math.round(counts.messages / counts.elapsed).toLocaleString('en-US')} events/s, ` +
        `${Math.round(counts.bars / counts.elapsed).toLocaleString('en-US')} bars/s over ${counts.elapsed.toFixed(1)} s`,
    );
    await app.automation.stop();
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();

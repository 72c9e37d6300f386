import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createServer } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { subscriptions } from '../src/server/db/schema.js';
import { MemoryEmailTransport } from '../src/server/email/transport.js';

/**
 * Load on the hosted endpoint over loopback: licence refresh and password sign-in (scrypt).
 * Embedded PGlite by default; BENCH_DATABASE_URL points it at PostgreSQL. BENCH_SECONDS (default 10)
 * and BENCH_CONNECTIONS (default 10) bound each run. Prints requests/s and latency percentiles.
 */
export async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MULTIPLIER: '1000000',
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  if (!config.databaseUrl) config.pgliteDir = 'memory://';
  const server = await createServer(config, { email: new MemoryEmailTransport() });
  const url = await server.listen();
  try {
    const email = `bench-${Date.now()}@example.test`;
    const password = 'correct horse battery staple';
    const reg = await fetch(`${url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const session = (await reg.json()) as { accessToken: string; user: { id: string } };
    const now = Date.now();
    await server.ctx.db.insert(subscriptions).values({
      id: crypto.randomUUID(),
      userId: session.user.id,
      planId: 'plan_pro',
      stripeSubscriptionId: `sub_bench_${now}`,
      status: 'active',
      currentPeriodStart: new Date(now - 86_400_000),
      currentPeriodEnd: new Date(now + 29 * 86_400_000),
    });
    const hardwareId = 'bench-machine-0001';
    const act = await fetch(`${url}/licenses/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ hardwareId }),
    });
    if (act.status !== 200) throw new Error(`activation failed: ${act.status} ${await act.text()}`);

    const runs = [
      {
        name: 'POST /licenses/refresh',
        body: JSON.stringify({ hardwareId }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
        path: '/licenses/refresh',
      },
      {
        name: 'POST /auth/sign-in (scrypt N=16384)',
        body: JSON.stringify({ email, password }),
        headers: { 'content-type': 'application/json' },
        path: '/auth/sign-in',
      },
    ];
    console.log(
      `database: ${config.databaseUrl ? 'postgres' : 'pglite (in memory)'}; ${connections} connections; ${seconds}s each`,
    );
    for (const r of runs) {
      const result = await autocannon({
        url: `${url}${r.path}`,
        method: 'POST',
        headers: r.headers,
        body: r.body,
        connections,
        duration: seconds,
      });
      const ok = result['2xx'];
      console.log(
        `${r.name.padEnd(38)} ${result.requests.average.toFixed(0).padStart(6)} req/s  ` +
          `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  ` +
          `2xx ${ok}  non-2xx ${result.non2xx}  errors ${result.errors}`,
      );
    }
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

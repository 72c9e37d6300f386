import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { driveStep } from './crash-driver';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const CANDLES = syntheticCandles(600, 1_546_387_200, 7);
const CREATE = {
  symbol: 'EURUSD',
  startAt: '2019-01-02T00:10:00Z',
  balance: 10_000,
  commissionPerLot: 3.5,
  slippagePts: 1,
} as const;

async function createSession(app: TickstepApp): Promise<string> {
  const r = await app.dispatch('sessions:create', CREATE);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}

/** Everything observable about a session, without ids (they differ between runs). */
function observable(app: TickstepApp, sessionId: string) {
  const { sqlite } = app.ctx.store;
  const session = sqlite
    .prepare('SELECT cursor_ts, balance_cents, status, trades_today FROM sessions WHERE id = ?')
    .get(sessionId);
  const orders = sqlite
    .prepare(
      'SELECT side, type, status, lots, price, sl_price, tp_price, placed_ts, filled_ts, fill_price, comment, reject_reason FROM orders WHERE session_id = ? ORDER BY rowid',
    )
    .all(sessionId);
  const positions = sqlite
    .prepare(
      'SELECT status, side, lots, entry_price, entry_bid, sl_price, tp_price, exit_price, opened_ts, closed_ts, realized_pnl_cents, commission_cents, trailing_pts FROM positions WHERE session_id = ? ORDER BY opened_ts, closed_ts, side, lots, exit_price',
    )
    .all(sessionId);
  const ledger = sqlite
    .prepare(
      'SELECT seq, type, amount_cents, balance_after_cents, ts FROM ledger_entries WHERE session_id = ? ORDER BY seq',
    )
    .all(sessionId) as { seq: number; amount_cents: number; balance_after_cents: number }[];
  return { session, orders, positions, ledger };
}

function runChild(
  dataDir: string,
  sessionId: string,
  killAfterSteps: number,
): Promise<{ steps: number; killed: boolean }> {
  // `node --import tsx` (not the tsx CLI, which forks a grandchild a SIGKILL would orphan).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(
    process.execPath,
    ['--import', tsx, join(import.meta.dirname, 'crash-child.ts'), dataDir, sessionId],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let steps = 0;
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      steps += String(d)
        .split('\n')
        .filter((l) => l.startsWith('cursor')).length;
      if (steps >= killAfterSteps && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ steps, killed: true });
      else if (code === 0) resolve({ steps, killed: false });
      else reject(new Error(`child failed (${code}): ${stderr}`));
    });
  });
}

describe('crash and resume', () => {
  it('a replay killed with SIGKILL resumes with the same orders, positions and ledger, nothing doubled', async () => {
    // Reference: the same deterministic strategy, run to the end in-process without a crash.
    const ref = tempApp();
    cleanups.push(ref.cleanup);
    seedCandles(ref.app, 'EURUSD', 'M1', CANDLES);
    const refSession = await createSession(ref.app);
    for (;;) if ((await driveStep(ref.app, refSession)).done) break;
    const expected = observable(ref.app, refSession);
    expect(expected.ledger.length).toBeGreaterThan(50);

    // The crashing run: a real child process, killed mid-replay.
    const crashed = tempApp();
    cleanups.push(crashed.cleanup);
    seedCandles(crashed.app, 'EURUSD', 'M1', CANDLES);
    const sessionId = await createSession(crashed.app);
    crashed.app.close();
    const run = await runChild(crashed.dataDir, sessionId, 200);
    expect(run.killed).toBe(true);

    // Reopen: the store is consistent at whatever step the kill landed on.
    const reopened = tempApp(crashed.dataDir);
    cleanups.push(() => reopened.app.close());
    const mid = observable(reopened.app, sessionId);
    let balance = 0;
    mid.ledger.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      balance += e.amount_cents;
      expect(e.balance_after_cents).toBe(balance);
    });
    expect((mid.session as { balance_cents: number }).balance_cents).toBe(balance);
    expect((mid.session as { cursor_ts: number }).cursor_ts).toBeGreaterThan(
      Date.parse(CREATE.startAt) / 1000,
    );
    expect((mid.session as { status: string }).status).not.toBe('COMPLETED');

    // Resume to the end: identical to the run that never crashed.
    for (;;) if ((await driveStep(reopened.app, sessionId)).done) break;
    const resumed = observable(reopened.app, sessionId);
    expect(resumed.ledger).toEqual(expected.ledger);
    expect(resumed.orders).toEqual(expected.orders);
    expect(resumed.positions).toEqual(expected.positions);
    expect(resumed.session).toEqual(expected.session);
  }, 120_000);
});

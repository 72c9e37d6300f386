import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { REPO_ROOT } from '../../helpers/temp-app';
import { ALL_SCOPES, apiApp, call } from './helpers';

const run = promisify(execFile);
const FROM = '2019-01-02T00:00:00Z';
const TO = '2019-01-02T02:00:00Z';

let dataDir = '';
let serve: ChildProcess | null = null;
let url = '';
let key = '';

beforeAll(async () => {
  // A data dir with the fixture imported and a key, then a live `tickstep api serve` on it.
  const t = await apiApp();
  await t.app.automation.stop();
  const created = await call(t.app, 'automation:create-key', {
    clientId: t.client.id,
    name: 'examples',
    scopes: ALL_SCOPES,
  });
  key = created.key;
  // Close the app; its folder is the server's data dir.
  t.app.close();
  dataDir = t.app.ctx.dataDir;
  // The sources through tsx in this very child (the tests run the sources), so the SIGTERM below
  // reaches the server.
  const cli = join(REPO_ROOT, 'src', 'main', 'cli', 'main.ts');
  serve = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'api', 'serve', '--port', '0', '--json', '--data-dir', dataDir],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    serve!.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    serve!.once('exit', (code) => reject(new Error(`api serve exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve!.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface ExampleResult {
  actions: Record<string, unknown>[];
  ledger: { type: string; amountCents: number; balanceAfterCents: number; ts: number }[];
  positions: { side: string; lots: number; entryPrice: number; exitPrice: number | null; status: string }[];
  summary: { netProfitCents: number; trades: number };
}

/** The same actions through `tickstep replay --script`, in a fresh data dir with the same data. */
async function replayScript(actions: Record<string, unknown>[]) {
  const t = await apiApp({ importData: true });
  await t.app.automation.stop();
  const dir = t.app.ctx.dataDir;
  t.app.close();
  const file = join(dir, 'script.json');
  writeFileSync(file, JSON.stringify({ symbol: 'EURUSD', from: FROM, to: TO, actions }));
  const out: string[] = [];
  const code = await runCli(['replay', '--script', file, '--data-dir', dir, '--json'], {
    out: (s) => out.push(s),
    err: (s) => out.push(s),
  });
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as {
    transactions: { type: string; amount: number; balanceAfter: number; at: string }[];
    positions: { side: string; lots: number; entryPrice: number; exitPrice: number | null; status: string }[];
    summary: { trades: number };
    actions: { ok: boolean }[];
  };
}

async function checkAgainstScript(result: ExampleResult) {
  expect(result.actions.length).toBeGreaterThan(1);
  const script = await replayScript(result.actions);
  expect(script.actions.every((a) => a.ok)).toBe(true);
  expect(
    result.ledger.map((e) => [
      e.type,
      e.amountCents,
      e.balanceAfterCents,
      new Date(e.ts * 1000).toISOString(),
    ]),
  ).toEqual(
    script.transactions.map((e) => [
      e.type,
      Math.round(e.amount * 100),
      Math.round(e.balanceAfter * 100),
      e.at.replace('Z', '.000Z'),
    ]),
  );
  const shape = (p: ExampleResult['positions'][number]) => [
    p.side,
    p.lots,
    p.entryPrice,
    p.exitPrice,
    p.status,
  ];
  expect(result.positions.map(shape).sort()).toEqual(script.positions.map(shape).sort());
  expect(result.summary.trades).toBe(script.summary.trades);
}

describe('example clients against a live `tickstep api serve`', () => {
  it('python3 (standard library) runs the strategy end to end, equal to replay --script', async () => {
    const { stdout } = await run(
      'python3',
      [join(REPO_ROOT, 'examples', 'python', 'strategy.py'), '--from', FROM, '--to', TO],
      {
        env: { ...process.env, TICKSTEP_API_URL: url, TICKSTEP_API_KEY: key },
      },
    );
    await checkAgainstScript(JSON.parse(stdout) as ExampleResult);
  }, 120_000);

  it('node (built-ins, lock-step stream) runs the same strategy to the same result', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--experimental-websocket',
        join(REPO_ROOT, 'examples', 'node', 'strategy.mjs'),
        '--from',
        FROM,
        '--to',
        TO,
      ],
      { env: { ...process.env, TICKSTEP_API_URL: url, TICKSTEP_API_KEY: key } },
    );
    await checkAgainstScript(JSON.parse(stdout) as ExampleResult);
  }, 120_000);
});

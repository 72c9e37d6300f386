import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import type { CandleDto } from '../../../src/shared/dto';
import { seedCandles, tempApp } from './helpers';

const T0 = Date.parse('2019-01-02T00:00:00Z') / 1000;
const bar = (i: number, open: number, high: number, low: number, close: number): CandleDto => ({
  ts: T0 + i * 60,
  open,
  high,
  low,
  close,
  volume: 1,
});

// Hand-made EURUSD M1 bars, 2019-01-02 00:00 .. 00:09.
const CANDLES: CandleDto[] = [
  bar(0, 1.14, 1.1401, 1.1399, 1.14),
  bar(1, 1.14, 1.141, 1.13995, 1.1405),
  bar(2, 1.1405, 1.1425, 1.1404, 1.142), // low first; TP 1.14200 on the way up
  bar(3, 1.142, 1.1432, 1.1419, 1.1425), // low first; sell limit 1.14300 fills on the way up
  bar(4, 1.1425, 1.1426, 1.141, 1.1412), // high first; trailing SL moves to 1.14160 at the low
  bar(5, 1.1412, 1.142, 1.1411, 1.1415), // low first; short SL (ask >= 1.14160) at bid 1.14150
  bar(6, 1.1415, 1.1415, 1.1415, 1.1415),
  bar(7, 1.1415, 1.1415, 1.1415, 1.1415),
  bar(8, 1.1415, 1.1415, 1.1415, 1.1415),
  bar(9, 1.1415, 1.1415, 1.1415, 1.1415),
];

const SCRIPT = {
  symbol: 'EURUSD',
  timeframe: 'M1',
  from: '2019-01-02T00:00:00Z',
  to: '2019-01-02T00:09:00Z',
  balance: 10000,
  leverage: 100,
  spreadPts: 10,
  slippagePts: 0,
  commissionPerLot: 3.5,
  stopOutPct: 50,
  actions: [
    { at: '2019-01-02T00:00:00Z', type: 'market', side: 'buy', lots: 1, sl: 1.139, tp: 1.142, ref: 'a' },
    { at: '2019-01-02T00:01:00Z', type: 'close', ref: 'a', lots: 0.5 },
    { at: '2019-01-02T00:02:00Z', type: 'limit', side: 'sell', lots: 0.5, price: 1.143, ref: 'b' },
    { at: '2019-01-02T00:03:00Z', type: 'modify', ref: 'b', sl: 1.144, trailingPts: 50 },
    { at: '2019-01-02T00:07:00Z', type: 'breakeven', ref: 'b' },
  ],
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function prepare(candles = CANDLES) {
  const t = tempApp();
  seedCandles(t.app, 'EURUSD', 'M1', candles);
  t.app.close();
  const dir = mkdtempSync(join(tmpdir(), 'tickstep-script-'));
  cleanups.push(() => {
    rmSync(t.dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });
  return { dataDir: t.dataDir, dir };
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tickstep replay --script', () => {
  it('runs the script and prints hand-checked fills and ledger, money with 2 decimals, ISO times', async () => {
    const { dataDir, dir } = prepare();
    const file = join(dir, 'script.json');
    writeFileSync(file, JSON.stringify(SCRIPT));
    const r = await cli(['replay', '--script', file, '--data-dir', dataDir, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('"amount": 10000.00');
    expect(r.out).toContain('"amount": -3.50');
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual([
      'session',
      'orders',
      'positions',
      'transactions',
      'summary',
      'actions',
    ]);
    expect(out.session.cursor).toBe('2019-01-02T00:09:00Z');
    expect(out.session.status).toBe('COMPLETED');
    expect(
      out.transactions.map((t: { type: string; amount: number; balanceAfter: number }) => [
        t.type,
        t.amount,
        t.balanceAfter,
      ]),
    ).toEqual([
      ['DEPOSIT', 10000, 10000],
      ['COMMISSION', -3.5, 9996.5], // a: 1 lot
      ['PNL', 25, 10021.5], // a, 0.5 closed at bid 1.14050: 0.0005 * 50,000
      ['SPREAD', -5, 10016.5],
      ['COMMISSION', -1.75, 10014.75],
      ['PNL', 100, 10114.75], // a's other half at TP 1.14200
      ['SPREAD', -5, 10109.75],
      ['COMMISSION', -1.75, 10108],
      ['COMMISSION', -1.75, 10106.25], // b fills at 1.14300
      ['PNL', 75, 10181.25], // b's trailed SL 1.14160 (ask) = bid 1.14150: (1.14300 - 1.14150) * 50,000
      ['SPREAD', -5, 10176.25],
      ['COMMISSION', -1.75, 10174.5],
    ]);
    const positions = out.positions.map((p: Record<string, unknown>) => [
      p.ref,
      p.status,
      p.lots,
      p.entryPrice,
      p.exitPrice,
    ]);
    expect(positions).toEqual([
      ['a', 'CLOSED', 0.5, 1.1401, 1.142],
      ['a', 'CLOSED', 0.5, 1.1401, 1.1405],
      ['b', 'CLOSED', 0.5, 1.143, 1.1416],
    ]);
    expect(out.positions[1].parentPositionId).toBe(out.positions[0].id);
    expect(out.positions[2].sl).toBe(1.1416);
    // The break-even came after b had closed: reported, not fatal.
    expect(out.actions.at(-1)).toMatchObject({ type: 'breakeven', ok: false });
    expect(out.summary).toMatchObject({
      trades: 3,
      wins: 3,
      losses: 0,
      netProfit: 174.5,
      finalBalance: 10174.5,
    });
  });

  it('exits non-zero with a clear message for an invalid script', async () => {
    const { dataDir, dir } = prepare();
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...SCRIPT, actions: [{ at: 'yesterday', type: 'market', side: 'buy' }] }),
    );
    const r = await cli(['replay', '--script', file, '--data-dir', dataDir]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/Invalid replay script: actions\.0\.at: .*; actions\.0\.lots/);
    writeFileSync(
      file,
      JSON.stringify({ ...SCRIPT, actions: [{ at: SCRIPT.from, type: 'close', ref: 'nope' }] }),
    );
    const r2 = await cli(['replay', '--script', file, '--data-dir', dataDir]);
    expect(r2.code).not.toBe(0);
    expect(r2.err).toContain('actions.0.ref "nope" is not an earlier order');
    writeFileSync(file, '{ not json');
    expect((await cli(['replay', '--script', file, '--data-dir', dataDir])).err).toContain('not valid JSON');
  });

  it('exits non-zero when the script refers to data that is not there', async () => {
    const { dataDir, dir } = prepare();
    const file = join(dir, 'missing.json');
    writeFileSync(file, JSON.stringify({ ...SCRIPT, from: '2018-01-02T00:00:00Z', actions: [] }));
    const r = await cli(['replay', '--script', file, '--data-dir', dataDir, '--json']);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.err).error.code).toBe('OUT_OF_DATA');
    writeFileSync(file, JSON.stringify({ ...SCRIPT, symbol: 'GBPUSD', actions: [] }));
    const r2 = await cli(['replay', '--script', file, '--data-dir', dataDir]);
    expect(r2.code).not.toBe(0);
    expect(r2.err).toContain('No GBPUSD data has been imported');
  });
});

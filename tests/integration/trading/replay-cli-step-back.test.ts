import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('tickstep replay --script with stepBack', () => {
  it('undoes the trade before the bar it steps back to, and the script goes on from there', async () => {
    const t = tempApp();
    seedCandles(t.app, 'EURUSD', 'M1', syntheticCandles(120));
    t.app.close();
    const dir = mkdtempSync(join(tmpdir(), 'tickstep-script-'));
    cleanups.push(() => {
      rmSync(t.dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });
    const file = join(dir, 'script.json');
    writeFileSync(
      file,
      JSON.stringify({
        symbol: 'EURUSD',
        from: '2019-01-02T00:00:00Z',
        to: '2019-01-02T00:30:00Z',
        commissionPerLot: 3.5,
        actions: [
          { at: '2019-01-02T00:10:00Z', type: 'market', side: 'buy', lots: 1, ref: 'a' },
          { at: '2019-01-02T00:15:00Z', type: 'stepBack', bars: 6 },
          { at: '2019-01-02T00:20:00Z', type: 'market', side: 'sell', lots: 0.5, ref: 'b' },
        ],
      }),
    );
    const out: string[] = [];
    const code = await runCli(['replay', '--script', file, '--data-dir', t.dataDir, '--json'], {
      out: (s) => out.push(s),
      err: () => {},
    });
    expect(code).toBe(0);
    const result = JSON.parse(out.join('\n'));
    expect(result.actions[1]).toMatchObject({
      type: 'stepBack',
      ok: true,
      message: 'stepped back to 2019-01-02T00:09:00Z, undoing 1 orders and 1 positions',
    });
    expect(result.positions.map((p: { side: string; lots: number }) => [p.side, p.lots])).toEqual([
      ['SELL', 0.5],
    ]);
    expect(result.transactions.map((x: { type: string; amount: number }) => [x.type, x.amount])).toEqual([
      ['DEPOSIT', 10000],
      ['COMMISSION', -1.75],
    ]);
  });
});

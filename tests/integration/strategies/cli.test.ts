import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { openTempApp } from '../../helpers/temp-app';
import { crossoverGraph, randomBars } from '../../unit/strategy/helpers';
import { seedCandles } from '../trading/helpers';

describe('tickstep backtest / strategies list', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', join(dir, 'data')], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('backtests a graph file with parameters and prints JSON; the file becomes one strategy', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-bt-cli-'));
    const seeded = openTempApp({ dataDir: join(dir, 'data') });
    const bars = randomBars(20_000, 21);
    seedCandles(seeded, 'EURUSD', 'M1', bars);
    seeded.close();
    const file = join(dir, 'sma-cross.json');
    writeFileSync(file, JSON.stringify(crossoverGraph()));
    const args = [
      'backtest',
      '--strategy',
      file,
      '--symbol',
      'EURUSD',
      '--from',
      '2024-01-01',
      '--to',
      '2024-02-01',
    ];

    const first = await cli(...args, '--params', '{"fast":8}', '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const body = JSON.parse(first.out);
    expect(body.run).toMatchObject({
      status: 'completed',
      symbol: 'EURUSD',
      timeframe: 'M1',
      barsDone: 20_000,
      versionNumber: 1,
    });
    expect(body.run.parameters.params).toEqual({ fast: 8 });
    expect(body.summary.trades).toBe(body.trades.length);
    expect(body.trades.length).toBeGreaterThan(10);
    expect(typeof body.summary.netProfit).toBe('number');
    expect(body.trades[0].opened).toMatch(/^2024-01-/);

    const again = await cli(...args, '--json');
    expect(JSON.parse(again.out).run.versionNumber).toBe(1);
    const listed = await cli('strategies', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject([{ slug: 'sma-cross', latestVersion: 1 }]);

    const bad = await cli(...args, '--params', '{"slow":0}', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.err).error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(bad.err).toContain('parameter \\"slow\\" = 0 must be at least 1');
  });
});

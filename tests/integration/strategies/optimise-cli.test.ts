import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { openTempApp } from '../../helpers/temp-app';
import { crossoverGraph, randomBars } from '../../unit/strategy/helpers';
import { seedCandles } from '../trading/helpers';

describe('tickstep optimise', () => {
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

  it('optimises a graph file on worker threads, walks it forward, and names a bad flag', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-optimise-cli-'));
    const seeded = openTempApp({ dataDir: join(dir, 'data') });
    seedCandles(seeded, 'EURUSD', 'M1', randomBars(6_000, 21));
    seeded.close();
    const file = join(dir, 'sma-cross.json');
    // fast: 5, 10 ... 50 (ten sets); slow stays 30.
    writeFileSync(file, JSON.stringify(crossoverGraph()));
    const span = ['--symbol', 'EURUSD', '--from', '2024-01-01', '--to', '2024-01-06'];
    const grid = await cli(
      'optimise',
      '--strategy',
      file,
      ...span,
      '--method',
      'grid',
      '--objective',
      'net-profit',
      '--min-trades',
      '1',
      '--threads',
      '2',
      '--json',
    );
    expect(grid.err).toBe('');
    expect(grid.code).toBe(0);
    const body = JSON.parse(grid.out);
    expect(body.run).toMatchObject({ status: 'completed', setsDone: 10, paramNames: ['fast'] });
    expect(body.run.settings).toMatchObject({
      method: 'grid',
      objective: 'net-profit',
      minTrades: 1,
      threads: 2,
    });
    expect(body.results.map((r: { params: { fast: number } }) => r.params.fast)).toEqual([
      5, 10, 15, 20, 25, 30, 35, 40, 45, 50,
    ]);
    type Row = { metrics: { netProfit: number; trades: number }; violations: string[] };
    const passing = body.results.filter((r: Row) => r.violations.length === 0);
    // A fast period at or above the slow one never crosses: no trade, so it fails --min-trades 1.
    expect(passing.length).toBeLessThan(10);
    const best = Math.max(...passing.map((r: Row) => r.metrics.netProfit));
    expect(body.best.metrics.netProfit).toBe(best);

    const wf = await cli(
      'optimise',
      '--strategy',
      file,
      ...span,
      '--method',
      'random',
      '--samples',
      '3',
      '--walk-forward',
      '2',
      '--in-sample-pct',
      '70',
      '--threads',
      '1',
    );
    expect(wf.code).toBe(0);
    expect(wf.out).toMatch(/window 1: in-sample 2024-01-01T00:00:00Z? to .*out-of-sample/);
    expect(wf.out).toContain('window 2:');
    expect(wf.out).toContain('out-of-sample net, stitched:');

    const bad = await cli('optimise', '--strategy', file, ...span, '--objective', 'luck');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain(
      '--objective must be one of net-profit, profit-factor, sharpe, return-drawdown',
    );
  }, 180_000);
});

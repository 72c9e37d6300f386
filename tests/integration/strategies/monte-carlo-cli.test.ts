import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { openTempApp } from '../../helpers/temp-app';
import { crossoverGraph, randomBars } from '../../unit/strategy/helpers';
import { seedCandles } from '../trading/helpers';

describe('tickstep monte-carlo', () => {
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

  it('runs on a backtest run by id, as text and JSON, and names a bad flag', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-mc-cli-'));
    const seeded = openTempApp({ dataDir: join(dir, 'data') });
    seedCandles(seeded, 'EURUSD', 'M1', randomBars(20_000, 21));
    seeded.close();
    const file = join(dir, 'sma-cross.json');
    writeFileSync(file, JSON.stringify(crossoverGraph()));
    const bt = await cli(
      'backtest',
      '--strategy',
      file,
      '--symbol',
      'EURUSD',
      '--from',
      '2024-01-01',
      '--to',
      '2024-02-01',
      '--json',
    );
    expect(bt.code).toBe(0);
    const body = JSON.parse(bt.out);
    const runId: string = body.run.id;
    const net = body.trades.reduce((s: number, t: { realized: number }) => s + t.realized, 0);

    const json = await cli('monte-carlo', '--run', runId, '--paths', '500', '--json');
    expect(json.code).toBe(0);
    const mc = JSON.parse(json.out);
    expect(mc).toMatchObject({
      runId,
      mode: 'reshuffle',
      paths: 500,
      trades: body.trades.length,
      initial: 10_000,
    });
    expect(mc.finalEquity).toHaveLength(7);
    for (const v of mc.finalEquity) expect(v).toBeCloseTo(10_000 + net, 2);

    const text = await cli('monte-carlo', '--run', runId, '--paths', '500', '--mode', 'resample');
    expect(text.code).toBe(0);
    expect(text.out).toContain('500 resampled paths');
    expect(text.out).toContain('chance of ruin (a 50 % loss)');

    const bad = await cli('monte-carlo', '--run', runId, '--mode', 'shuffle', '--json');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--mode must be reshuffle or resample');
    const few = await cli('monte-carlo', '--run', runId, '--paths', '3', '--json');
    expect(few.code).toBe(1);
    expect(few.err).toContain('paths');
  });
});

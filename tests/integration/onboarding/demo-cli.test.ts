import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';

describe('tickstep demo', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('imports the sample into an empty folder, replays a script on it and prints the report summary', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-demo-'));
    const first = await cli('demo', '--data-dir', dir, '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const out = JSON.parse(first.out);
    expect(out.sample).toEqual({ symbols: ['EURUSD', 'GBPUSD'], imported: true });
    expect(out.session).toMatchObject({ symbol: 'EURUSD', status: 'COMPLETED', balance: 10429 });
    expect(out.positions.map((p: { ref: string; status: string }) => `${p.ref} ${p.status}`)).toEqual([
      'monday CLOSED',
      'tuesday CLOSED',
      'wednesday CLOSED',
    ]);
    expect(out.report.summary).toMatchObject({ trades: 3, wins: 2, losses: 1, netProfit: 429 });

    // The second time the sample is already there: nothing imported twice, a new session.
    const second = await cli('demo', '--data-dir', dir);
    expect(second.code).toBe(0);
    expect(second.out).toContain('The sample is already in the store.');
    expect(second.out).toContain('Net profit      429.00 USD (4.29 %)');
    const datasets = JSON.parse((await cli('datasets', '--data-dir', dir, '--json')).out);
    expect(datasets.map((d: { symbol: string; rows: number }) => `${d.symbol} ${d.rows}`)).toEqual([
      'EURUSD 21600',
      'GBPUSD 21600',
    ]);
  });

  it('is listed in --help', async () => {
    const help = await cli('--help');
    expect(help.out).toContain('demo [--data-dir DIR] [--json]');
  });
});

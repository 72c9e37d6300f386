import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

describe('tickstep import / datasets / dataset / candles', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dir!], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('imports, lists, prints candles and deletes, with ISO UTC times in --json', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-cli-'));
    const imported = await cli(
      'import',
      join(FIXTURES, 'histdata_EURUSD_M1.csv'),
      '--symbol',
      'EURUSD',
      '--json',
    );
    expect(imported.code).toBe(0);
    const result = JSON.parse(imported.out);
    expect(result).toMatchObject({
      symbol: 'EURUSD',
      timeframe: 'M1',
      format: 'histdata',
      timezone: 'UTC-05:00',
      rows: 3,
      skipped: 0,
      duplicates: 0,
      startTs: '2019-01-02T05:00:00Z',
      endTs: '2019-01-02T05:02:00Z',
    });
    expect(result.md5).toMatch(/^[0-9a-f]{32}$/);

    const list = JSON.parse((await cli('datasets', '--json')).out);
    expect(list).toEqual([expect.objectContaining({ id: result.datasetId, rows: 3 })]);

    const csv = await cli('candles', '--symbol', 'EURUSD', '--timeframe', 'M5', '--csv');
    expect(csv.out).toBe(
      'time,open,high,low,close,volume\n2019-01-02T05:00:00Z,1.146,1.1466,1.1459,1.1465,0',
    );
    const json = JSON.parse(
      (
        await cli(
          'candles',
          '--symbol',
          'EURUSD',
          '--timeframe',
          'M1',
          '--from',
          '2019-01-02T05:01:00Z',
          '--json',
        )
      ).out,
    );
    expect(json.map((c: { time: string }) => c.time)).toEqual([
      '2019-01-02T05:01:00Z',
      '2019-01-02T05:02:00Z',
    ]);

    expect((await cli('dataset', 'delete', result.datasetId)).code).toBe(0);
    expect(JSON.parse((await cli('datasets', '--json')).out)).toEqual([]);
  });

  it('guesses the symbol from the file name; exits non-zero with a coded error', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-cli-'));
    expect(JSON.parse((await cli('import', join(FIXTURES, 'mt4_EURUSD_M1.csv'), '--json')).out).symbol).toBe(
      'EURUSD',
    );
    // An unknown symbol is added from the data (issue 13), no longer refused.
    const unknown = await cli('import', join(FIXTURES, 'mt5_EURUSD_M1.csv'), '--symbol', 'ZZZ', '--json');
    expect(unknown.code).toBe(0);
    expect(JSON.parse(unknown.out).instrumentCreated).toMatchObject({ symbol: 'ZZZ', contractSize: 1 });
    const missing = await cli('import', join(FIXTURES, 'nope.csv'), '--symbol', 'EURUSD');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('nope.csv');
  });

  it('reads ambiguous dates day first or month first when told', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-cli-'));
    // Two days, 2 and 3, of one month: nothing in the file says which field is the day.
    const file = join(dir, 'EURUSD_D1.csv');
    writeFileSync(
      file,
      'Date,Open,High,Low,Close,Volume\n01/02/2020,1.1,1.2,1.0,1.15,10\n01/03/2020,1.15,1.25,1.1,1.2,12\n',
    );
    const dayFirst = JSON.parse(
      (await cli('import', file, '--symbol', 'EURUSD', '--day-first', '--json')).out,
    );
    expect([dayFirst.startTs, dayFirst.endTs]).toEqual(['2020-02-01T00:00:00Z', '2020-03-01T00:00:00Z']);
    await cli('dataset', 'delete', dayFirst.datasetId);
    const monthFirst = JSON.parse(
      (await cli('import', file, '--symbol', 'EURUSD', '--month-first', '--json')).out,
    );
    expect([monthFirst.startTs, monthFirst.endTs]).toEqual(['2020-01-02T00:00:00Z', '2020-01-03T00:00:00Z']);
    const both = await cli('import', file, '--symbol', 'EURUSD', '--day-first', '--month-first');
    expect(both.code).not.toBe(0);
    expect(both.err).toContain('contradict');
  });
});

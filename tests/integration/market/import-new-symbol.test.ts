import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { specFromData } from '../../../src/main/features/market/import/new-instrument';
import { openTempApp } from '../../helpers/temp-app';
import { call, countRows } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

/** `tickstep import --symbol UNKNOWN` adds the instrument from the data and says so (issue 13, item 5). */
describe('an import naming a symbol the catalogue lacks', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--data-dir', dir], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('creates it with digits from the prices and says so in --json and in words', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-cli-'));
    const json = await cli('import', join(FIXTURES, 'finam_SBER_M1.txt'), '--symbol', 'sber', '--json');
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      symbol: 'SBER',
      rows: 4,
      instrumentCreated: {
        symbol: 'SBER',
        digits: 2,
        pipSize: 0.01,
        contractSize: 1,
        baseCurrency: 'SBER',
        quoteCurrency: 'USD',
      },
    });
    const words = await cli('import', join(FIXTURES, 'stooq_intraday_EURUSD_H1.txt'), '--symbol', 'EURSEK');
    expect(words.code).toBe(0);
    expect(words.out).toContain(
      'new instrument EURSEK: 4 digits, pip 0.0001, 100,000 units a lot, quoted in SEK added to the catalogue',
    );
    // Known now: a second file of it adds data, and says nothing of a new instrument.
    const again = await cli('import', join(FIXTURES, 'mt4_EURUSD_M1.csv'), '--symbol', 'EURSEK', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ symbol: 'EURSEK', instrumentCreated: null });
  });

  it('leaves no instrument behind when the import stores nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-cli-'));
    const app = openTempApp({ dataDir: dir });
    try {
      await expect(
        call(app, 'import:run', {
          source: { handle: app.files.grant(join(FIXTURES, 'EURUSD_M1_skip_invalid_45_lines.csv'), 'read') },
          options: { symbol: 'NEWCO' },
        }),
      ).rejects.toThrow(/line/);
      expect((await call(app, 'instruments:list', {})).map((i) => i.symbol)).not.toContain('NEWCO');
      expect(countRows(app, 'datasets')).toBe(0);
    } finally {
      app.close();
    }
  });

  it('gives forex pairs a pip one digit above the last for 3 and 5 digits', () => {
    expect(specFromData('USDSEK', [10.12345, 10.2])).toMatchObject({
      digits: 5,
      pipSize: 0.0001,
      contractSize: 100_000,
    });
    expect(specFromData('SEKJPY', [14.123])).toMatchObject({
      digits: 3,
      pipSize: 0.01,
      quoteCurrency: 'JPY',
    });
    expect(specFromData('AAPL', [189.5, 190.25])).toMatchObject({
      digits: 2,
      pipSize: 0.01,
      contractSize: 1,
    });
  });
});

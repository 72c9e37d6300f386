import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { call, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

describe('import keeps every valid row and names every bad line', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  // Header + 44 rows; line 7 opens a quote it never closes, line 14 has a letter O in a price,
  // line 23 has its high below its low, line 38 repeats 00:10 (line 12) with other prices.
  const FILE = resolve(FIXTURES, 'EURUSD_M1_skip_invalid_45_lines.csv');
  const BAD = [7, 14, 23, 38];

  it('skip invalid lines stores the 40 valid rows and lists the 4 bad lines, each with its reason', async () => {
    app = openTempApp();
    const result = await call(app, 'import:run', { source: { path: FILE }, options: { skipInvalid: true } });
    expect(result.rows).toBe(40);
    expect(result.skipped).toBe(4);
    expect(result.skippedLines.map((s) => s.line)).toEqual(BAD);
    const [quote, letters, highLow, duplicate] = result.skippedLines.map((s) => s.reason);
    expect(quote).toMatch(/quote/);
    expect(letters).toBe("open '1.147O0' is not a number");
    expect(highLow).toMatch(/^high 1\.1479 is below/);
    expect(duplicate).toMatch(/^conflicting duplicate: another candle for 2019-01-02T00:10:00\.000Z/);
    // No reason carries the text of another line.
    for (const s of result.skippedLines) expect(s.reason).not.toContain('\n');
    expect(iso(result.endTs)).toBe('2019-01-02T00:43:00Z');
  });

  it('strict mode names the same 4 lines and stores nothing', async () => {
    app = openTempApp();
    const error = await call(app, 'import:run', { source: { path: FILE }, options: {} }).catch((e) => e);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.details.issues.map((i: { line: number }) => i.line)).toEqual(BAD);
    expect(error.message).toMatch(/line 7: .*and 3 more invalid lines/);
  });

  it('a quote left open on one line does not swallow the lines after it (byte and text paths)', async () => {
    app = openTempApp();
    const path = join(app.dataDir, 'EURUSD_quote.csv');
    writeFileSync(
      path,
      [
        '2019.01.02,00:00,1.14600,1.14620,1.14590,1.14610,120',
        '2019.01.02,00:01,"1.14610,1.14650,1.14600,1.14640,98',
        '2019.01.02,00:02,1.14640,1.14660,1.14630,1.14650,77',
        '2019.01.02,00:03,1.14650,1.14670,1.14640,1.14660,70',
        '',
      ].join('\r\n'),
    );
    const result = await call(app, 'import:run', { source: { path }, options: { skipInvalid: true } });
    expect(result.rows).toBe(3);
    expect(result.skippedLines.map((s) => s.line)).toEqual([2]);
  });
});

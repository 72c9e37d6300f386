import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ParseEvent,
  parseFile,
  parseFileWithPapaparse,
} from '../../../src/main/features/market/import/parse-stream';
import { resolveSetup } from '../../../src/main/features/market/import/runner-setup';
import { REAL_CSV } from './helpers';

const FIXTURES = join(import.meta.dirname, '../../fixtures/import');

/** What a parse path hands the store side (progress aside: chunk sizes differ), batches as plain rows. */
async function collect(events: AsyncIterable<ParseEvent>) {
  const candles: number[][] = [];
  const rest: unknown[] = [];
  for await (const e of events) {
    if (e.type === 'batch') {
      const b = e.batch;
      for (let i = 0; i < b.count; i++) {
        candles.push([b.ts[i]!, b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!, b.volume[i]!, b.line[i]!]);
      }
    } else if (e.type === 'cache') {
      for (const c of e.chunks) rest.push({ key: c.key, chunkTs: c.chunkTs, data: [...c.data] });
    } else if (e.type !== 'progress') rest.push(e);
  }
  return { candles, rest };
}

const files = [
  ...readdirSync(REAL_CSV)
    .filter((f) => !f.endsWith('.md'))
    .map((f) => join(REAL_CSV, f)),
  ...readdirSync(FIXTURES)
    // chart_screenshot.png is there to be refused (import-not-text.test.ts), not parsed.
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.png'))
    .map((f) => join(FIXTURES, f)),
];

describe('byte fast path', () => {
  it.each(files)('gives the same candles, issues, zone and cache as papaparse: %s', async (path) => {
    const setup = await resolveSetup(path, path, { skipInvalid: true });
    const control = { stopped: () => false };
    const fast = await collect(parseFile(path, setup, control, { cache: true }));
    const general = await collect(parseFileWithPapaparse(path, setup, control, { cache: true }));
    expect(fast.candles.length).toBeGreaterThan(0);
    expect(fast.candles).toEqual(general.candles);
    expect(fast.rest).toEqual(general.rest);
  });
});

/** Small dirty files: every odd line the fast path must hand to the string path unchanged. */
const DIRTY: [string, string][] = [
  [
    'mt4_dirty_EURUSD.csv',
    '\uFEFF2019.01.02,00:00,1.1,1.2,1.0,1.1,5\r\n2019.01.02,00:01,1.1,1.0,1.2,1.1,5\r\n\r\n2019.01.02,00:02, 1.1,1.2,1.0,1.1,5\r\n2019.01.02,24:00,1.1,1.2,1.0,1.1,5\r\n2019.01.02,00:03,1.1,1.2,1.0,1.1\r\n2019.01.02,00:01,1.1,1.2,1.0,1.1,7\r\n2019.01.02,00:04,1e0,1.2,1.0,1.1,\r\nnot,a,row\r\n2019.01.02,00:05,1.1,1.2,1.0,1.1,-3\r\n',
  ],
  [
    'histdata_comma_EURUSD.csv',
    '20120201 000000;1,3066;1,3070;1,3060;1,3065;0\n20120201 000100;1,3065;1,3071;1,3061;1,3069;0\n20120201 000200;1.3069;1,3071;-1,3061;1,3069;0\n20120201 000300;1,3069;1,3071;1,3061;1,3069;12,5\n',
  ],
  [
    'generic_pipe_iso_EURUSD.csv',
    'time|open|high|low|close|volume\n2024-01-02T00:00:00Z|1.1|1.2|1.0|1.1|5\n2024-01-02T00:01:00+01:00|1.1|1.2|1.0|1.1|5\n2024-01-02T00:02:00Z|"1.1"|1.2|1.0|1.1|5\n1704153780|1.1|1.2|1.0|1.1|5\n2024-01-02 00:04:00|1.1|1.2|1.0|1.1|5',
  ],
  [
    'tradingview_tab_EURUSD.csv',
    'time\topen\thigh\tlow\tclose\n1704153600\t1.1\t1.2\t1.0\t1.1\n1704153660\t1.1\t1.2\t1.0\t1.1\n',
  ],
];

describe('byte fast path on dirty files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tickstep-fast-parse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(DIRTY)('agrees with papaparse on %s', async (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    const setup = await resolveSetup(path, name, { skipInvalid: true, timeframe: 'M1' });
    const control = { stopped: () => false };
    const fast = await collect(parseFile(path, setup, control, { cache: true }));
    const general = await collect(parseFileWithPapaparse(path, setup, control, { cache: true }));
    expect(fast).toEqual(general);
  });
});

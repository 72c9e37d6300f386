import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { detectLayout } from '../src/core/import/detect';
import { RowInterpreter } from '../src/core/import/row-interpreter';
import { resolveZone } from '../src/core/import/time-zone';
import { readLines, readSample } from '../src/main/jobs/file-chunks';
import { parseText } from '../src/main/jobs/import-runner';
import { openApp } from '../src/main/open-app';
import { readCandles } from '../src/main/services/candle-repository';
import { findInstrument } from '../src/main/services/instrument-service';

/**
 * `npm run bench import`: 1,000,000 M1 rows in MT4 and headered-ISO style, parse only and
 * parse + store (the real import job, worker thread included), peak RSS, and the time to
 * serve 5,000 H1 and 5,000 M1 candles ending at a random date. Prints figures; never fails.
 */
const ROWS = 1_000_000;
const START = Date.UTC(2015, 0, 5) / 1000;

/**
 * Writes the file from a child process so that the generator's garbage does not count in this
 * process's peak RSS (maxRSS is a lifetime peak).
 */
function generate(file: string, style: 'mt4' | 'iso'): void {
  const code = `
    const fs = require('node:fs');
    const fd = fs.openSync(${JSON.stringify(file)}, 'w');
    const pad = (n) => (n < 10 ? '0' + n : String(n));
    let price = 1.1, seed = 42, chunk = ${JSON.stringify(style === 'iso' ? 'time,open,high,low,close,volume\n' : '')};
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let i = 0; i < ${ROWS}; i++) {
      const d = new Date((${START} + i * 60) * 1000);
      const open = price, close = Math.max(0.5, open + (random() - 0.5) * 0.0008);
      const high = Math.max(open, close) + random() * 0.0003, low = Math.min(open, close) - random() * 0.0003;
      price = close;
      const y = d.getUTCFullYear(), mo = pad(d.getUTCMonth() + 1), da = pad(d.getUTCDate());
      const hh = pad(d.getUTCHours()), mi = pad(d.getUTCMinutes()), vol = Math.floor(random() * 200);
      const p = (x) => x.toFixed(5);
      chunk += ${style === 'mt4' ? "y + '.' + mo + '.' + da + ',' + hh + ':' + mi" : "y + '-' + mo + '-' + da + 'T' + hh + ':' + mi + ':00Z'"}
        + ',' + p(open) + ',' + p(high) + ',' + p(low) + ',' + p(close) + ',' + vol + '\\n';
      if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ''; }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);`;
  execFileSync(process.execPath, ['-e', code], { stdio: 'inherit' });
}

async function parseOnly(file: string): Promise<number> {
  const layout = detectLayout(await readSample(file));
  const zone = resolveZone(layout.defaultZone)!;
  let n = 0;
  const interpreter = new RowInterpreter(layout, zone, { batch: (b) => (n += b.count), issue: () => true });
  const started = performance.now();
  let line = 1;
  let header = layout.headerLines;
  for await (const piece of readLines(file, {})) {
    let rows = parseText(piece.text, layout, '\n');
    if (header > 0) {
      rows = rows.slice(header);
      line += header;
      header = 0;
    }
    interpreter.push(rows, line);
    line += rows.length;
  }
  interpreter.end();
  if (n !== ROWS) throw new Error(`parsed ${n} rows, expected ${ROWS}`);
  return (performance.now() - started) / 1000;
}

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tickstep-bench-'));
  try {
    for (const style of ['mt4', 'iso'] as const) {
      const file = join(dir, `EURUSD_${style}.csv`);
      generate(file, style);
      const parseSeconds = await parseOnly(file);
      console.log(
        `${style}: parse only   ${Math.round(ROWS / parseSeconds).toLocaleString('en-US')} rows/s (${parseSeconds.toFixed(2)} s)  peak RSS ${mb()} MB`,
      );
      const dataDir = join(dir, `data-${style}`);
      const app = openApp({
        dataDir,
        appRoot: resolve(import.meta.dirname, '..'),
        mode: 'browser',
        log: () => {},
      });
      try {
        const started = performance.now();
        const result = await app.dispatch('import:run', {
          source: { path: file },
          options: { symbol: 'EURUSD' },
        });
        const seconds = (performance.now() - started) / 1000;
        if (!result.ok) throw new Error(result.error.message);
        console.log(
          `${style}: parse+store  ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(2)} s, worker thread, cache of M5…W1 built)  peak RSS ${mb()} MB`,
        );
        const instrument = findInstrument(app.ctx.store, 'EURUSD')!;
        for (const timeframe of ['M1', 'H1', 'D1'] as const) {
          const times: number[] = [];
          let seed = 7;
          for (let k = 0; k < 25; k++) {
            seed = (seed * 48_271) % 2_147_483_647;
            const endTs = START + 300_000 * 60 + (seed % (ROWS - 300_000)) * 60;
            const t0 = performance.now();
            const candles = readCandles(app.ctx.store, {
              instrumentId: instrument.id,
              timeframe,
              toTs: endTs,
              limit: 5000,
              order: 'desc',
            });
            times.push(performance.now() - t0);
            if (timeframe !== 'D1' && candles.length !== 5000)
              throw new Error(`served ${candles.length} ${timeframe} candles`);
          }
          console.log(
            `${style}: 5,000 ${timeframe} candles ending at a random date: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (25 windows)`,
          );
        }
      } finally {
        app.close();
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

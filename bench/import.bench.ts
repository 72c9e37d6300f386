import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/main/app/open-app';
import { readCandles } from '../src/main/features/market/candle-store';
import { parseFile } from '../src/main/features/market/import/parse-stream';
import { resolveSetup } from '../src/main/features/market/import/runner-setup';
import { findInstrument } from '../src/main/features/market/instruments';
import { CHROMIUM_PATH, launchChromium } from '../tests/e2e/browser';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/**
 * `npm run bench import`: 1,000,000 M1 rows in MT4 and headered-ISO style, parse only (the
 * import's own parse path, one thread) and parse + store (the real import job, worker threads
 * included), peak RSS of each in its own process, and the time to serve 5,000 M1, H1 and D1
 * candles ending at a random date; then the CLI beside the app's import page on one file
 * (`IMPORT_BENCH=ui` for that alone). Prints figures; never fails.
 */
const ROWS = 1_000_000;
const START = Date.UTC(2015, 0, 5) / 1000;
const ROOT = resolve(import.meta.dirname, '..');

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

/** The import's own read + split + interpret path, in this thread, no database. */
async function parseOnly(file: string): Promise<number> {
  const setup = await resolveSetup(file, basename(file), {});
  let n = 0;
  const started = performance.now();
  for await (const event of parseFile(file, setup, { stopped: () => false })) {
    if (event.type === 'batch') n += event.batch.count;
  }
  if (n !== ROWS) throw new Error(`parsed ${n} rows, expected ${ROWS}`);
  return (performance.now() - started) / 1000;
}

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Parse + store through the app's contract (import worker and parse worker), then windows. */
async function parseAndStore(file: string, style: string, dataDir: string): Promise<void> {
  const app = openApp({
    dataDir,
    appRoot: resolve(import.meta.dirname, '..'),
    mode: 'browser',
    log: () => {},
  });
  try {
    const started = performance.now();
    const result = await app.dispatch('import:run', {
      source: { handle: app.files.grant(file, 'read') },
      options: { symbol: 'EURUSD' },
    });
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) throw new Error(result.error.message);
    console.log(
      `${style}: parse+store  ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(2)} s to the committed result; worker threads, cache of M5…W1 built)  peak RSS ${mb()} MB`,
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
}

/** One measurement in a fresh process: maxRSS is a lifetime peak, so runs must not share one. */
function inChild(...args: string[]): void {
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
  });
}

const load = () => loadavg()[0]!.toFixed(1);

/** Wall seconds of `tickstep import FILE` as a trader runs it (built CLI when current, process start included). */
function cliImport(file: string, dataDir: string): number {
  const started = performance.now();
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'bin', 'tickstep.mjs'),
      'import',
      file,
      '--symbol',
      'EURUSD',
      '--data-dir',
      dataDir,
      '--json',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return (performance.now() - started) / 1000;
}

/**
 * Wall seconds from pressing Import to the result on the import page, in Chromium against
 * `npm run serve` (the built server): the file box, the pieces sent over the contract socket, the
 * import job and its events, as a trader waits for them.
 */
async function uiImport(browser: Browser, file: string, dataDir: string): Promise<number> {
  const server = spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'serve.mjs'), '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Open (\S+)/.exec(out);
        if (m) resolveUrl(m[1]!);
      });
      server.on('exit', (code) => reject(new Error(`npm run serve exited with ${code}`)));
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import data' }).click();
    await page.getByLabel('Candle file').setInputFiles(file);
    await page.getByRole('region', { name: 'Import preview' }).waitFor();
    const started = performance.now();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('Import result').waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    const text = (await page.getByLabel('Import result').textContent()) ?? '';
    if (!text.includes('1,000,000')) throw new Error(`the page says: ${text}`);
    await context.close();
    return seconds;
  } finally {
    server.kill();
  }
}

/**
 * The same 1M-row file imported by the CLI and through the app (Chromium, browser mode), in pairs
 * that alternate which goes first; medians, their ratio and the load average around them.
 * Needs a current build (`npm run build`) and Chromium; skipped with a note otherwise.
 */
async function cliBesideUi(dir: string): Promise<void> {
  const pairs = Number(process.env.IMPORT_UI_PAIRS ?? 3);
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')) || !existsSync(CHROMIUM_PATH)) {
    console.log('CLI beside UI: skipped (needs `npm run build` and Chromium at CHROMIUM_PATH)');
    return;
  }
  const file = join(dir, 'EURUSD_M1_ui.csv');
  generate(file, 'mt4');
  const browser = await launchChromium();
  const cli: number[] = [];
  const ui: number[] = [];
  const loadBefore = load();
  try {
    for (let k = 0; k < pairs; k++) {
      const runCli = () => cli.push(cliImport(file, join(dir, `cli-${k}`)));
      const runUi = async () => ui.push(await uiImport(browser, file, join(dir, `ui-${k}`)));
      if (k % 2 === 0) {
        runCli();
        await runUi();
      } else {
        await runUi();
        runCli();
      }
      console.log(
        `pair ${k + 1}: CLI ${cli.at(-1)!.toFixed(2)} s, UI ${ui.at(-1)!.toFixed(2)} s (load ${load()})`,
      );
    }
  } finally {
    await browser.close();
    rmSync(file, { force: true });
  }
  console.log(
    `1,000,000 MT4 rows, CLI beside UI (${pairs} pairs, medians): CLI ${median(cli).toFixed(2)} s, UI ${median(ui).toFixed(2)} s, UI/CLI ${(median(ui) / median(cli)).toFixed(2)}x (target <= 2x); load average ${loadBefore} before, ${load()} after`,
  );
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tickstep-bench-'));
  try {
    // IMPORT_BENCH=ui runs the CLI-beside-UI pairs alone.
    if (process.env.IMPORT_BENCH === 'ui') return await cliBesideUi(dir);
    for (const style of ['mt4', 'iso'] as const) {
      const file = join(dir, `EURUSD_${style}.csv`);
      generate(file, style);
      inChild('parse', file, style);
      inChild('store', file, style, join(dir, `data-${style}`));
      rmSync(file, { force: true });
    }
    await cliBesideUi(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a child by `main`: one phase, one style.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [phase, file, style, dataDir] = process.argv.slice(2) as [string, string, string, string];
  if (phase === 'parse') {
    const seconds = await parseOnly(file);
    console.log(
      `${style}: parse only   ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(2)} s, one thread)  peak RSS ${mb()} MB`,
    );
  } else if (phase === 'store') await parseAndStore(file, style, dataDir);
}

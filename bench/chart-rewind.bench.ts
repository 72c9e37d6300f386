/**
 * Rewinding the chart (issue 19): lightweight-charts cannot drop its last bars, so a step back
 * gives the series its bars again. Compares, in Debian's Chromium (headless, software rendering),
 * `setData` of the whole revealed history (a full reset) with `setData` of the window the desk
 * keeps (600 bars ending at the new cursor), after 20,000 revealed M1 bars; median of 40 rewinds
 * of each, the page drawn between them. Prints milliseconds and the load average; passes or
 * fails nothing. Run: `npm run bench chart-rewind`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/browser';
import { REPO_ROOT } from '../tests/helpers/temp-app';

const HISTORY = 20_000;
const WINDOW = 600;
const RUNS = 40;

export async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.setContent('<div id="c" style="width:1200px;height:600px"></div>');
    await page.addScriptTag({
      content: readFileSync(
        join(
          REPO_ROOT,
          'node_modules',
          'lightweight-charts',
          'dist',
          'lightweight-charts.standalone.production.js',
        ),
        'utf8',
      ),
    });
    // A string, so the bundler's helpers never end up in the page.
    const result = (await page.evaluate(`(async () => {
      const chart = LightweightCharts.createChart(document.getElementById('c'), { width: 1200, height: 600 });
      const series = chart.addSeries(LightweightCharts.CandlestickSeries);
      const bars = [];
      let price = 1.14;
      for (let i = 0; i < ${HISTORY}; i++) {
        const open = price;
        const close = open + (Math.sin(i * 12.9898) * 43758.5453 % 1) * 0.0004;
        bars.push({ time: 1546300800 + i * 60, open, high: Math.max(open, close) + 0.0001, low: Math.min(open, close) - 0.0001, close });
        price = close;
      }
      series.setData(bars);
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      await frame();
      const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
      const measure = async (fn) => {
        const times = [];
        for (let k = 0; k < ${RUNS}; k++) {
          const end = ${HISTORY} - 1 - (k % 20);
          const t0 = performance.now();
          fn(end);
          await frame();
          times.push(performance.now() - t0);
          series.setData(bars);
          await frame();
        }
        return median(times);
      };
      const full = await measure((end) => series.setData(bars.slice(0, end)));
      const windowed = await measure((end) => series.setData(bars.slice(end - ${WINDOW}, end)));
      // What a forward step costs, for scale: one update of the last bar.
      const times = [];
      for (let k = 0; k < ${RUNS}; k++) {
        const last = bars[${HISTORY} - 1];
        const t0 = performance.now();
        series.update({ ...last, close: last.close + 0.00001 * k });
        await frame();
        times.push(performance.now() - t0);
      }
      return { full, windowed, update: median(times) };
    })()`)) as { full: number; windowed: number; update: number };
    const [one, five] = loadavg();
    console.log(
      `load average ${one!.toFixed(2)} / ${five!.toFixed(2)} (1 / 5 min), ${RUNS} rewinds each, medians incl. the next frame`,
    );
    console.log(`full reset  (setData ${HISTORY - 1} bars): ${result.full.toFixed(1)} ms`);
    console.log(`window only (setData ${WINDOW} bars):   ${result.windowed.toFixed(1)} ms`);
    console.log(`forward step (update 1 bar):        ${result.update.toFixed(1)} ms`);
    console.log(`window / full: ${(result.windowed / result.full).toFixed(2)}x`);
  } finally {
    await browser.close();
  }
}

/**
 * Desk frame rate (issue 5): browser mode in Debian's Chromium (headless, software rendering), an
 * M1 EURUSD session playing at 15x for 10 seconds; frames counted with requestAnimationFrame in
 * the page. Prints frames per second, the longest frame and the ticks received; passes or fails
 * nothing. Needs `npm run build` first. Run: `npm run bench desk-fps`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, openDesk } from '../tests/e2e/browser';
import { REPO_ROOT } from '../tests/helpers/temp-app';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'mt4', 'EURUSD_M1_2019-01-02.csv');
const SECONDS = 10;

export async function main(): Promise<void> {
  const browser = await launchChromium();
  const desk = await openDesk(browser);
  try {
    const { page } = desk;
    await desk.app.handlers['import:run']({
      source: { handle: desk.app.files.grant(FIXTURE, 'read') },
      options: { symbol: 'EURUSD' },
    });
    await page.reload();
    await page.getByLabel('Start (UTC)').fill('2019-01-02T06:00');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByLabel('Replay time').filter({ hasText: '06:00' }).waitFor();
    // An open position with SL and TP lines, as while trading.
    await page.getByRole('region', { name: 'Order ticket' }).getByRole('button', { name: 'Buy' }).click();
    await page.getByLabel('Speed').selectOption('15x');

    // A string, so the bundler's helpers (e.g. __name) never end up in the page.
    const count = (): Promise<{ frames: number; longestMs: number; elapsedMs: number }> =>
      page.evaluate(`new Promise((resolve) => {
        let frames = 0;
        let longestMs = 0;
        const start = performance.now();
        let last = start;
        const frame = (now) => {
          frames++;
          longestMs = Math.max(longestMs, now - last);
          last = now;
          if (now - start < ${SECONDS * 1000}) requestAnimationFrame(frame);
          else resolve({ frames, longestMs, elapsedMs: now - start });
        };
        requestAnimationFrame(frame);
      })`);

    const idle = await count();
    const before = await page.getByLabel('Replay time').textContent();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const playing = await count();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const after = await page.getByLabel('Replay time').textContent();

    const fps = (r: typeof idle) => (r.frames / r.elapsedMs) * 1000;
    console.log(`idle:    ${fps(idle).toFixed(1)} fps, longest frame ${idle.longestMs.toFixed(1)} ms`);
    console.log(
      `playing: ${fps(playing).toFixed(1)} fps, longest frame ${playing.longestMs.toFixed(1)} ms (15x, M1, ${before} → ${after})`,
    );
  } finally {
    await desk.close();
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../integration/market/helpers';
import { launchChromium, openDesk } from './browser';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/** MetaTrader 4 rows from `startUtc`, one every `stepSeconds`. */
function mt4Rows(startUtc: number, stepSeconds: number, n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const ts = startUtc + i * stepSeconds;
    const d = new Date(ts * 1000).toISOString();
    const o = 1.1 + ((ts / 60) % 1000) * 0.00001;
    rows.push(
      `${d.slice(0, 10).replace(/-/g, '.')},${d.slice(11, 16)},${o.toFixed(5)},${(o + 0.0003).toFixed(5)},${(o - 0.0002).toFixed(5)},${(o + 0.0001).toFixed(5)},10`,
    );
  }
  return `${rows.join('\n')}\n`;
}

describe('the session form and the desk say which data a period replays', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('starts in an H1-only range while M1 exists for an earlier month', async () => {
    const desk = await openDesk(browser);
    try {
      const m1 = join(desk.app.dataDir, 'EURUSD_M1_2017.csv');
      const h1 = join(desk.app.dataDir, 'EURUSD_H1_2018.csv');
      writeFileSync(m1, mt4Rows(Date.UTC(2017, 0, 2) / 1000, 60, 24 * 60));
      writeFileSync(h1, mt4Rows(Date.UTC(2018, 0, 2) / 1000, 3600, 24 * 20));
      await call(desk.app, 'import:run', {
        source: { handle: desk.app.files.grant(m1, 'read') },
        options: {},
      });
      await call(desk.app, 'import:run', {
        source: { handle: desk.app.files.grant(h1, 'read') },
        options: {},
      });
      const { page } = desk;
      // The page opened before the imports: load it again to list them.
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
      const hint = page.locator('.data-range');
      await expect.poll(() => hint.textContent()).toContain('M1 2017-01-02 00:00 to 2017-01-02 23:59');
      expect(await hint.textContent()).toContain('H1 2018-01-02 00:00 to 2018-01-21 23:00');
      expect(await hint.textContent()).toContain('runs on M1 bars');
      await page.getByLabel('Start (UTC)').fill('2018-01-05T12:00');
      await expect.poll(() => hint.textContent()).toContain('runs on H1 bars');
      await expect.poll(() => page.getByLabel('Chart timeframe').inputValue()).toBe('H1');
      await desk.screenshot('base-data-session-form');
      // Start on the last M1 minutes instead: the session crosses from M1 to H1 data.
      await page.getByLabel('Start (UTC)').fill('2017-01-02T23:55');
      await expect.poll(() => hint.textContent()).toContain('runs on M1 bars');
      await page.getByRole('button', { name: 'Start session' }).click();
      await page.getByLabel('Replay time').filter({ hasText: '2017-01-02 23:55 UTC' }).waitFor();
      const base = page.getByLabel('Base data');
      await expect.poll(() => base.textContent()).toBe('Base: M1');
      await desk.screenshot('base-data-desk-m1');
      // Four steps end the M1 day; the fifth reveals the first H1 bar, and the label follows.
      for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
      await page.getByLabel('Replay time').filter({ hasText: '2018-01-02 00:00 UTC' }).waitFor();
      await expect.poll(() => base.textContent()).toBe('Base: H1');
      await page.getByLabel('Jump to (UTC)').fill('2018-01-05T12:00');
      await page.getByRole('button', { name: 'Jump' }).click();
      await page.getByLabel('Replay time').filter({ hasText: '2018-01-05 12:00 UTC' }).waitFor();
      await expect.poll(() => base.textContent()).toBe('Base: H1');
      await desk.screenshot('base-data-desk-h1');
      // The report names both periods.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reports' }).click();
      await page
        .getByRole('button', { name: /Make (the )?report now/ })
        .first()
        .click();
      const reportBase = page.getByLabel('Base data');
      await expect
        .poll(() => reportBase.textContent())
        .toBe('Base data: 2017-01-02 – 2017-01-02 M1, then 2018-01-02 – 2018-01-05 H1');
      await desk.screenshot('base-data-report');
    } finally {
      await desk.close();
    }
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../src/main/cli/call';
import { parseReplayScript, runReplayScript } from '../../src/main/cli/replay-command';
import { GOLDEN_CANDLES, GOLDEN_SCRIPT } from '../integration/reports/golden';
import { seedCandles, tempApp } from '../integration/trading/helpers';
import { ARTIFACTS, launchChromium, openDesk } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report in Chromium', () => {
  it('opens offline from the file, draws the charts and tables, and is screenshotted', async () => {
    const t = tempApp();
    try {
      seedCandles(t.app, 'EURUSD', 'M1', GOLDEN_CANDLES);
      const out = await runReplayScript(t.app, parseReplayScript(JSON.stringify(GOLDEN_SCRIPT)));
      const report = await callMethod(t.app, 'reports:create', { sessionId: out.session.id as string });
      const file = await callMethod(t.app, 'reports:export', { reportId: report.id, format: 'html' });
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const url = pathToFileURL(file.path).href;
      await page.goto(url);
      await expect(page.locator('h1').textContent()).resolves.toContain('EURUSD');
      // The equity line and the drawdown area are drawn.
      const equity = await page.locator('path.equity').getAttribute('d');
      expect(equity?.split('L').length).toBe(report.equityCurve.length);
      expect(await page.locator('path.drawdown').count()).toBe(1);
      expect(await page.locator('table.trades tbody tr').count()).toBe(3);
      expect(await page.locator('table.monthly tbody tr').count()).toBe(1);
      // Everything is inside the file: the only request is the file itself.
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'report-html.png'), fullPage: true });
      await context.close();
    } finally {
      t.cleanup();
    }
  });
});

describe('Reports page', () => {
  it('shows metrics, chart, monthly returns; sorts, filters and journals trades; exports', async () => {
    const desk = await openDesk(browser);
    try {
      const { page, app } = desk;
      seedCandles(app, 'EURUSD', 'M1', GOLDEN_CANDLES);
      const out = await runReplayScript(app, parseReplayScript(JSON.stringify(GOLDEN_SCRIPT)));
      const sessionId = out.session.id as string;
      const session = await callMethod(app, 'sessions:get', { sessionId });
      // From the sessions list: the session's Report button.
      await page.reload();
      await page.getByRole('button', { name: `Report of session ${session.name}` }).click();
      const metrics = page.getByLabel('Metrics');
      await expect(metrics.getByText('Net profit').isVisible()).resolves.toBe(true);
      await page.getByText('564.00 USD').first().waitFor();
      expect(await page.locator('svg.equity-chart path.equity-line').count()).toBe(1);
      expect(await page.getByLabel('Monthly returns').getByText('5.64 %').count()).toBe(1);
      const rows = page.getByLabel('Trades').locator('tbody tr');
      expect(await rows.count()).toBe(3);
      // Sort by net, largest first.
      await page.getByRole('button', { name: 'Net' }).click();
      await page.getByRole('button', { name: 'Net ▲' }).click();
      expect(await rows.first().locator('td').nth(8).textContent()).toBe('+392.00');
      // Filter losers.
      await page.getByLabel('Filter by result').selectOption('LOSS');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('td').nth(2).textContent()).toBe('Sell');
      // Journal the loser; the tag shows and filters.
      await rows.first().getByRole('button', { name: 'Journal' }).click();
      await page.getByLabel('Tags').fill('news, late entry');
      await page.getByLabel('Setup rating').selectOption('2');
      await page.getByRole('button', { name: 'Save journal' }).click();
      await page.getByLabel('Filter by result').selectOption('ALL');
      await page.getByLabel('Filter by tag').fill('news');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().locator('td').nth(9).textContent()).toBe('news, late entry');
      const journal = await callMethod(app, 'journal:list', { sessionId });
      expect(journal).toMatchObject([{ tags: ['news', 'late entry'], rating: 2 }]);
      await page.getByLabel('Filter by tag').fill('');
      // Export CSV from the page: recorded as a file of the report.
      await page.getByRole('button', { name: 'Export CSV' }).click();
      await page.getByText(/Saved .*\.csv/).waitFor();
      await desk.screenshot('reports-page');
      // Navigation: the Reports tab.
      await page.getByRole('button', { name: 'Sessions' }).click();
      await page.getByRole('navigation').getByRole('button', { name: 'Reports' }).click();
      await page.getByLabel('Metrics').waitFor();
    } finally {
      await desk.close();
    }
  });
});

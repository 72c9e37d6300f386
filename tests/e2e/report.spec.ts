import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../src/main/cli/call';
import { parseReplayScript, runReplayScript } from '../../src/main/cli/replay-command';
import { GOLDEN_CANDLES, GOLDEN_SCRIPT } from '../integration/reports/golden';
import { seedCandles, tempApp } from '../integration/trading/helpers';
import { ARTIFACTS, launchChromium } from './browser';

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

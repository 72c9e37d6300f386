import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../src/main/cli/call';
import { parseReplayScript, runReplayScript } from '../../src/main/cli/replay';
import type { CandleDto } from '../../src/shared/dto';
import { GOLDEN_CANDLES, GOLDEN_SCRIPT, MON } from '../integration/reports/golden';
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
      await metrics.getByText('Net profit').waitFor();
      await page.getByText('564.00 USD').first().waitFor();
      expect(await page.locator('svg.equity-chart path.equity-line').count()).toBe(1);
      expect(await page.getByLabel('Monthly returns').getByText('5.64 %').count()).toBe(1);
      const rows = page.getByLabel('Trades').locator('tbody tr');
      expect(await rows.count()).toBe(3);
      // Sort by net, largest first.
      await page.getByRole('button', { name: 'Net' }).click();
      await page.getByRole('button', { name: 'Net ▲' }).click();
      expect(await rows.first().locator('td').nth(9).textContent()).toBe('+392.00');
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
      expect(await rows.first().locator('td').nth(10).textContent()).toBe('news, late entry');
      const journal = await callMethod(app, 'journal:list', { sessionId });
      expect(journal).toMatchObject([{ tags: ['news', 'late entry'], rating: 2 }]);
      await page.getByLabel('Filter by tag').fill('');
      // Export CSV from the page: browser mode hands it to the browser as a download, recorded as a
      // file of the report, and the one click counts once against the plan.
      const exportsUsed = async () =>
        (await callMethod(app, 'account:get-plan', {})).usage.find((u) => u.kind === 'report-exports')?.used;
      const before = await exportsUsed();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const downloaded = join(ARTIFACTS, 'downloaded-report.csv');
      await download.saveAs(downloaded);
      expect(readFileSync(downloaded, 'utf8').split('\n')[0]).toContain('side');
      await page.getByText(/Downloaded .*\.csv/).waitFor();
      expect(await exportsUsed()).toBe((before ?? 0) + 1);
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export PDF' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
      expect(await exportsUsed()).toBe((before ?? 0) + 2);
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

/** A 1x1 PNG, as the trader's own upload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Two thousand M1 bars from Monday 2019-01-07 00:00, a gentle wave around 1.14. */
function waveCandles(count: number): CandleDto[] {
  return Array.from({ length: count }, (_, i) => {
    const open = Number((1.14 + 0.002 * Math.sin(i / 40)).toFixed(5));
    const close = Number((1.14 + 0.002 * Math.sin((i + 1) / 40)).toFixed(5));
    return {
      ts: MON + i * 60,
      open,
      high: Math.max(open, close) + 0.0002,
      low: Math.min(open, close) - 0.0002,
      close,
      volume: 1,
    };
  });
}

describe('Trade journal screenshots', () => {
  it('the desk shoots the chart at entry and at exit; the journal shows them and takes an upload', async () => {
    const desk = await openDesk(browser);
    try {
      const { page, app } = desk;
      seedCandles(app, 'EURUSD', 'M1', waveCandles(300));
      const session = await callMethod(app, 'sessions:create', {
        symbol: 'EURUSD',
        startAt: '2019-01-07T01:00:00Z',
        balance: 10_000,
      });
      await page.reload();
      await page.getByRole('button', { name: `Open session ${session.name}` }).click();
      await page.getByRole('button', { name: 'Step' }).click();
      await page.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('1');
      await page.getByRole('button', { name: 'Buy' }).click();
      const open = page.getByRole('table', { name: 'Open positions' });
      await expect.poll(() => open.getByRole('row').count()).toBe(2);
      const shots = () => callMethod(app, 'journal:screenshots', { sessionId: session.id });
      await expect.poll(async () => (await shots()).map((s) => s.kind)).toEqual(['entry']);
      for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step' }).click();
      // The trader's own, from the desk.
      await page
        .getByRole('button', { name: 'Screenshot the chart into the journal of open positions' })
        .click();
      await expect.poll(async () => (await shots()).map((s) => s.kind)).toEqual(['entry', 'manual']);
      await open.getByRole('button', { name: /^Close position/ }).click();
      await expect.poll(async () => (await shots()).map((s) => s.kind)).toEqual(['entry', 'manual', 'exit']);
      const stored = await shots();
      expect(stored.every((s) => s.size > 1000 && /^[0-9a-f]{32}$/.test(s.md5))).toBe(true);
      // Stamped with the replay time the chart showed, not the wall clock.
      const [traded] = await callMethod(app, 'positions:list', { sessionId: session.id, status: 'ALL' });
      expect(stored.find((s) => s.kind === 'entry')?.replayTs).toBe(traded!.openedTs);
      expect(stored.find((s) => s.kind === 'exit')?.replayTs).toBe(traded!.closedTs);
      // Closed: nothing open, nothing to shoot by hand.
      await expect
        .poll(() =>
          page
            .getByRole('button', { name: 'Screenshot the chart into the journal of open positions' })
            .isDisabled(),
        )
        .toBe(true);

      // The journal on the Reports page: thumbnails, an upload, a bad upload refused.
      await page.getByRole('navigation').getByRole('button', { name: 'Reports' }).click();
      await page.getByRole('button', { name: 'Make report now' }).click();
      const rows = page.getByLabel('Trades').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(1);
      await rows.first().getByRole('button', { name: 'Journal' }).click();
      const gallery = page.getByRole('region', { name: 'Screenshots' });
      await gallery.getByRole('img', { name: 'Entry screenshot' }).waitFor();
      await gallery.getByRole('img', { name: 'Exit screenshot' }).waitFor();
      await gallery.getByLabel('Add a screenshot (PNG)').setInputFiles({
        name: 'setup.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await expect.poll(() => gallery.getByRole('img', { name: 'Added screenshot' }).count()).toBe(2);
      await gallery.getByLabel('Add a screenshot (PNG)').setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('not an image'),
      });
      await gallery.getByText('The image is not a PNG (no PNG signature)').waitFor();
      expect(await shots()).toHaveLength(4);
      await page.getByRole('heading', { name: 'Trades' }).scrollIntoViewIfNeeded();
      await desk.screenshot('report-journal-screenshots');
      const stamp = (ts: number) => new Date(ts * 1000).toISOString().slice(0, 16).replace('T', ' ');
      await gallery.getByText(`Entry · ${stamp(traded!.openedTs)}`).waitFor();
      await page
        .locator('.journal-editor')
        .screenshot({ path: join(ARTIFACTS, 'report-journal-editor-dark.png') });
      await gallery.getByRole('button', { name: 'Enlarge the entry screenshot' }).click();
      await page.getByRole('img', { name: 'Entry screenshot' }).scrollIntoViewIfNeeded();
      await desk.screenshot('report-journal-screenshot-enlarged');
      await gallery.getByRole('button', { name: 'Shrink the entry screenshot' }).click();
      await page.screenshot({ path: join(ARTIFACTS, 'reports-page-full.png'), fullPage: true });
      await gallery.getByRole('button', { name: 'Delete the added screenshot' }).first().click();
      await expect.poll(async () => (await shots()).length).toBe(3);
    } finally {
      await desk.close();
    }
  });
});

describe('A trade from the report on the chart', () => {
  it('opens the desk scrolled to the trade, marks it, and never sends a bar past the cursor', async () => {
    const desk = await openDesk(browser);
    try {
      const { page, app } = desk;
      seedCandles(app, 'EURUSD', 'M1', waveCandles(2000));
      // A trade at 00:10-00:20, then the replay goes on to 1,500 bars: far more than the desk loads.
      const out = await runReplayScript(
        app,
        parseReplayScript(
          JSON.stringify({
            symbol: 'EURUSD',
            timeframe: 'M1',
            from: '2019-01-07T00:00:00Z',
            balance: 10_000,
            actions: [
              { at: '2019-01-07T00:10:00Z', type: 'market', side: 'buy', lots: 1, ref: 'A' },
              { at: '2019-01-07T00:20:00Z', type: 'close', ref: 'A' },
              { at: '2019-01-08T01:00:00Z', type: 'close', ref: 'A' },
            ],
          }),
        ),
      );
      const sessionId = out.session.id as string;
      const cursorTs = (await callMethod(app, 'sessions:get', { sessionId })).cursorTs;
      expect(cursorTs).toBe(MON + 25 * 3600);
      await callMethod(app, 'reports:create', { sessionId });

      // Every bar the page is sent, from here on.
      let latestBar = 0;
      page.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => {
          const visit = (v: unknown): void => {
            if (Array.isArray(v)) v.forEach(visit);
            else if (v && typeof v === 'object') {
              const o = v as Record<string, unknown>;
              if (typeof o.ts === 'number' && 'open' in o && 'close' in o)
                latestBar = Math.max(latestBar, o.ts);
              Object.values(o).forEach(visit);
            }
          };
          visit(JSON.parse(String(payload)));
        }),
      );
      await page.reload();
      await page.getByRole('navigation').getByRole('button', { name: 'Reports' }).click();
      await page.getByRole('button', { name: 'Show the trade opened 2019-01-07 00:10 on the chart' }).click();
      await expect
        .poll(() => page.getByRole('status', { name: 'Trade on the chart' }).textContent())
        .toBe('Buy 1 · 2019-01-07 00:10 → 2019-01-07 00:20 UTC');
      await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-08 01:00 UTC');
      await page.waitForTimeout(300);
      await desk.screenshot('desk-trade-from-report');
      expect(latestBar).toBeGreaterThan(0);
      expect(latestBar).toBeLessThanOrEqual(cursorTs);
      // Looking at the trade moved nothing.
      expect((await callMethod(app, 'sessions:get', { sessionId })).cursorTs).toBe(cursorTs);
    } finally {
      await desk.close();
    }
  });
});

describe('Compare', () => {
  it('puts two sessions side by side and overlays their equity curves', async () => {
    const desk = await openDesk(browser);
    try {
      const { page, app } = desk;
      seedCandles(app, 'EURUSD', 'M1', GOLDEN_CANDLES);
      const golden = await runReplayScript(app, parseReplayScript(JSON.stringify(GOLDEN_SCRIPT)));
      // The same days traded once, a loser: another curve to compare with.
      const other = await runReplayScript(
        app,
        parseReplayScript(
          JSON.stringify({
            ...GOLDEN_SCRIPT,
            actions: [
              { at: '2019-01-07T00:01:00Z', type: 'market', side: 'sell', lots: 1, ref: 'A' },
              { at: '2019-01-07T00:04:00Z', type: 'close', ref: 'A' },
            ],
          }),
        ),
      );
      await callMethod(app, 'sessions:update', { sessionId: golden.session.id as string, name: 'Golden' });
      await callMethod(app, 'sessions:update', { sessionId: other.session.id as string, name: 'Short' });
      for (const out of [golden, other])
        await callMethod(app, 'reports:create', { sessionId: out.session.id as string });
      await page.reload();
      await page.getByRole('navigation').getByRole('button', { name: 'Reports' }).click();
      const compare = page.getByRole('region', { name: 'Compare sessions' });
      const picks = compare.getByRole('checkbox');
      await expect.poll(() => picks.count()).toBe(4); // two on completion, two made here
      // The reports made after the renaming carry the new names.
      await compare.getByRole('checkbox', { name: /^Golden/ }).check();
      await compare.getByRole('checkbox', { name: /^Short/ }).check();
      const table = compare.getByRole('table', { name: 'Compared metrics' });
      await table.waitFor();
      // A column per session, a row per metric.
      expect(await table.locator('thead th').count()).toBe(3);
      const net = table.getByRole('row', { name: /^Net profit/ });
      const cells = await net.locator('td').allTextContents();
      // Sold at bid 1.14200, bought back at bid 1.14500: -300.00 P&L, -10.00 spread, -4.00 commission.
      expect(cells.sort()).toEqual(['-314.00 USD', '564.00 USD']);
      expect(await compare.locator('path.equity-line').count()).toBe(2);
      await compare.scrollIntoViewIfNeeded();
      await desk.screenshot('reports-compare');
    } finally {
      await desk.close();
    }
  });
});

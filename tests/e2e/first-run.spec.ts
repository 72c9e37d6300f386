import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Desk, launchChromium, openDesk } from './browser';

/**
 * A new trader's first minutes: browser mode on an empty data folder, seeded as `npm run serve`
 * seeds it, the welcome, one click to a session on the sample, a bracketed buy, the report.
 */
describe('first run, in browser mode', () => {
  let browser: Browser | undefined;
  let desk: Desk | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    desk = await openDesk(browser, { seedSample: true, startOnline: false });
  });
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
  });

  it('welcomes, replays the sample in one click, trades with SL/TP, and finds the trade in the report', async () => {
    const { page } = desk!;
    const welcome = page.getByRole('region', { name: 'Welcome to Tickstep' });
    await welcome.waitFor();
    // The sample was imported in the background on this first start.
    await welcome
      .getByLabel('Sample data')
      .filter({ hasText: 'generated data, not market prices' })
      .waitFor();
    const checklist = welcome.getByRole('list', { name: 'First steps' });
    await expect.poll(() => checklist.getByRole('listitem').count()).toBe(4);
    await expect.poll(() => checklist.textContent()).not.toContain('(done)');
    await desk!.screenshot('first-run-welcome');

    await welcome.getByRole('button', { name: 'Replay the sample' }).click();
    const replayTime = page.getByLabel('Replay time');
    await replayTime.filter({ hasText: '2024-03-04 07:00 UTC' }).waitFor();

    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => replayTime.textContent()).toBe('2024-03-04 07:01 UTC');
    const progress = page.getByRole('button', { name: /^Getting started/ });
    await expect.poll(() => progress.getAttribute('aria-label')).toBe('Getting started, 1 of 4 done');

    // A buy with a stop loss and a take profit, in pips.
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('1');
    await ticket.getByLabel('In pips').check();
    await ticket.getByLabel('Stop loss (pips)').fill('20');
    await ticket.getByLabel('Take profit (pips)').fill('40');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    const open = page.getByRole('table', { name: 'Open positions' });
    await expect.poll(() => open.getByRole('row').count()).toBe(2);
    await expect.poll(() => progress.getAttribute('aria-label')).toBe('Getting started, 2 of 4 done');

    // Play a moment, pause, close the position by hand.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => progress.getAttribute('aria-label')).toBe('Getting started, 3 of 4 done');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await progress.click();
    const floating = page.getByRole('list', { name: 'First steps' });
    await expect.poll(() => floating.textContent()).toContain('Play the replay (Space) (done)');
    await desk!.screenshot('first-run-checklist');
    await progress.click();
    if ((await open.getByRole('row').count()) === 2) {
      await open.getByRole('button', { name: /^Close position/ }).click();
    }
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);

    // The report: the trade is there, and the last step ticks.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reports' }).click();
    await page.getByRole('button', { name: 'Make report now' }).click();
    const rows = page.getByLabel('Trades').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain('Buy');
    await expect.poll(() => progress.getAttribute('aria-label')).toBe('Getting started, 4 of 4 done');
    await desk!.screenshot('first-run-report');

    // Dismissed, it stays away.
    await progress.click();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => progress.count()).toBe(0);
    const state = await desk!.app.handlers['onboarding:get']({});
    expect(state.dismissed).toBe(true);
  });
});

/** Each empty page says what to do next, and its button does it. */
describe('empty states, in browser mode', () => {
  let browser: Browser | undefined;
  let desk: Desk | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    // Not seeded: the store is empty, as a trader who deleted the sample would have it.
    desk = await openDesk(browser, { startOnline: false });
  });
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
  });

  it('leads from every empty page to the action that fills it', async () => {
    const { page } = desk!;
    const nav = page.getByRole('navigation', { name: 'Main' });
    const welcome = page.getByRole('region', { name: 'Welcome to Tickstep' });
    await welcome.getByLabel('Sample data').filter({ hasText: 'not in your data' }).waitFor();
    const noData = page.getByRole('region', { name: 'No data to replay yet' });
    await noData.waitFor();
    await desk!.screenshot('empty-sessions');

    // Reports before any session: start one.
    await nav.getByRole('button', { name: 'Reports' }).click();
    const noSessions = page.getByRole('region', { name: 'No sessions to report on yet' });
    await noSessions.waitFor();
    await desk!.screenshot('empty-reports');
    await noSessions.getByRole('button', { name: 'Start a session' }).click();
    await welcome.waitFor();

    // Datasets: import a file goes to the import page; the sample comes in on a click.
    await nav.getByRole('button', { name: 'Datasets' }).click();
    const noDatasets = page.getByRole('region', { name: 'No datasets yet' });
    await noDatasets.waitFor();
    await desk!.screenshot('empty-datasets');
    await noDatasets.getByRole('button', { name: 'Import a file' }).click();
    await page.getByLabel('Candle file').waitFor();
    await nav.getByRole('button', { name: 'Datasets' }).click();
    await noDatasets.getByRole('button', { name: 'Import the sample' }).click();
    const datasets = page.getByRole('table', { name: 'Datasets' });
    await datasets.getByRole('button', { name: 'Inspect GBPUSD M1' }).waitFor();
    await expect.poll(() => noDatasets.count()).toBe(0);

    // A session with no report yet, then a report with no trades: each says what to do.
    await nav.getByRole('button', { name: 'Sessions' }).click();
    await welcome.getByRole('button', { name: 'Replay the sample' }).click();
    await page.getByLabel('Replay time').filter({ hasText: '2024-03-04 07:00 UTC' }).waitFor();
    await nav.getByRole('button', { name: 'Reports' }).click();
    const noReport = page.getByRole('region', { name: 'No report for this session yet' });
    await noReport.waitFor();
    await desk!.screenshot('empty-report-of-session');
    await noReport.getByRole('button', { name: 'Make the report now' }).click();
    const noTrades = page.getByRole('region', { name: 'No trades in this report' });
    await noTrades.waitFor();
    await noTrades.scrollIntoViewIfNeeded();
    await desk!.screenshot('empty-trades-and-journal');
    await noTrades.getByRole('button', { name: 'Open the desk' }).click();
    await page.getByRole('region', { name: 'Order ticket' }).waitFor();

    // Support: write a request.
    await nav.getByRole('button', { name: 'Support' }).click();
    const noRequests = page.getByRole('region', { name: 'No requests yet' });
    await noRequests.waitFor();
    await desk!.screenshot('empty-support');
    await noRequests.getByRole('button', { name: 'Write a request' }).click();
    await page.getByRole('form', { name: 'New support request' }).waitFor();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callMethod } from '../../src/main/cli/call';
import { findLeak } from '../integration/blind/blind-leaks';
import { seedCandles, syntheticCandles } from '../integration/trading/helpers';
import { deskForSuite } from './desk-suite';

// Four days of EURUSD M1 from 2 January 2019 around 1.14000: a real price reads 1.1xxxx.
const REAL_PRICE = /\b1\.1[0-9]{3,4}\b/;
const YEARS = [2019];

/**
 * A blind session in browser mode: started from the Sessions page, traded, reported and
 * journalled; the desk (chart legend, positions, orders, history, ledger), the sessions table,
 * the report page with its trades and journal, and the CSV, HTML and JSON exports show no date
 * and no real price. Ending it from the Sessions page reveals what it was.
 */
describe('a blind session, in browser mode', () => {
  const suite = deskForSuite();

  it('hides dates and prices on every screen and export, and reveals them at the end', async () => {
    const { desk } = suite;
    const { page, app } = desk;
    seedCandles(app, 'EURUSD', 'M1', syntheticCandles(4 * 1440));
    await page.reload();
    const scan = async (where: string) => {
      const text = (await page.locator('body').textContent()) ?? '';
      expect(findLeak(text, YEARS, REAL_PRICE), where).toBeNull();
    };

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    const card = page.getByRole('region', { name: 'Blind practice' });
    await card.waitFor();
    await desk.screenshot('blind-start-card');
    await card.getByRole('button', { name: 'Start a blind session' }).click();
    await page
      .getByLabel('Replay time')
      .filter({ hasText: /^Day 1 \d\d:\d\d UTC$/ })
      .waitFor();
    expect(await page.getByLabel('Jump to (UTC)').count()).toBe(0);

    const [session] = await callMethod(app, 'sessions:list', {});
    const sessionId = session!.id;
    // Trade through the contract (the same masked answers the desk reads), then look at the desk.
    await callMethod(app, 'replay:step', { sessionId, bars: 30 });
    const { account } = await callMethod(app, 'replay:snapshot', { sessionId, count: 1 });
    await callMethod(app, 'orders:place', { sessionId, side: 'BUY', lots: 1, sl: account.bid - 0.003 });
    await callMethod(app, 'replay:step', { sessionId, bars: 40 });
    const open = await callMethod(app, 'positions:list', { sessionId, status: 'OPEN' });
    for (const p of open) await callMethod(app, 'positions:close', { sessionId, positionId: p.id });
    await callMethod(app, 'orders:place', { sessionId, side: 'SELL', lots: 0.5, sl: account.bid + 0.01 });
    await callMethod(app, 'orders:place', {
      sessionId,
      side: 'BUY',
      type: 'LIMIT',
      lots: 1,
      price: account.bid - 0.02,
    });
    await callMethod(app, 'replay:step', { sessionId, bars: 1500 });
    const [closed] = await callMethod(app, 'positions:list', { sessionId, status: 'ALL' });
    await callMethod(app, 'journal:save', { positionId: closed!.id, notes: 'Blind entry', tags: ['blind'] });
    const report = await callMethod(app, 'reports:create', { sessionId });

    await page.reload();
    await page.getByRole('button', { name: `Open session ${session!.name}` }).click();
    await page
      .getByLabel('Replay time')
      .filter({ hasText: /^Day [23] \d\d:\d\d UTC$/ })
      .waitFor();
    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('table', { name: 'Open positions' }).waitFor();
    await scan('desk');
    await desk.screenshot('blind-desk');
    const history = page.getByRole('tab', { name: /History/ });
    if (await history.count()) {
      await history.first().click();
      await scan('desk history');
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    await page.getByRole('table', { name: 'Sessions' }).waitFor();
    const sessionsText = (await page.getByRole('table', { name: 'Sessions' }).textContent()) ?? '';
    expect(findLeak(sessionsText, YEARS, REAL_PRICE), 'sessions table').toBeNull();
    expect(sessionsText).toMatch(/Day 1/);

    await page.getByRole('button', { name: `Report of session ${session!.name}` }).click();
    await page.getByLabel('Metrics').getByText('Net profit').waitFor();
    await page.getByText('Monthly returns are hidden in a blind session.').waitFor();
    const rows = page.getByLabel('Trades').locator('tbody tr');
    await rows.first().getByRole('button', { name: 'Journal' }).click();
    await page.getByLabel('Tags').waitFor();
    await scan('report');
    await page.screenshot({ path: await desk.screenshot('blind-report'), fullPage: true });

    for (const format of ['csv', 'html', 'json'] as const) {
      const file = await callMethod(app, 'reports:export', { reportId: report.id, format });
      expect(findLeak(readFileSync(file.path, 'utf8'), YEARS, REAL_PRICE), format).toBeNull();
    }

    // The end: from the Sessions page; it says what the session was.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    await page.getByRole('button', { name: `End and reveal session ${session!.name}` }).click();
    const reveal = page.getByLabel('Blind session revealed');
    await expect.poll(() => reveal.textContent()).toMatch(/was EURUSD from 2019-01-0\d/);
    await expect
      .poll(() => page.getByRole('table', { name: 'Sessions' }).textContent())
      .toMatch(/2019-01-0\d/);
    await desk.screenshot('blind-revealed');
  });
});

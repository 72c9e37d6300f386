import { describe, expect, it } from 'vitest';
import { EURUSD_M1, startSession } from './browser';
import { deskForSuite } from './desk-suite';

/** The desk shows only what is true: fill markers, indicators after a jump, a timeframe's view. */
describe('the desk never shows something false, in browser mode', () => {
  const suite = deskForSuite();

  it('marks each fill once, by what it was, across leaving the desk; indicators follow a jump', async () => {
    const { desk } = suite;
    const { page } = desk;
    await desk.app.handlers['import:run']({
      source: { handle: desk.app.files.grant(EURUSD_M1, 'read') },
      options: { symbol: 'EURUSD' },
    });
    await page.reload();
    await startSession(page, '2019-01-02T10:00');
    const sessionId = (await desk.app.handlers['sessions:list']({}))[0]!.id;
    const fills = page.getByRole('list', { name: 'Fills on the chart' });

    // A short with a take profit just under the price, and a long closed by hand.
    const { bid } = (await desk.app.handlers['replay:snapshot']({ sessionId, count: 1 })).account;
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('1');
    await ticket.getByLabel('Take profit').fill((bid - 0.0003).toFixed(5));
    await ticket.getByRole('button', { name: 'Sell' }).click();
    await expect
      .poll(() => fills.getByRole('listitem').allTextContents())
      .toEqual(['Sell 1 at 2019-01-02 10:00']);

    // Indicators on the price and in their own pane, then a jump far ahead.
    await page.getByRole('button', { name: /^Indicators/ }).click();
    const panel = page.getByRole('region', { name: 'Indicators' });
    await panel.getByLabel('Indicator type').selectOption('bollinger');
    await panel.getByRole('button', { name: 'Add indicator' }).click();
    await panel.getByLabel('Indicator type').selectOption('rsi');
    await panel.getByRole('button', { name: 'Add indicator' }).click();
    await panel.getByRole('button', { name: 'Close indicators' }).click();
    await page.getByLabel('Jump to (UTC)').fill('2019-01-02T16:00');
    await page.getByRole('button', { name: 'Jump' }).click();
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-02 16:00 UTC');
    const tp = (await desk.app.handlers['positions:list']({ sessionId, status: 'ALL' })).find(
      (p) => p.status !== 'OPEN',
    );
    expect(tp?.exitReason).toBe('TP');
    const tpText = `TP 1 at ${new Date(tp!.closedTs! * 1000).toISOString().slice(0, 16).replace('T', ' ')}`;
    await expect
      .poll(() => fills.getByRole('listitem').allTextContents())
      .toEqual(['Sell 1 at 2019-01-02 10:00', tpText]);
    await desk.screenshot('desk-truth-after-jump');

    // Leave the desk and come back: the same markers, none doubled.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    await page
      .getByRole('button', { name: /^Open session/ })
      .first()
      .click();
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-02 16:00 UTC');
    await expect
      .poll(() => fills.getByRole('listitem').allTextContents())
      .toEqual(['Sell 1 at 2019-01-02 10:00', tpText]);
    await ticket.getByRole('button', { name: 'Buy' }).click();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => fills.getByRole('listitem').count()).toBe(3);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    expect(await fills.getByRole('listitem').count()).toBe(3);

    // A timeframe switch opens at a readable spacing scrolled to the cursor.
    await page.getByLabel('Chart timeframe').selectOption('D1');
    await expect
      .poll(async () => (await desk.app.handlers['sessions:get']({ sessionId })).timeframe)
      .toBe('D1');
    await desk.screenshot('desk-truth-d1');
    await page.getByLabel('Chart timeframe').selectOption('M1');
    await expect
      .poll(async () => (await desk.app.handlers['sessions:get']({ sessionId })).timeframe)
      .toBe('M1');
    await desk.screenshot('desk-truth-m1-after-d1');

    // The ticket refuses a size below the instrument's minimum lot, in a sentence (the desk's one error).
    await ticket.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('0.001');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain("Lots 0.001 is below this instrument's minimum of 0.01 lots.");
    await desk.screenshot('desk-truth-min-lot');

    // After a reload, Replay desk goes straight back to the session.
    await page.reload();
    const deskButton = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Replay desk' });
    await expect.poll(() => deskButton.isEnabled()).toBe(true);
    await deskButton.click();
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-02 16:03 UTC');
  });
});

import { describe, expect, it } from 'vitest';
import { seedCandles, syntheticCandles } from '../integration/trading/helpers';
import { EURUSD_M1, startSession } from './browser';
import { deskForSuite } from './desk-suite';

/**
 * What the desk says and does around the trader's actions: errors that belong to the action that
 * failed, pause on fills, the faster speeds and the next day / session jumps, and a volume pane
 * only when there is volume to show.
 */
describe('desk controls and messages, in browser mode', () => {
  const suite = deskForSuite();

  it('clears an order error on the next successful order, and on dismiss', async () => {
    const { desk } = suite;
    const { page } = desk;
    await desk.app.handlers['import:run']({
      source: { handle: desk.app.files.grant(EURUSD_M1, 'read') },
      options: { symbol: 'EURUSD' },
    });
    await page.reload();
    await startSession(page, '2019-01-02T10:00');
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    const lots = ticket.getByRole('spinbutton', { name: 'Lots', exact: true });
    const alert = page.getByRole('alert');

    // Far more than the account can carry: refused with the margin in the account's currency.
    await lots.fill('900');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/Not enough free margin: .* USD of margin and 10,000\.00 USD is free/);
    await desk.screenshot('desk-controls-margin-error');
    // A later order that goes through: the error was about the one before, and goes.
    await lots.fill('0.1');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    await expect.poll(() => alert.count()).toBe(0);

    // Refused again, then dismissed by hand.
    await lots.fill('900');
    await ticket.getByRole('button', { name: 'Sell' }).click();
    await expect.poll(() => alert.count()).toBe(1);
    await page.getByRole('button', { name: 'Dismiss the message' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await page.getByRole('button', { name: 'Close all positions' }).click();
  });

  it('a refused start goes once the field it named is changed', async () => {
    const { page } = suite.desk;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    await page.getByLabel('Instrument').selectOption('EURUSD');
    await page.getByLabel('Start (UTC)').fill('2019-01-02T10:00');
    await page.getByLabel('End (UTC)').fill('2019-01-02T09:00');
    await page.getByRole('button', { name: 'Start session' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('The end must be after the start');
    await suite.desk.screenshot('desk-controls-session-error');
    await page.getByLabel('End (UTC)').fill('');
    await expect.poll(() => alert.count()).toBe(0);
    await page
      .getByRole('button', { name: /^Open session/ })
      .first()
      .click();
    await page.getByLabel('Replay time').waitFor();
  });

  it('pauses on a fill at max speed, and jumps to the next session open', async () => {
    const { desk } = suite;
    const { page } = desk;
    const sessionId = (await desk.app.handlers['sessions:list']({}))[0]!.id;
    const open = page.getByRole('table', { name: 'Open positions' });
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);

    // A buy stop a few pips above: playing at max stops on the bar it fills.
    const { account } = await desk.app.handlers['replay:snapshot']({ sessionId, count: 1 });
    await desk.app.handlers['orders:place']({
      sessionId,
      side: 'BUY',
      type: 'STOP',
      lots: 0.1,
      price: Number((account.ask + 0.0004).toFixed(5)),
    });
    expect(await page.getByLabel('Pause on fills').isChecked()).toBe(true);
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => open.getByRole('row').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    const session = await desk.app.handlers['sessions:get']({ sessionId });
    expect(session.status).toBe('PAUSED');
    const [position] = await desk.app.handlers['positions:list']({ sessionId, status: 'OPEN' });
    expect(position?.openedTs).toBe(session.cursorTs);
    await desk.screenshot('desk-controls-paused-on-fill');

    // Next session: to the first bar at or after the next open (London 07:00, New York 12:00 UTC).
    await page.getByRole('button', { name: 'Next session' }).click();
    const hour = new Date(session.cursorTs * 1000).getUTCHours();
    const next = hour < 12 ? '2019-01-02 12:00 UTC' : '2019-01-02 21:00 UTC';
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe(next);
    await desk.screenshot('desk-controls-next-session');
  });

  it('gives no room to a volume pane when every bar in view has volume 0', async () => {
    const { desk } = suite;
    const { page } = desk;
    const chart = page.getByRole('img', { name: 'Price chart' });
    expect(await chart.getAttribute('data-volume-pane')).toBe('shown');
    const paneHeights = () =>
      chart.evaluate((el) =>
        [...el.querySelectorAll('table tr')].map((tr) => tr.getBoundingClientRect().height),
      );
    const withVolume = await paneHeights();

    // The same instrument's days without volume, as a file with no volume column stores them.
    seedCandles(
      desk.app,
      'GBPUSD',
      'M1',
      syntheticCandles(600).map((c) => ({ ...c, volume: 0 })),
    );
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    await page.getByLabel('Instrument').selectOption('GBPUSD');
    await startSession(page, '2019-01-02T05:00');
    await expect.poll(() => chart.getAttribute('data-volume-pane')).toBe('hidden');
    const without = await paneHeights();
    expect(without.length).toBeLessThan(withVolume.length);
    await desk.screenshot('desk-controls-no-volume');
  });
});

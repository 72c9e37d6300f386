import { describe, expect, it } from 'vitest';
import { call, craftedCandles, START } from '../integration/challenges/helpers';
import { seedCandles } from '../integration/trading/helpers';
import { deskForSuite } from './desk-suite';

/**
 * A challenge with costs, in browser mode: the breach preview splits the stop loss's cost into
 * price, slippage and commission; the trader ends the challenge early and its report lists the
 * outcome and events; a paid-only rulebook shows its attempts and a buy button.
 */
describe('ending a challenge, costs in the preview, paid attempts', () => {
  const suite = deskForSuite();

  it('previews costs, ends with a report, and offers to buy an attempt', async () => {
    const { desk } = suite;
    const { page } = desk;
    seedCandles(desk.app, 'EURUSD', 'M1', craftedCandles(200, {}));
    await call(desk.app, 'challenges:start', { ...START, slippagePts: 5, commissionPerLot: 7 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Challenges' }).click();
    await page.getByRole('table', { name: 'Challenges' }).getByRole('button', { name: 'Open desk' }).click();
    const panel = page.getByRole('region', { name: 'Challenge' });
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('ACTIVE');

    await page.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('10');
    await page.getByLabel('Stop loss', { exact: true }).fill('1.0961');
    const preview = page.getByRole('region', { name: 'Breach preview' });
    await expect.poll(() => preview.textContent()).toContain('4,240.00 USD');
    await expect
      .poll(() => preview.textContent())
      .toContain('price 4,000.00 + slippage 100.00 + commission 140.00');
    await expect.poll(() => preview.textContent()).toContain('5,000.00 → 760.00 USD');
    await preview.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await desk.screenshot('challenge-preview-costs');

    await page.getByRole('button', { name: 'Buy' }).click();
    await page.getByRole('button', { name: 'Step' }).click();
    await panel.getByRole('button', { name: 'End challenge' }).click();
    await panel.getByRole('button', { name: 'End and report' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('ENDED');
    await expect.poll(() => page.getByRole('button', { name: 'Buy' }).isDisabled()).toBe(true);
    await panel.evaluate((el) => el.scrollIntoView());
    await desk.screenshot('challenge-ended');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reports' }).click();
    const outcome = page.getByRole('region', { name: 'Challenge outcome' });
    await expect.poll(() => outcome.textContent()).toContain('Ended by the trader before a pass or a breach');
    await expect
      .poll(() => outcome.getByRole('table', { name: 'Challenge events' }).getByRole('row').count())
      .toBe(3);
    await outcome.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await desk.screenshot('challenge-report');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Challenges' }).click();
    const paid = page.getByRole('listitem', { name: 'Two-step 200k 8 % / 5 %, paid attempt' });
    await expect.poll(() => paid.textContent()).toContain('Paid attempts: 0 attempts and 0 resets left');
    await paid.getByRole('button', { name: 'Buy an attempt' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Sign in');
    await paid.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await desk.screenshot('challenge-paid-attempts');
  });
});

import { describe, expect, it } from 'vitest';
import { closeTradesInR } from '../integration/challenges/helpers';
import { deskForSuite } from './desk-suite';

/**
 * The chance-of-passing card on the Challenges page, in browser mode: the empty state with too
 * few trades, then the figures once the trader has 24 closed trades with a stop loss.
 */
describe('chance of passing, in browser mode', () => {
  const suite = deskForSuite();

  it('says how many trades are missing, then shows pass, breach, median days and the best risk', async () => {
    const { desk } = suite;
    const { page } = desk;
    await closeTradesInR(desk.app, [2, -1, 2, -1, 1.5]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Challenges' }).click();
    const form = page.getByRole('form', { name: 'Chance of passing' });
    await form.getByLabel('Rulebook').selectOption({ label: 'Two-step 10 % / 5 %, static drawdown' });
    await form.getByRole('button', { name: 'Compute' }).click();
    const empty = page.getByRole('status').filter({ hasText: 'Not enough trades yet' });
    await expect
      .poll(() => empty.textContent())
      .toContain('5 closed trades with a stop loss at entry, at least 20');
    await empty.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await desk.screenshot('challenge-chance-empty');

    // 19 more: +2 R, −1 R, −1 R, +1.5 R … a mean near +0.4 R.
    await closeTradesInR(
      desk.app,
      Array.from({ length: 19 }, (_, i) => [2, -1, -1, 1.5][i % 4]!),
      {
        symbol: 'GBPUSD',
      },
    );
    await form.getByLabel('Trades a day').fill('3');
    await form.getByRole('button', { name: 'Compute' }).click();
    const result = page.getByRole('region', { name: 'Chance of passing result' });
    await expect.poll(() => result.textContent()).toContain('24 trades');
    await expect.poll(() => result.textContent()).toContain('3 a day');
    await expect.poll(() => result.textContent()).toContain('Best risk per trade');
    const rows = result.getByRole('table', { name: 'Pass chance by risk per trade' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(10);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Not enough' }).count()).toBe(0);
    await result.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await desk.screenshot('challenge-chance-result');
  });
});

import { describe, expect, it } from 'vitest';
import { craftedCandles } from '../integration/challenges/helpers';
import { seedCandles } from '../integration/trading/helpers';
import { deskForSuite } from './desk-suite';

/**
 * A challenge from a preset in browser mode: the rulebooks page, the start form, the dashboard
 * on the desk, the breach preview in the ticket, the floor line, and a daily-loss breach at an
 * intrabar low (crafted data: bar 00:12 spikes from 1.10000 to 1.09400 and back).
 */
describe('a prop-firm challenge, in browser mode', () => {
  const suite = deskForSuite();

  it('starts from a preset, shows the dashboard and the breach preview, and fails at the intrabar low', async () => {
    const { desk } = suite;
    const { page } = desk;
    seedCandles(desk.app, 'EURUSD', 'M1', craftedCandles(200, { 12: [1.1, 1.10005, 1.094, 1.0999] }));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Challenges' }).click();
    const preset = page.getByRole('listitem', { name: 'Two-step 10 % / 5 %, static drawdown' });
    await preset.waitFor();
    await expect.poll(() => preset.textContent()).toContain('Daily loss 5 % of equity');
    await desk.screenshot('challenge-rulebooks');

    await preset.getByRole('button', { name: 'Start challenge' }).click();
    const form = page.getByRole('form', { name: 'Start challenge' });
    await form.getByLabel('Start (UTC)').fill('2019-01-02T00:10');
    await desk.screenshot('challenge-start-form');
    await form.getByRole('button', { name: 'Start challenge' }).click();

    const panel = page.getByRole('region', { name: 'Challenge' });
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('ACTIVE');
    const objectives = panel.getByRole('list', { name: 'Objectives' });
    await expect.poll(() => objectives.textContent()).toContain('10,000.00 USD to go');
    await expect.poll(() => objectives.textContent()).toContain('5,000.00 USD left');
    await expect.poll(() => page.getByLabel('Balance').textContent()).toBe('100,000.00 USD');

    // Spread 10 points: 10 lots pay 100 USD of spread, so a 40-pip stop loss costs 4,000 USD.
    await page.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('10');
    await page.getByLabel('Stop loss', { exact: true }).fill('1.0941');
    const preview = page.getByRole('region', { name: 'Breach preview' });
    await expect.poll(() => preview.textContent()).toContain('breaches');
    await preview.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await desk.screenshot('challenge-breach-preview');
    await page.getByLabel('Stop loss', { exact: true }).fill('1.0961');
    await expect.poll(() => preview.textContent()).toContain('5,000.00 → 1,000.00 USD');
    await expect.poll(() => preview.textContent()).not.toContain('breaches');

    // No stop loss at all: the daily limit is what catches the spike.
    await page.getByLabel('Stop loss', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Buy' }).click();
    const open = page.getByRole('table', { name: 'Open positions' });
    await expect.poll(() => open.getByRole('row').count()).toBe(2);
    await expect.poll(() => objectives.textContent()).toContain('4,900.00 USD left');
    await panel.evaluate((el) => el.scrollIntoView());
    await desk.screenshot('challenge-dashboard-floor-line');

    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('FAILED');
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Daily loss limit');
    await expect.poll(() => alert.textContent()).toContain('At 2019-01-02 00:12 UTC');
    await expect.poll(() => alert.textContent()).toContain('93,900.00 USD');
    await expect.poll(() => page.getByLabel('Balance').textContent()).toBe('93,900.00 USD');
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Buy' }).isDisabled()).toBe(true);
    await panel.evaluate((el) => el.scrollIntoView());
    await desk.screenshot('challenge-failed');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Challenges' }).click();
    const table = page.getByRole('table', { name: 'Challenges' });
    await expect.poll(() => table.textContent()).toContain('FAILED');
    await desk.screenshot('challenge-list-failed');

    // A copy is editable; a bad edit is refused naming the field.
    await preset.getByRole('button', { name: 'Copy' }).click();
    const mine = page.getByRole('listitem', { name: 'Two-step 10 % / 5 %, static drawdown (copy)' });
    await mine.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('form', { name: 'Edit rulebook' });
    const json = editor.getByLabel('Rulebook JSON');
    const text = (await json.inputValue()).replace('"limitPct": 5,', '"limitPct": -5,');
    await json.fill(text);
    await editor.getByRole('button', { name: 'Save' }).click();
    const errors = editor.getByRole('alert');
    await expect.poll(() => errors.textContent()).toContain('phases[0].maxDailyLoss.limitPct');
    await desk.screenshot('challenge-rulebook-error');
  });
});

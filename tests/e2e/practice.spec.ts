import { describe, expect, it } from 'vitest';
import { callMethod } from '../../src/main/cli/call';
import { seedCandles, syntheticCandles } from '../integration/trading/helpers';
import { deskForSuite } from './desk-suite';

/** The streak on the home screen and the practice settings, in browser mode. */
describe('practice streak, in browser mode', () => {
  const suite = deskForSuite();

  it('settings make a day count after N bars; the home screen shows the streak', async () => {
    const { desk } = suite;
    const { page, app } = desk;
    seedCandles(app, 'EURUSD', 'M1', syntheticCandles(500));
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const card = page.getByRole('region', { name: 'Practice' });
    await card.getByLabel('Bars that make a day count').fill('3');
    await card.getByLabel('Daily reminder (local time; empty for none)').fill('18:30');
    await card.getByRole('button', { name: 'Save practice settings' }).click();
    await expect.poll(async () => (await callMethod(app, 'practice:get', {})).barsPerDay).toBe(3);
    await card.evaluate((el) => el.scrollIntoView());
    await desk.screenshot('practice-settings');

    const s = await callMethod(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T02:00:00Z' });
    for (let i = 0; i < 3; i++) await callMethod(app, 'replay:step', { sessionId: s.id, bars: 1 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    const streak = page.getByRole('region', { name: 'Practice streak' });
    await expect.poll(() => streak.textContent()).toContain('Current streak1 day');
    await expect.poll(() => streak.textContent()).toContain('Todaycounts');
    await desk.screenshot('practice-streak-home');
  });
});

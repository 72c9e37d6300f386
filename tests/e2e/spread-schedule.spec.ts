import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Desk, launchChromium, openDesk } from './browser';

let browser: Browser;
let desk: Desk | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await desk?.close();
  await browser?.close();
});

describe('spread schedule on the instruments page', () => {
  it('switches a schedule on, edits an hour, a weekday and the rollover, and saves it', async () => {
    desk = await openDesk(browser);
    const { page } = desk;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Instruments' }).click();
    const instruments = page.getByRole('table', { name: 'Instruments' });
    await instruments.getByRole('button', { name: 'Edit EURUSD' }).click();
    await page.getByText('Spread schedule').click();
    await page.getByLabel('Vary the spread by hour and weekday').check();
    const hours = page.getByRole('group', { name: 'Spread by hour (UTC), points' });
    await hours.getByLabel('00:00', { exact: true }).fill('25');
    await page.getByRole('group', { name: 'Added on each weekday, points' }).getByLabel('Monday').fill('3');
    await page.getByLabel('At the rollover, points').fill('40');
    await desk.screenshot('instruments-spread-schedule');
    await page.getByRole('button', { name: 'Save instrument' }).click();
    await expect
      .poll(
        async () =>
          (await desk!.app.handlers['instruments:list']({})).find((i) => i.symbol === 'EURUSD')
            ?.spreadSchedule,
      )
      .toEqual({
        hourPts: [25, ...Array<number>(23).fill(10)],
        weekdayPts: [0, 3, 0, 0, 0, 0, 0],
        rolloverPts: 40,
        rolloverMinutes: 15,
      });
    await expect
      .poll(() =>
        instruments
          .getByRole('row', { name: /EURUSD/ })
          .getByText('Schedule')
          .count(),
      )
      .toBe(1);
  });
});

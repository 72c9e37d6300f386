import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-app';
import { launchChromium, openDesk } from './browser';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

describe('the import preview says what it assumed and what it will not read', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('warns of an assumed zone, lists unread columns, and offers every format', async () => {
    const desk = await openDesk(browser);
    try {
      const { page } = desk;
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'Import data' })
        .click();
      await page
        .getByLabel('Candle file')
        .setInputFiles(join(REPO_ROOT, 'tests/fixtures/import/generic_spread_column_EURUSD_M1.csv'));
      const preview = page.getByRole('region', { name: 'Import preview' });
      await preview.waitFor();
      await preview.getByRole('note').filter({ hasText: 'assumed: the file states no time zone' }).waitFor();
      expect(await preview.textContent()).toContain('Columns not read');
      expect(await preview.textContent()).toContain('Spread');
      const formats = await page.getByLabel('Format').locator('option').allTextContents();
      expect(formats).toEqual(
        expect.arrayContaining(['Forex Tester', 'Binance klines', 'Investing.com', 'Stooq']),
      );
      await desk.screenshot('import-preview-assumed-zone');
    } finally {
      await desk.close();
    }
  });
});

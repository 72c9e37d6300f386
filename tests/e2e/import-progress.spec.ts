import { describe, expect, it } from 'vitest';
import { deskForSuite } from './desk-suite';

/** `rows` M1 bars of made-up EURUSD in MetaTrader 4 format, from 2019-01-01 00:00 UTC. */
function mt4File(rows: number): Buffer {
  const start = Date.UTC(2019, 0, 1) / 1000;
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const iso = new Date((start + i * 60) * 1000).toISOString();
    const open = 1.1 + ((i % 500) - 250) / 100_000;
    const price = (delta: number) => (open + delta / 100_000).toFixed(5);
    lines.push(
      `${iso.slice(0, 10).replaceAll('-', '.')},${iso.slice(11, 16)},${price(0)},${price(9)},${price(-7)},${price(2)},${i % 300}`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

describe('import progress, in browser mode', () => {
  const suite = deskForSuite();

  it('shows rows, percent and rate while importing, stays responsive, and a cancel stores nothing', async () => {
    const { desk } = suite;
    const { page } = desk;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import data' }).click();
    await page
      .getByLabel('Candle file')
      .setInputFiles({ name: 'EURUSD_M1_2019.csv', mimeType: 'text/csv', buffer: mt4File(400_000) });
    await expect.poll(() => page.getByLabel('Chosen file').textContent()).toMatch(/EURUSD_M1_2019\.csv.*MiB/);
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect.poll(() => preview.getByRole('heading').textContent()).toBe('Preview of EURUSD_M1_2019.csv');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    // Progress arrives while the worker imports: rows, percent and rows per second.
    const rate = page.getByLabel('Import rate');
    await expect
      .poll(() => rate.textContent(), { timeout: 15_000 })
      .toMatch(/^[\d,]+ rows · \d+ % · [\d,]+ rows\/s$/);
    const first = await rate.textContent();
    // The page keeps answering during the import: the instrument box still takes a choice.
    await page.getByLabel('Instrument').selectOption('GBPUSD');
    await page.getByLabel('Instrument').selectOption('EURUSD');
    await expect.poll(() => rate.textContent()).not.toBe(first);
    expect(Number(await page.getByLabel('Import progress').getAttribute('value'))).toBeGreaterThan(0);
    await desk.screenshot('import-progress');

    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'cancelled' }).textContent())
      .toBe('Import cancelled; nothing was stored.');
    expect(await page.getByLabel('Import progress').count()).toBe(0);
    expect(await desk.app.handlers['datasets:list']({})).toEqual([]);
    await desk.screenshot('import-cancelled');
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-app';
import { launchChromium, openDesk } from './browser';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

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

const openImport = async (page: Awaited<ReturnType<typeof openDesk>>['page']) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import data' }).click();

describe('importing a picked file in browser mode (issue 13, items 4 and 11)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('sends the file in pieces, never the whole text in one frame, and imports every row', async () => {
    const desk = await openDesk(browser);
    try {
      const { page } = desk;
      const sent: { bytes: number; method: string }[] = [];
      page.on('websocket', (ws) =>
        ws.on('framesent', (frame) => {
          const text = String(frame.payload);
          sent.push({ bytes: text.length, method: /"method":"([^"]+)"/.exec(text.slice(0, 200))?.[1] ?? '' });
        }),
      );
      await openImport(page);
      const file = mt4File(300_000);
      await page
        .getByLabel('Candle file')
        .setInputFiles({ name: 'EURUSD_M1_2019.csv', mimeType: 'text/csv', buffer: file });
      await page.getByRole('region', { name: 'Import preview' }).waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByLabel('Import result').waitFor({ timeout: 90_000 });
      expect(await page.getByLabel('Import result').textContent()).toContain('Imported 300,000 M1 candles');
      await desk.screenshot('import-upload-result');

      const pieces = sent.filter((f) => f.method === 'import:upload-append');
      // 15 MB in 4 MiB pieces: four frames, none carrying more than one piece.
      expect(pieces.length).toBe(Math.ceil(file.length / (4 * 1024 * 1024)));
      expect(Math.max(...sent.map((f) => f.bytes))).toBeLessThan(6 * 1024 * 1024);
      expect(sent.filter((f) => f.method === 'import:start')).toHaveLength(1);
      expect(sent.find((f) => f.method === 'import:start')!.bytes).toBeLessThan(1000);
      const datasets = await desk.app.handlers['datasets:list']({});
      expect(datasets.map((d) => d.rows)).toEqual([300_000]);
    } finally {
      await desk.close();
    }
  });

  it('says plainly that a picture is not a text file, and the message goes when another file is picked', async () => {
    const desk = await openDesk(browser);
    try {
      const { page } = desk;
      await openImport(page);
      await page
        .getByLabel('Candle file')
        .setInputFiles(join(REPO_ROOT, 'tests/fixtures/import/chart_screenshot.png'));
      const alert = page.getByRole('alert').filter({ hasText: 'not a text file' });
      await alert.waitFor();
      expect(await alert.textContent()).toBe(
        'Preview: chart_screenshot.png is not a text file: pick a CSV or TXT export',
      );
      await desk.screenshot('import-not-text');
      await page
        .getByLabel('Candle file')
        .setInputFiles(join(REPO_ROOT, 'tests/fixtures/import/mt4_EURUSD_M1.csv'));
      await page.getByRole('region', { name: 'Import preview' }).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      await desk.screenshot('import-not-text-then-csv');
    } finally {
      await desk.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EURUSD_M1 } from './browser';
import { deskForSuite } from './desk-suite';

/** Drops a file with this name and text onto the window, as a file manager would. */
async function dropFile(page: Page, fileName: string, text: string): Promise<void> {
  // A string runs in the page, where DataTransfer and File exist (this file compiles without the DOM).
  const transfer = await page.evaluateHandle(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(fileName)}, { type: 'text/csv' }));
    return data;
  })()`);
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

describe('sessions, import wizard, datasets and instruments, in browser mode', () => {
  const suite = deskForSuite();

  it('imports a dropped file through the preview, lists errors by line, manages datasets, instruments and sessions', async () => {
    const { desk } = suite;
    const { page } = desk;
    const text = readFileSync(EURUSD_M1, 'utf8');

    // A broken line: the import fails and names the line.
    const lines = text.split('\n');
    lines[4] = '2019.01.02,00:04,1.14,oops,1.14,1.14,3';
    await dropFile(page, 'EURUSD_M1_bad.csv', lines.join('\n'));
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect.poll(() => preview.count()).toBe(1);
    await expect
      .poll(() => preview.getByRole('list', { name: 'Invalid lines in the preview' }).textContent())
      .toContain('Line 5');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Invalid lines' }).textContent())
      .toContain('Line 5');
    await desk.screenshot('import-error-lines');

    // The good file: detected format, first rows as stored, an edited column mapping, the result.
    await dropFile(page, 'EURUSD_M1_2019-01-02.csv', text);
    await expect
      .poll(() => preview.getByRole('heading').textContent())
      .toBe('Preview of EURUSD_M1_2019-01-02.csv');
    await expect.poll(() => preview.textContent()).toContain('mt4');
    const rows = preview.getByRole('table', { name: 'First rows as stored' });
    await expect.poll(() => rows.getByRole('row').nth(1).textContent()).toContain('2019-01-02 00:00');
    await expect.poll(() => rows.getByRole('row').nth(1).textContent()).toContain('1.14612');
    // Swap close and open: the preview follows, then back.
    await preview.getByLabel('Close column').fill('3');
    await preview.getByLabel('Open column').fill('6');
    await expect
      .poll(() => rows.getByRole('row').nth(1).getByRole('cell').nth(1).textContent())
      .toBe('1.14617');
    await desk.screenshot('import-preview');
    await preview.getByLabel('Close column').fill('6');
    await preview.getByLabel('Open column').fill('3');
    await expect
      .poll(() => rows.getByRole('row').nth(1).getByRole('cell').nth(1).textContent())
      .toBe('1.14612');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByLabel('Import result').textContent()).toContain('1,440');
    await expect.poll(() => page.getByLabel('Import result').textContent()).toMatch(/gaps/i);
    await desk.screenshot('import-result');

    // Datasets: inspect, deactivate, activate.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Datasets' }).click();
    const datasets = page.getByRole('table', { name: 'Datasets' });
    await datasets.getByRole('button', { name: 'Inspect EURUSD M1' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Dataset files' }).textContent())
      .toContain('EURUSD');
    await datasets.getByRole('button', { name: 'Deactivate EURUSD M1' }).click();
    await expect.poll(() => datasets.getByRole('button', { name: 'Activate EURUSD M1' }).count()).toBe(1);
    await desk.screenshot('datasets');
    await datasets.getByRole('button', { name: 'Activate EURUSD M1' }).click();
    await expect.poll(() => datasets.getByRole('button', { name: 'Deactivate EURUSD M1' }).count()).toBe(1);

    // Instruments: add, edit.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Instruments' }).click();
    await page.getByLabel('Symbol').fill('TESTUSD');
    await page.getByLabel('Display name').fill('Test / US Dollar');
    await page.getByLabel('Base currency').fill('TST');
    await page.getByRole('button', { name: 'Add instrument' }).click();
    const instruments = page.getByRole('table', { name: 'Instruments' });
    await expect.poll(() => instruments.getByRole('cell', { name: 'TESTUSD', exact: true }).count()).toBe(1);
    await instruments.getByRole('button', { name: 'Edit TESTUSD' }).click();
    await page.getByLabel('Digits').fill('3');
    await page.getByRole('button', { name: 'Save instrument' }).click();
    await expect
      .poll(
        async () =>
          (await desk.app.handlers['instruments:list']({})).find((i) => i.symbol === 'TESTUSD')?.digits,
      )
      .toBe(3);
    await desk.screenshot('instruments');

    // Sessions: create with every kind of setting, duplicate, archive, delete with a confirm.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    await page.getByLabel('Session name').fill('Morning');
    await page.getByLabel('Start (UTC)').fill('2019-01-02T09:00');
    await page.getByLabel('End (UTC)').fill('2019-01-02T17:00');
    await page.getByLabel('Slippage (points)').fill('2');
    await page.getByLabel('Stop-out level (%)').fill('30');
    await page.getByText('Risk rules').click();
    await page.getByLabel('Max trades per day').fill('3');
    await desk.screenshot('sessions-new-form');
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-02 09:00 UTC');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    const sessions = page.getByRole('table', { name: 'Sessions' });
    await sessions.getByRole('button', { name: 'Duplicate session Morning' }).click();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3);
    const copy = (await desk.app.handlers['sessions:list']({})).find((s) => s.name === 'Morning (copy)')!;
    const original = (await desk.app.handlers['sessions:list']({})).find((s) => s.name === 'Morning')!;
    expect(original).toMatchObject({
      endTs: Date.UTC(2019, 0, 2, 17) / 1000,
      slippagePts: 2,
      stopOutPct: 30,
    });
    expect(original.risk).toMatchObject({ maxTradesPerDay: 3, maxRiskPct: null });
    expect({ ...copy, id: '', name: '', createdAt: 0, updatedAt: 0, status: '' }).toMatchObject({
      startTs: original.startTs,
      spreadPts: original.spreadPts,
      leverage: original.leverage,
      commissionPerLotCents: original.commissionPerLotCents,
      initialBalanceCents: original.initialBalanceCents,
      timeframe: original.timeframe,
      endTs: original.endTs,
      risk: original.risk,
    });
    await sessions.getByRole('button', { name: 'Archive session Morning (copy)' }).click();
    await expect.poll(() => sessions.getByRole('cell', { name: 'ARCHIVED' }).count()).toBe(1);
    await sessions.getByRole('button', { name: 'Delete session Morning (copy)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete session Morning (copy)?' });
    await desk.screenshot('sessions-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3);
    await sessions.getByRole('button', { name: 'Delete session Morning (copy)' }).click();
    await dialog.getByRole('button', { name: 'Delete session' }).click();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
    await desk.screenshot('sessions');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedCandles, syntheticCandles } from '../integration/trading/helpers';
import { deskForSuite } from './desk-suite';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

/**
 * The visual strategy builder in browser mode: a two-SMA crossover built from the palette, a
 * bad parameter shown on its node and fixed, saved as version 1, backtested with its trades,
 * exported, a broken copy refused naming the node and field, and a changed copy re-imported as
 * version 2. Screens in the dark and the light theme.
 */
describe('the strategy builder, in browser mode', () => {
  const suite = deskForSuite();

  it('builds, checks, saves, backtests, exports and re-imports a crossover', async () => {
    const { desk } = suite;
    const { page } = desk;
    // Two days of a seeded random walk: enough M5 crossings for a handful of trades.
    seedCandles(desk.app, 'EURUSD', 'M1', syntheticCandles(2880));

    await nav(page, 'Strategies');
    await page.getByRole('region', { name: 'No strategy yet' }).waitFor();
    await desk.screenshot('strategies-empty');
    await page.getByRole('button', { name: 'New strategy' }).click();

    const palette = page.getByRole('navigation', { name: 'Palette' });
    await page.getByLabel('Title').fill('SMA crossover');
    await page.getByLabel('Timeframe').selectOption('M5');
    for (const label of ['SMA', 'SMA', 'Crosses above', 'Crosses below', 'Enter long', 'Enter short']) {
      await palette.getByRole('button', { name: label, exact: true }).click();
    }
    const node = (id: string) => page.getByRole('region', { name: `Node ${id}` });
    const settings = page.getByRole('region', { name: 'Node settings' });
    const select = async (id: string) => {
      await node(id).locator('header').click();
      await settings.getByRole('heading').filter({ hasText: id }).waitFor();
    };
    await expect
      .poll(() => node('buy1').getByLabel('Problems of buy1').textContent())
      .toContain('when: not connected');
    await desk.screenshot('strategy-builder-palette');

    // One connection dragged on the canvas, the rest from the node settings' input lists.
    await node('sma1')
      .locator('.react-flow__handle.source')
      .dragTo(node('crossUp1').locator('.react-flow__handle[data-handleid="left"]'));
    await expect.poll(() => node('crossUp1').textContent()).toContain('left ← sma1');
    await select('crossUp1');
    await settings.getByLabel('Input right').selectOption('sma2');
    await select('crossDown1');
    await settings.getByLabel('Input left').selectOption('sma1');
    await settings.getByLabel('Input right').selectOption('sma2');
    // A number cannot feed a condition: the list offers only true/false nodes.
    await select('buy1');
    const whenOptions = await settings.getByLabel('Input when').locator('option').allTextContents();
    expect(whenOptions).toEqual(['(not connected)', 'crossUp1', 'crossDown1']);
    await settings.getByLabel('Input when').selectOption('crossUp1');
    await select('sell1');
    await settings.getByLabel('Input when').selectOption('crossDown1');

    // The slow period becomes an optimisable parameter.
    await select('sma2');
    await settings.getByLabel('Period', { exact: true }).fill('20');
    await settings.getByLabel('Period from').selectOption({ label: 'new parameter…' });
    const params = page.getByRole('region', { name: 'Parameters' });
    await params.getByLabel('sma2Period optimisable').check();
    await params.getByLabel('sma2Period max').fill('40');
    await params.getByLabel('sma2Period step').fill('5');
    await expect.poll(() => node('sma2').textContent()).toContain('SMA({sma2Period})');

    // A bad parameter is shown on its node, then fixed.
    await select('sma1');
    await settings.getByLabel('Period', { exact: true }).fill('0');
    const problems = node('sma1').getByLabel('Problems of sma1');
    await expect.poll(() => problems.textContent()).toBe('indicator.period: must be at least 1');
    const save = page.getByRole('form', { name: 'Save version' });
    expect(await save.getByRole('button', { name: 'Save strategy' }).isDisabled()).toBe(true);
    await desk.screenshot('strategy-builder-node-error');
    await settings.getByLabel('Period', { exact: true }).fill('5');
    await expect.poll(() => problems.count()).toBe(0);
    await expect.poll(() => page.getByText('No problems: the rules compile.').count()).toBe(1);

    // Undo takes the fix back, redo restores it (outside a text box, Ctrl+Z is the builder's).
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => node('sma1').textContent()).toContain('SMA(0)');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => node('sma1').textContent()).toContain('SMA(5)');
    await desk.screenshot('strategy-builder-canvas');

    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const json = JSON.parse(await page.getByLabel('Graph JSON').inputValue());
    expect(json).toMatchObject({
      version: 1,
      timeframe: 'M5',
      params: [{ name: 'sma2Period', value: 20, optimise: { min: 20, max: 40, step: 5 } }],
    });
    expect(json.nodes[2]).toEqual({ id: 'crossUp1', type: 'crosses-above', left: 'sma1', right: 'sma2' });
    await desk.screenshot('strategy-builder-json');
    await page.getByRole('button', { name: 'Canvas', exact: true }).click();

    await save.getByLabel('Version notes').fill('SMA 5 / 20 crossover');
    await save.getByRole('button', { name: 'Save strategy' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Saved "SMA crossover" as version 1');

    // Backtest the saved version over the whole seeded span.
    const backtest = page.getByRole('region', { name: 'Backtest' });
    await backtest.getByRole('button', { name: 'Run backtest' }).click();
    const report = page.getByRole('region', { name: 'Backtest report' });
    await report.waitFor();
    const trades = report.getByRole('table', { name: 'Backtest trades' });
    await expect.poll(() => trades.getByRole('row').count()).toBeGreaterThan(3);
    expect(await report.getByRole('heading', { level: 2 }).textContent()).toContain('version 1 · EURUSD M5');
    expect(await report.getByLabel('Backtest metrics').textContent()).toContain('Net profit');
    await report.evaluate((el) => el.scrollIntoView());
    await desk.screenshot('strategy-backtest-report');

    // Monte Carlo on its trades: reshuffling keeps the final equity in every percentile.
    const monteCarlo = report.getByRole('region', { name: 'Monte Carlo' });
    await monteCarlo.getByLabel('Paths').fill('2000');
    await monteCarlo.getByRole('button', { name: 'Run Monte Carlo' }).click();
    const percentiles = monteCarlo.getByRole('table', { name: 'Monte Carlo percentiles' });
    await percentiles.waitFor();
    expect(await monteCarlo.getByRole('status').textContent()).toContain('2,000 reshuffled paths');
    const finals = await percentiles.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(new Set(finals).size).toBe(1);
    await monteCarlo.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await desk.screenshot('strategy-monte-carlo');

    // Export version 1 as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export version 1' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('sma-crossover-v1.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported).toMatchObject({
      format: 'tickstep-strategy-version',
      title: 'SMA crossover',
      version: 1,
    });
    expect(exported.graph).toEqual(json);

    // A broken copy is refused, naming the node and the field.
    const broken = structuredClone(exported);
    broken.graph.nodes[0].indicator.period = -1;
    const brokenFile = join(desk.app.dataDir, 'broken.json');
    writeFileSync(brokenFile, JSON.stringify(broken));
    await page.getByLabel('Strategy file').setInputFiles(brokenFile);
    const importErrors = page.getByRole('alert', { name: 'Import errors' });
    await expect
      .poll(() => importErrors.textContent())
      .toContain('node "sma1" (nodes[0]) indicator.period: must be at least 1');
    await page.getByRole('region', { name: 'Builder toolbar' }).evaluate((el) => el.scrollIntoView());
    await desk.screenshot('strategy-import-error');

    // A changed copy is imported and saved as version 2.
    const faster = structuredClone(exported);
    faster.graph.nodes[0].indicator.period = 8;
    faster.notes = 'faster fast line';
    const fasterFile = join(desk.app.dataDir, 'faster.json');
    writeFileSync(fasterFile, JSON.stringify(faster));
    await page.getByLabel('Strategy file').setInputFiles(fasterFile);
    await expect.poll(() => node('sma1').textContent()).toContain('SMA(8)');
    expect(await importErrors.count()).toBe(0);
    expect(await save.getByLabel('Version notes').inputValue()).toBe('faster fast line');
    await save.getByRole('button', { name: 'Save as new version' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved version 2');

    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.getByRole('region', { name: 'Builder toolbar' }).evaluate((el) => el.scrollIntoView());
    await desk.screenshot('strategy-builder-light');

    await page.getByRole('button', { name: '← Strategies' }).click();
    const versions = page.getByRole('table', { name: 'Versions' });
    await expect.poll(() => versions.getByRole('row').count()).toBe(3);
    expect(await versions.textContent()).toContain('faster fast line');
    const runs = page.getByRole('table', { name: 'Runs' });
    await runs.getByRole('button', { name: 'Open report' }).click();
    await page.getByRole('region', { name: 'Backtest report' }).waitFor();
    await desk.screenshot('strategies-list-light');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await desk.screenshot('strategies-list-dark');

    // An old version opens as it was saved, laid out and fitted to the canvas.
    await versions.getByRole('button', { name: 'Open version 1' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('version 1 · saved');
    await expect.poll(() => node('sma1').textContent()).toContain('SMA(5)');
    expect(await node('buy1').isVisible()).toBe(true);
    await desk.screenshot('strategy-builder-open-version');
  });
});

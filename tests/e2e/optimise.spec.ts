import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { StrategyGraph } from '../../src/core/strategy/graph';
import { callMethod } from '../../src/main/cli/call';
import { seedCandles, syntheticCandles } from '../integration/trading/helpers';
import { deskForSuite } from './desk-suite';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

/** An M5 SMA crossover whose two periods are marked optimise: fast 5, 10, 15 and slow 20, 30, 40. */
const graph: StrategyGraph = {
  version: 1,
  timeframe: 'M5',
  params: [
    { name: 'fast', value: 5, optimise: { min: 5, max: 15, step: 5 } },
    { name: 'slow', value: 20, optimise: { min: 20, max: 40, step: 10 } },
  ],
  nodes: [
    { id: 'fast', type: 'indicator', indicator: { kind: 'sma', period: { param: 'fast' } } },
    { id: 'slow', type: 'indicator', indicator: { kind: 'sma', period: { param: 'slow' } } },
    { id: 'up', type: 'crosses-above', left: 'fast', right: 'slow' },
    { id: 'down', type: 'crosses-below', left: 'fast', right: 'slow' },
    {
      id: 'buy',
      type: 'enter',
      side: 'long',
      when: 'up',
      order: { type: 'market' },
      size: { lots: 1 },
      stopLoss: { pips: 20 },
      takeProfit: { pips: 40 },
    },
    {
      id: 'sell',
      type: 'enter',
      side: 'short',
      when: 'down',
      order: { type: 'market' },
      size: { lots: 1 },
      stopLoss: { pips: 20 },
      takeProfit: { pips: 40 },
    },
  ],
};

/**
 * Optimisation from the Strategies page in browser mode: two parameters on a grid, the results
 * table sorted by a column, the heatmap, one set backtested into the normal report, then a
 * walk-forward with its windows and stitched equity.
 */
describe('optimisation, in browser mode', () => {
  const suite = deskForSuite();

  it('optimises two parameters, sorts the table, shows the heatmap, backtests a set and walks forward', async () => {
    const { desk } = suite;
    const { page } = desk;
    seedCandles(desk.app, 'EURUSD', 'M1', syntheticCandles(4320));
    await callMethod(desk.app, 'strategies:create', { title: 'SMA crossover', graph });

    await nav(page, 'Strategies');
    await page.getByRole('button', { name: 'SMA crossover' }).click();
    const panel = page.getByRole('region', { name: 'Optimisation' });
    await panel.getByText('Searches fast 5–15 by 5, slow 20–40 by 10.').waitFor();
    await panel.getByLabel('Min trades').fill('1');
    await panel.getByRole('button', { name: 'Optimise' }).click();

    const table = panel.getByRole('table', { name: 'Optimisation results' });
    await table.waitFor({ timeout: 90_000 });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(9);
    // Sorted by the score, best first: the best set heads the table.
    expect(await table.locator('tbody tr').first().getAttribute('class')).toBe('chosen');
    await table.getByRole('button', { name: 'fast', exact: true }).click();
    await table.getByRole('button', { name: 'fast ▼' }).click();
    const fastColumn = await table.locator('tbody tr td:nth-child(1)').allTextContents();
    expect(fastColumn).toEqual(['5', '5', '5', '10', '10', '10', '15', '15', '15']);
    expect(await table.getByRole('columnheader', { name: 'fast ▲' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );

    const heatmap = panel.getByRole('table', { name: 'Heatmap slow by fast' });
    await expect.poll(() => heatmap.locator('td.heat-cell').count()).toBe(9);
    expect(await heatmap.getByLabel('fast 10, slow 30:').count()).toBe(1);
    await panel.getByRole('region', { name: 'Heatmap' }).scrollIntoViewIfNeeded();
    await desk.screenshot('optimise-results');

    await table.getByRole('button', { name: 'Backtest fast 10, slow 30' }).click();
    const report = page.getByRole('region', { name: 'Backtest report' });
    await report.waitFor({ timeout: 90_000 });
    await expect.poll(() => report.textContent()).toContain('fast = 10, slow = 30');
    await report.scrollIntoViewIfNeeded();
    await desk.screenshot('optimise-backtest-set');

    await panel.getByLabel('Mode').selectOption('walk-forward');
    await panel.getByLabel('Windows', { exact: true }).fill('3');
    await panel.getByLabel('In-sample %').fill('60');
    await panel.getByRole('button', { name: 'Walk forward' }).click();
    const windows = panel.getByRole('table', { name: 'Walk-forward windows' });
    await windows.waitFor({ timeout: 90_000 });
    await expect.poll(() => windows.locator('tbody tr').count()).toBe(3);
    expect(
      await panel.getByRole('heading', { name: /Walk-forward, 3 windows · out-of-sample net/ }).count(),
    ).toBe(1);
    await panel.getByRole('region', { name: 'Walk-forward' }).scrollIntoViewIfNeeded();
    await desk.screenshot('optimise-walk-forward');
  });
});

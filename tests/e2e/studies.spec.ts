import { describe, expect, it } from 'vitest';
import { importThroughWizard, startSession } from './browser';
import { deskForSuite } from './desk-suite';

/**
 * Needs <ChartStudies> mounted on the desk (src/renderer/src/features/desk/chart/ChartStudies.tsx): its
 * toolbar "Drawing tools", the "Indicators" button and panel, the "Drawings" list.
 */
describe('chart studies, in browser mode', () => {
  const suite = deskForSuite();

  it('indicators and drawings survive a reload', async () => {
    const { desk } = suite;
    const { page } = desk;

    await importThroughWizard(page);
    await startSession(page, '2019-01-02T12:00');
    const sessions = await desk.app.handlers['sessions:list']({});
    const sessionId = sessions[0]!.id;

    // Indicators: an EMA 50 on the price, an RSI in its own pane.
    await page.getByRole('button', { name: /^Indicators/ }).click();
    const panel = page.getByRole('region', { name: 'Indicators' });
    await panel.getByLabel('Indicator type').selectOption('ema');
    await panel.getByRole('button', { name: 'Add indicator' }).click();
    await panel
      .getByRole('group', { name: /EMA 20/ })
      .getByLabel('Period')
      .fill('50');
    await panel.getByLabel('Indicator type').selectOption('rsi');
    await panel.getByRole('button', { name: 'Add indicator' }).click();
    await expect.poll(() => panel.getByRole('group', { name: /RSI 14/ }).count()).toBe(1);
    await desk.screenshot('studies-panel');
    await panel.getByRole('button', { name: 'Close indicators' }).click();

    // Drawings: a horizontal line and a trend line, clicked on the price pane.
    const chart = page.getByRole('img', { name: 'Price chart' });
    const box = (await chart.boundingBox())!;
    const tools = page.getByRole('toolbar', { name: 'Drawing tools' });
    await tools.getByRole('button', { name: 'Horizontal line' }).click();
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.25);
    await tools.getByRole('button', { name: 'Trend line' }).click();
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.3);

    await expect
      .poll(async () => (await desk.app.handlers['drawings:list']({ sessionId })).map((d) => d.kind))
      .toEqual(['horizontal-line', 'trend-line']);
    await expect
      .poll(async () =>
        (await desk.app.handlers['studies:get']({ sessionId })).indicators.map((i) => [i.spec.kind, i.pane]),
      )
      .toEqual([
        ['ema', 'price'],
        ['rsi', 'own'],
      ]);
    const before = await desk.app.handlers['drawings:list']({ sessionId });
    await desk.screenshot('studies-before-reload');

    await page.reload();
    await page
      .getByRole('button', { name: /^Open session/ })
      .first()
      .click();
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-02 12:00 UTC');

    await expect
      .poll(() => page.getByRole('button', { name: /^Indicators/ }).textContent())
      .toBe('Indicators (2)');
    await page.getByRole('button', { name: /^Indicators/ }).click();
    const reopened = page.getByRole('region', { name: 'Indicators' });
    await expect.poll(() => reopened.getByRole('group', { name: /EMA 50/ }).count()).toBe(1);
    await expect.poll(() => reopened.getByRole('group', { name: /RSI 14/ }).count()).toBe(1);
    await reopened.getByRole('button', { name: 'Close indicators' }).click();

    await page.getByText(/^Drawings \(2\)$/).click();
    const list = page.getByRole('list', { name: 'Drawings' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => list.textContent()).toMatch(/Horizontal line .*Trend line/);
    expect(await desk.app.handlers['drawings:list']({ sessionId })).toEqual(before);
    await desk.screenshot('studies-after-reload');
    // The desk rebuilds its chart on a theme change: studies come back on the new chart.
    await page.getByRole('button', { name: 'Use light theme' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    await desk.screenshot('studies-light');
    await page.getByRole('button', { name: 'Use dark theme' }).click();

    // Selecting from the list and deleting removes it from the store too.
    await list.getByRole('button', { name: /^Delete Horizontal line/ }).click();
    await expect
      .poll(async () => (await desk.app.handlers['drawings:list']({ sessionId })).map((d) => d.kind))
      .toEqual(['trend-line']);
  });
});

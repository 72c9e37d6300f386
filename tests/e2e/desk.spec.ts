import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EURUSD_M1, startSession } from './browser';
import { deskForSuite } from './desk-suite';

/** "2019-01-02 15:00 UTC" → UTC seconds. */
const tsOf = (text: string | null) =>
  Date.parse(`${(text ?? '').replace(' UTC', '').replace(' ', 'T')}:00Z`) / 1000;

/** Every candle time the page received over the contract socket (snapshots, ticks, candle lists). */
function watchCandleTimes(page: Page): number[] {
  const seen: number[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) collect(v);
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.ts === 'number' && typeof o.open === 'number' && typeof o.close === 'number')
        seen.push(o.ts);
      for (const v of Object.values(o)) collect(v);
    }
  };
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string') collect(JSON.parse(frame.payload));
    }),
  );
  return seen;
}

/** Moves the pointer down the chart until a draggable level is under it (the cursor turns ns-resize). */
async function findDraggableLevel(page: Page): Promise<{ x: number; y: number }> {
  const chart = page.getByRole('img', { name: 'Price chart' });
  const box = (await chart.boundingBox())!;
  const x = box.x + box.width * 0.5;
  for (let y = box.y + 4; y < box.y + box.height - 90; y += 2) {
    await page.mouse.move(x, y);
    if ((await chart.evaluate((el) => el.style.cursor)) === 'ns-resize') return { x, y };
  }
  throw new Error('No draggable level on the chart');
}

describe('the replay desk, in browser mode', () => {
  const suite = deskForSuite();

  it('places every order type, drags a take profit, closes part of a position, and never shows the future', async () => {
    const { desk } = suite;
    const { page } = desk;
    const candleTimes = watchCandleTimes(page);
    await desk.app.handlers['import:run']({
      source: { handle: desk.app.files.grant(EURUSD_M1, 'read') },
      options: { symbol: 'EURUSD' },
    });
    await page.reload();
    await startSession(page, '2019-01-02T10:00');
    const replayTime = page.getByLabel('Replay time');
    const sessionId = (await desk.app.handlers['sessions:list']({}))[0]!.id;
    const bidOf = async () => (await desk.app.handlers['replay:snapshot']({ sessionId, count: 1 })).account;

    // Timeframe switch and one chart bar: M15 steps to the end of the next quarter hour.
    await page.getByLabel('Chart timeframe').selectOption('M15');
    await page.getByRole('button', { name: 'Next chart bar' }).click();
    await expect.poll(async () => tsOf(await replayTime.textContent()) % 900).toBe(840);
    expect((await desk.app.handlers['sessions:get']({ sessionId })).timeframe).toBe('M15');
    await desk.screenshot('desk-timeframe-m15');
    await page.getByLabel('Chart timeframe').selectOption('M1');
    await expect
      .poll(async () => (await desk.app.handlers['sessions:get']({ sessionId })).timeframe)
      .toBe('M1');

    // Market, limit and stop orders from the ticket.
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('1');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    const open = page.getByRole('table', { name: 'Open positions' });
    await expect.poll(() => open.getByRole('row').count()).toBe(2);

    const { bid, ask } = await bidOf();
    await ticket.getByLabel('Order type').selectOption('LIMIT');
    await ticket.getByLabel('Order price').fill((bid - 0.002).toFixed(5));
    await ticket.getByRole('button', { name: 'Buy' }).click();
    await ticket.getByLabel('Order type').selectOption('STOP');
    await ticket.getByLabel('Order price').fill((bid - 0.002).toFixed(5));
    await ticket.getByRole('button', { name: 'Sell' }).click();
    const pending = page.getByRole('table', { name: 'Pending orders' });
    await expect.poll(() => pending.getByRole('row').count()).toBe(3);
    await expect.poll(() => pending.getByRole('cell', { name: 'Buy limit' }).count()).toBe(1);
    await expect.poll(() => pending.getByRole('cell', { name: 'Sell stop' }).count()).toBe(1);

    // Right-click above the market: the ticket becomes a pending order decided by the price.
    const chart = page.getByRole('img', { name: 'Price chart' });
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 20, { button: 'right' });
    await expect.poll(() => ticket.getByLabel('Order type').inputValue()).toBe('PENDING');
    expect(Number(await ticket.getByLabel('Order price').inputValue())).toBeGreaterThan(ask);
    await expect
      .poll(() => ticket.getByLabel('Resulting pending orders').textContent())
      .toBe('Buy stop · Sell limit');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    await expect.poll(() => pending.getByRole('cell', { name: 'Buy stop' }).count()).toBe(1);
    await desk.screenshot('desk-order-types');

    // Cancel the pending orders.
    for (let n = 3; n > 0; n--) {
      await pending.getByRole('button', { name: 'Cancel order 1' }).click();
      if (n > 1) await expect.poll(() => pending.getByRole('row').count()).toBe(n);
    }
    await expect.poll(() => page.getByRole('table', { name: 'Pending orders' }).count()).toBe(0);

    // A take profit set in the table, then dragged on the chart.
    await open.getByRole('button', { name: 'Modify stop loss and take profit of position 1' }).click();
    await open.getByRole('textbox', { name: 'Take profit of position 1' }).fill((ask + 0.0015).toFixed(5));
    await open.getByRole('button', { name: 'Save stop loss and take profit of position 1' }).click();
    const tpOf = async () =>
      (await desk.app.handlers['positions:list']({ sessionId, status: 'OPEN' }))[0]!.tpPrice;
    await expect.poll(tpOf).toBeCloseTo(ask + 0.0015, 5);
    const before = (await tpOf())!;
    const grab = await findDraggableLevel(page);
    await page.mouse.down();
    await page.mouse.move(grab.x, grab.y - 40, { steps: 8 });
    await page.mouse.up();
    await expect.poll(tpOf).toBeGreaterThan(before);
    const after = (await tpOf())!;
    await expect.poll(() => open.getByRole('cell', { name: after.toFixed(5) }).count()).toBe(1);
    await desk.screenshot('desk-tp-dragged');

    // Partial close: 0.4 of 1 lot.
    await open.getByLabel('Lots to close of position 1').fill('0.4');
    await open.getByRole('button', { name: /^Close position/ }).click();
    await expect.poll(() => open.getByRole('cell', { name: '0.6', exact: true }).count()).toBe(1);
    const history = page.getByRole('table', { name: 'Closed positions' });
    await expect.poll(() => history.getByRole('cell', { name: '0.4', exact: true }).count()).toBe(1);
    await open.getByRole('button', { name: 'Move the stop loss of position 1 to break-even' }).click();
    // Break-even moves the stop to the entry, or says why not (the price must be beyond the entry).
    await expect
      .poll(
        async () =>
          (await desk.app.handlers['positions:list']({ sessionId, status: 'OPEN' }))[0]!.slPrice !== null ||
          (await page.getByRole('alert').filter({ hasText: 'Break-even needs' }).count()) === 1,
      )
      .toBe(true);
    await desk.screenshot('desk-partial-close');

    // Jump to 15:00: nothing after the cursor ever reaches the page.
    await page.getByLabel('Jump to (UTC)').fill('2019-01-02T15:00');
    await page.getByRole('button', { name: 'Jump' }).click();
    await expect.poll(() => replayTime.textContent()).toBe('2019-01-02 15:00 UTC');
    const cursor = (await desk.app.handlers['sessions:get']({ sessionId })).cursorTs;
    const snapshot = await desk.app.handlers['replay:snapshot']({ sessionId, count: 600 });
    expect(snapshot.candles.at(-1)!.ts).toBe(cursor);
    expect(Math.max(...candleTimes)).toBe(cursor);
    // Through the UI: the bar under the pointer at the chart's right edge is the cursor's, never later.
    await chart.hover();
    await page.keyboard.press('End');
    let legend = '';
    for (let x = box.x + box.width - 70; x > box.x + box.width / 2 && !legend; x -= 4) {
      await page.mouse.move(x, box.y + box.height / 3);
      legend = (await page.getByRole('region', { name: 'Bar under the cursor' }).textContent()) ?? '';
    }
    expect(tsOf(legend.slice(0, 16))).toBe(cursor);
    await desk.screenshot('desk-after-jump');

    // Layout and chart settings persist: panel sizes in localStorage, the timeframe in the session.
    const panel = page.getByRole('separator', { name: 'Resize the order ticket panel' });
    const width = Number(await panel.getAttribute('aria-valuenow'));
    await panel.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await panel.getAttribute('aria-valuenow'))).toBe(width + 40);
    await page.getByLabel('Chart timeframe').selectOption('M5');
    await expect
      .poll(async () => (await desk.app.handlers['sessions:get']({ sessionId })).timeframe)
      .toBe('M5');
    await page.reload();
    await page.getByRole('button', { name: /^Open session/ }).click();
    await expect.poll(() => page.getByLabel('Chart timeframe').inputValue()).toBe('M5');
    await expect.poll(async () => Number(await panel.getAttribute('aria-valuenow'))).toBe(width + 40);
    await desk.screenshot('desk-layout-restored');
    await page.getByRole('button', { name: 'Use light theme' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Use dark theme' }).count()).toBe(1);
    await desk.screenshot('desk-light');

    await page.getByRole('button', { name: 'Close all positions' }).click();
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);
    await page.getByRole('button', { name: 'Use dark theme' }).click();

    // The other side of each order type: sell at market, sell limit above, buy stop above.
    const quote = await bidOf();
    await ticket.getByLabel('Order type').selectOption('MARKET');
    await ticket.getByRole('button', { name: /^Sell/ }).click();
    await expect.poll(() => open.getByRole('cell', { name: 'Sell', exact: true }).count()).toBe(1);
    await ticket.getByLabel('Order type').selectOption('LIMIT');
    await ticket.getByLabel('Order price').fill((quote.bid + 0.002).toFixed(5));
    await ticket.getByRole('button', { name: /^Sell limit/ }).click();
    await ticket.getByLabel('Order type').selectOption('STOP');
    await ticket.getByLabel('Order price').fill((quote.ask + 0.002).toFixed(5));
    await ticket.getByRole('button', { name: /^Buy stop/ }).click();
    await expect.poll(() => pending.getByRole('cell', { name: 'Sell limit' }).count()).toBe(1);
    await expect.poll(() => pending.getByRole('cell', { name: 'Buy stop' }).count()).toBe(1);
    await ticket.getByLabel('Order type').selectOption('MARKET');

    // Keyboard: help, buy, close all, speed, step, next chart bar (M5), play and pause.
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.getByRole('row').count()).toBeGreaterThan(8);
    await desk.screenshot('desk-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('b');
    await expect.poll(() => open.getByRole('cell', { name: 'Buy', exact: true }).count()).toBe(1);
    await page.keyboard.press('Shift+C');
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);
    await page.keyboard.press('+');
    await expect.poll(() => page.getByLabel('Speed').inputValue()).toBe('2x');
    const stepFrom = tsOf(await replayTime.textContent());
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => tsOf(await replayTime.textContent())).toBe(stepFrom + 60);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => tsOf(await replayTime.textContent()) % 300).toBe(240);
    // Exact names: "Play" alone also matches the "Replay desk" tab, so it passed while still playing.
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);

    // A stop loss half a pip under the bid is hit within a few bars: the desk says so.
    const { bid: now } = await bidOf();
    await ticket.getByRole('textbox', { name: 'Stop loss', exact: true }).fill((now - 0.00005).toFixed(5));
    await ticket.getByRole('button', { name: /^Buy/ }).click();
    const notices = page.getByRole('list', { name: 'Notifications' });
    const stepButton = page.getByRole('button', { name: 'Step', exact: true });
    // Paused again, stepping is allowed again.
    expect(await stepButton.isEnabled()).toBe(true);
    for (let i = 0; i < 20 && !(await notices.textContent())?.includes('Stop loss hit'); i++)
      await stepButton.click();
    await expect.poll(() => notices.textContent()).toContain('Stop loss hit at');
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);
    await desk.screenshot('desk-stop-loss-hit');
  });
});

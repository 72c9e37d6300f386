import { describe, expect, it } from 'vitest';
import type { LedgerEntryDto } from '../../src/shared/dto';
import { importThroughWizard, startSession } from './browser';
import { deskForSuite } from './desk-suite';

/** "10,012.34 USD" → 1001234 */
const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.-]/g, '')) * 100);

describe('a trader’s first trade, in browser mode', () => {
  const suite = deskForSuite();

  it('imports an MT4 file, starts a session, steps, buys, closes, and the balance matches the ledger', async () => {
    const { desk } = suite;
    const { page } = desk;

    await importThroughWizard(page);
    // The instrument was guessed from the file name.
    await expect
      .poll(() => page.getByLabel('Import result').textContent())
      .toContain('1,440 M1 candles of EURUSD');
    await startSession(page, '2019-01-02T10:00', {
      'Spread (points)': '10',
      'Commission per lot per fill (USD)': '3.5',
    });
    const replayTime = page.getByLabel('Replay time');
    await expect.poll(() => page.getByLabel('Balance').textContent()).toBe('10,000.00 USD');

    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => replayTime.textContent()).toBe('2019-01-02 10:03 UTC');

    await page.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('1');
    await page.getByRole('button', { name: 'Buy' }).click();
    const open = page.getByRole('table', { name: 'Open positions' });
    await expect.poll(() => open.getByRole('row').count()).toBe(2);
    await expect.poll(() => open.getByRole('cell', { name: 'Buy' }).count()).toBe(1);

    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => replayTime.textContent()).toBe('2019-01-02 10:08 UTC');
    await desk.screenshot('first-trade-open-position');

    await open.getByRole('button', { name: /^Close position/ }).click();
    await expect.poll(() => open.getByText('No open positions.').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('table', { name: 'Closed positions' }).getByRole('row').count())
      .toBe(2);

    // The balance on screen is the ledger's last balance_after, and the ledger adds up.
    const sessions = await desk.app.handlers['sessions:list']({});
    const ledger: LedgerEntryDto[] = await desk.app.handlers['ledger:list']({ sessionId: sessions[0]!.id });
    const types = ledger.map((t) => t.type);
    expect(types[0]).toBe('DEPOSIT');
    expect(types).toEqual(expect.arrayContaining(['COMMISSION', 'PNL', 'SPREAD']));
    const sum = ledger.reduce((total, t) => total + t.amountCents, 0);
    const last = ledger.at(-1)!;
    expect(last.balanceAfterCents).toBe(sum);
    await expect
      .poll(async () => cents(await page.getByLabel('Balance').textContent()))
      .toBe(last.balanceAfterCents);
    await expect
      .poll(async () => cents(await page.getByLabel('Equity').textContent()))
      .toBe(last.balanceAfterCents);
    await expect
      .poll(() => page.getByRole('table', { name: 'Ledger' }).getByRole('row').count())
      .toBe(ledger.length + 1);
    await desk.screenshot('first-trade-closed');
  });
});

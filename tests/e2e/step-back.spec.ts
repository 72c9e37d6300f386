import { describe, expect, it } from 'vitest';
import { EURUSD_M1, startSession } from './browser';
import { deskForSuite } from './desk-suite';

describe('step back and branch on the desk, in browser mode', () => {
  const suite = deskForSuite();

  it('steps back over a trade: the desk and the session are as they were before it', async () => {
    const { desk } = suite;
    const { page, app } = desk;
    await app.handlers['import:run']({
      source: { handle: app.files.grant(EURUSD_M1, 'read') },
      options: { symbol: 'EURUSD' },
    });
    await page.reload();
    await startSession(page, '2019-01-02T10:00');
    const sessionId = (await app.handlers['sessions:list']({}))[0]!.id;
    const stepButton = page.getByRole('button', { name: 'Step', exact: true });
    const replayTime = page.getByLabel('Replay time');
    const openPositions = page.getByRole('table', { name: 'Open positions' });
    for (let i = 0; i < 3; i++) await stepButton.click();
    await expect.poll(() => replayTime.textContent()).toBe('2019-01-02 10:03 UTC');
    const account = page.getByRole('region', { name: 'Account' });
    const shownBefore = await account.textContent();
    const storedBefore = {
      session: await app.handlers['sessions:get']({ sessionId }),
      ledger: await app.handlers['ledger:list']({ sessionId }),
      positions: await app.handlers['positions:list']({ sessionId, status: 'ALL' }),
    };

    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('spinbutton', { name: 'Lots', exact: true }).fill('0.5');
    await ticket.getByRole('button', { name: 'Buy' }).click();
    for (let i = 0; i < 4; i++) await stepButton.click();
    await expect.poll(() => replayTime.textContent()).toBe('2019-01-02 10:07 UTC');
    await expect.poll(() => openPositions.textContent()).not.toContain('No open positions');

    await page.getByRole('spinbutton', { name: 'Bars to step back' }).fill('4');
    await page.getByRole('button', { name: 'Rewind', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rewind 4 bars?' });
    await expect.poll(() => dialog.textContent()).toContain('after that bar is undone');
    await desk.screenshot('step-back-warning');
    await dialog.getByRole('button', { name: 'Rewind' }).click();

    await expect.poll(() => replayTime.textContent()).toBe('2019-01-02 10:03 UTC');
    await expect.poll(() => account.textContent()).toBe(shownBefore);
    await expect.poll(() => openPositions.textContent()).toContain('No open positions');
    const storedAfter = {
      session: await app.handlers['sessions:get']({ sessionId }),
      ledger: await app.handlers['ledger:list']({ sessionId }),
      positions: await app.handlers['positions:list']({ sessionId, status: 'ALL' }),
    };
    const { updatedAt: _a, status: _s, ...sessionAfter } = storedAfter.session;
    const { updatedAt: _b, status: _t, ...sessionBefore } = storedBefore.session;
    expect(sessionAfter).toEqual(sessionBefore);
    expect(storedAfter.ledger).toEqual(storedBefore.ledger);
    expect(storedAfter.positions).toEqual(storedBefore.positions);
    await desk.screenshot('step-back-after');
  });

  it('branches a session: the desk opens the branch and the sessions list shows the family', async () => {
    const { desk } = suite;
    const { page, app } = desk;
    const parent = (await app.handlers['sessions:list']({}))[0]!;
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.getByRole('button', { name: 'Branch', exact: true }).click();
    await expect.poll(async () => (await app.handlers['sessions:list']({})).length).toBe(2);
    const child = (await app.handlers['sessions:list']({})).find((s) => s.parentSessionId === parent.id)!;
    expect(child.cursorTs).toBe((await app.handlers['sessions:get']({ sessionId: parent.id })).cursorTs);
    await expect.poll(() => page.getByLabel('Replay time').textContent()).toBe('2019-01-02 10:04 UTC');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
    const rows = page.getByRole('table', { name: 'Sessions' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    // The parent first, its branch right under it (indented), saying from which bar.
    await expect.poll(() => rows.nth(1).textContent()).toContain(parent.name);
    await expect.poll(() => rows.nth(2).textContent()).toContain('Branched at 2019-01-02 10:04');
    await expect
      .poll(() => rows.nth(2).getByText('Branched at').getAttribute('title'))
      .toBe(`Branch of ${parent.name}`);
    await desk.screenshot('branch-family');
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTRACT_SOCKET_PATH } from '../../src/shared/contract/wire';
import { EURUSD_M1, startSession } from './browser';
import { deskForSuite } from './desk-suite';

/**
 * Routes the page's contract socket through the test: calls reach the back end at once, and the
 * back end's frames (answers and events) can be held and then let through in their order, as a
 * busy machine delays them.
 */
async function slowableSocket(page: Page) {
  const methods: string[] = [];
  let held: (string | Buffer)[] | null = null;
  let release = () => {};
  await page.routeWebSocket(
    (url) => url.pathname === CONTRACT_SOCKET_PATH,
    (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        methods.push((JSON.parse(String(frame)) as { method: string }).method);
        server.send(frame);
      });
      server.onMessage((frame) => (held ? held.push(frame) : ws.send(frame)));
      release = () => {
        for (const frame of held ?? []) ws.send(frame);
        held = null;
      };
    },
  );
  return {
    methods,
    hold: () => {
      held = [];
    },
    release: () => release(),
  };
}

describe('play and pause, in browser mode', () => {
  const suite = deskForSuite();

  it('Space pressed twice before the back end answers the first press plays, then pauses', async () => {
    const { desk } = suite;
    const { page } = desk;
    const socket = await slowableSocket(page);
    await desk.app.handlers['import:run']({
      source: { handle: desk.app.files.grant(EURUSD_M1, 'read') },
      options: { symbol: 'EURUSD' },
    });
    await page.reload();
    await startSession(page, '2019-01-02T10:00');
    const sessionId = (await desk.app.handlers['sessions:list']({}))[0]!.id;
    const playButton = page.getByRole('button', { name: 'Play', exact: true });
    await expect.poll(() => playButton.count()).toBe(1);

    await page.evaluate('document.activeElement?.blur()');
    socket.hold();
    const before = socket.methods.length;
    await page.keyboard.press(' ');
    await page.keyboard.press(' ');
    // Both presses have reached the back end while the desk still waits for the first answer.
    await expect
      .poll(() => socket.methods.slice(before).filter((m) => m.startsWith('replay:')).length)
      .toBe(2);
    socket.release();

    // The second press paused the clock (it used to ask for play again, and the replay ran on)...
    await expect
      .poll(async () => (await desk.app.handlers['sessions:get']({ sessionId })).status)
      .toBe('PAUSED');
    // ...and the desk shows what the back end answered: paused, stepping allowed.
    const stepButton = page.getByRole('button', { name: 'Step', exact: true });
    await expect
      .poll(async () => (await playButton.count()) === 1 && (await stepButton.isEnabled()))
      .toBe(true);
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Desk, launchChromium, openDesk } from './browser';

/**
 * Chromium and a fresh desk (browser mode on a temporary data directory) for the enclosing
 * describe block, closed after it. Read `suite.desk` inside the tests.
 */
export function deskForSuite(): { readonly desk: Desk } {
  let browser: Browser | undefined;
  let desk: Desk | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    desk = await openDesk(browser);
  });
  afterAll(async () => {
    await desk?.close();
    await browser?.close();
  });
  return {
    get desk() {
      if (!desk) throw new Error('The desk opens in beforeAll');
      return desk;
    },
  };
}

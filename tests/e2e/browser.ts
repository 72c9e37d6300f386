import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { OpenAppOptions } from '../../src/main/app/open-app';
import { type BrowserServer, startBrowserServer } from '../../src/main/browser/browser-server';
import { openTempApp, REPO_ROOT } from '../helpers/temp-app';

export const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');

/** One day of EURUSD M1 in MetaTrader 4 format: 1,440 bars of 2019-01-02. */
export const EURUSD_M1 = join(REPO_ROOT, 'tests', 'fixtures', 'mt4', 'EURUSD_M1_2019-01-02.csv');

/** Debian's Chromium, with the flags this machine's closed network needs. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Desk {
  app: ReturnType<typeof openTempApp>;
  server: BrowserServer;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Browser mode on a fresh data directory (app options as `npm run serve` would vary them), with a page open on it. */
export async function openDesk(browser: Browser, appOptions: Partial<OpenAppOptions> = {}): Promise<Desk> {
  const rendererDir = join(REPO_ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('Build the renderer first: npm run build');
  const app = openTempApp(appOptions);
  const server = await startBrowserServer(app, { port: 0, rendererDir });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  return {
    app,
    server,
    page,
    screenshot: async (name) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: async () => {
      await context.close();
      await server.close();
      app.dispose();
      if (pageErrors.length) throw new Error(`Errors in the page: ${pageErrors.join('; ')}`);
    },
  };
}

/** Imports a candle file as a trader does: the file box, the guessed instrument, Import, the result. */
export async function importThroughWizard(page: Page, file = EURUSD_M1): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import data' }).click();
  await page.getByLabel('Candle file').setInputFiles(file);
  await page.getByRole('region', { name: 'Import preview' }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByLabel('Import result').waitFor();
}

/**
 * Starts a session from the Sessions page at `startAt` ("2019-01-02T10:00", UTC), with any other
 * settings by their label, and waits for the desk to show the start time.
 */
export async function startSession(
  page: Page,
  startAt: string,
  settings: Record<string, string> = {},
): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sessions' }).click();
  await page.getByLabel('Start (UTC)').fill(startAt);
  for (const [label, value] of Object.entries(settings)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Start session' }).click();
  await page
    .getByLabel('Replay time')
    .filter({ hasText: `${startAt.replace('T', ' ')} UTC` })
    .waitFor();
}

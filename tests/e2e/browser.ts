import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type BrowserServer, startBrowserServer } from '../../src/main/browser/browser-server';
import { openTempApp, REPO_ROOT } from '../helpers/temp-app';

export const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');

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

/** Browser mode on a fresh data directory, with a page open on it. */
export async function openDesk(browser: Browser): Promise<Desk> {
  const rendererDir = join(REPO_ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('Build the renderer first: npm run build');
  const app = openTempApp();
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

import { existsSync } from 'node:fs';
import { AppError, ErrorCode } from '../../shared/errors';

/** Turns a self-contained HTML page into PDF bytes. */
export type PrintPdf = (html: string) => Promise<Buffer>;

/** Where Chromium is looked for (browser mode and the CLI print the HTML report with it). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Prints the HTML report to an A4 PDF with a headless Chromium driven by playwright-core.
 * Without Chromium (or playwright-core) this is a clear UNSUPPORTED error and nothing is written.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new AppError(
      ErrorCode.UNSUPPORTED,
      `PDF export needs Chromium, not found at ${executablePath} (install it or set CHROMIUM_PATH); export as HTML instead`,
    );
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    // A development dependency: loaded by name at run time, never bundled into the app's main.
    const moduleName = 'playwright-core';
    ({ chromium } = (await import(/* @vite-ignore */ moduleName)) as typeof import('playwright-core'));
  } catch {
    throw new AppError(ErrorCode.UNSUPPORTED, 'PDF export needs playwright-core, which this build lacks');
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const page = await browser.newPage();
    // The report has no script and no external asset: nothing to wait for beyond the DOM.
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
  } finally {
    await browser.close();
  }
}

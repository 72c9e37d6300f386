import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';

/**
 * The desktop app's PDF export: the standalone HTML report printed to A4 by Electron's own
 * Chromium (`webContents.printToPDF`) in a hidden window with scripts off and its own session,
 * so the desktop needs neither a system Chromium nor playwright-core.
 */
export async function electronPrintPdf(html: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'tickstep-pdf-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      partition: 'tickstep-pdf',
    },
  });
  try {
    await window.loadFile(file);
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      margins: { top: 0.47, bottom: 0.47, left: 0.39, right: 0.39 },
    });
  } finally {
    window.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

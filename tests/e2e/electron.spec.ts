import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-app';
import { ARTIFACTS, EURUSD_M1 } from './browser';

/** The Electron binary, or why it is not there (it cannot be downloaded on every machine). */
function electronBinary(): { path: string } | { why: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(path) ? { path } : { why: `the Electron binary is missing at ${path}` };
  } catch (error) {
    return { why: `the Electron binary is not installed (${(error as Error).message.split('\n')[0]})` };
  }
}

const binary = electronBinary();
if ('why' in binary)
  console.log(`Skipping the Electron launch test: ${binary.why}. Browser-mode tests cover the same journey.`);

describe.skipIf('why' in binary)('the desktop window', () => {
  it('opens a hardened window showing the app', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-electron-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [REPO_ROOT, '--no-sandbox'],
      env: { ...process.env, TICKSTEP_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('button', { name: 'Import data' }).waitFor();
      // No Node in the page, only the contract bridge: isolation, sandbox and no nodeIntegration at work.
      const exposed = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as { tickstep?: object }).tickstep ?? {}).sort(),
      }));
      expect(exposed).toEqual({
        require: 'undefined',
        process: 'undefined',
        bridge: ['call', 'chooseCandleFile', 'onEvent'],
      });
      await window.screenshot({ path: join(ARTIFACTS, 'electron-window.png') });

      // The import wizard's "Choose file…" is the native dialog (answered here as a trader would).
      await app.evaluate(({ dialog }, path) => {
        dialog.showOpenDialog = (async () => ({
          canceled: false,
          filePaths: [path],
        })) as typeof dialog.showOpenDialog;
      }, EURUSD_M1);
      await window.getByRole('button', { name: 'Import data' }).click();
      await window.getByRole('button', { name: 'Choose file…' }).click();
      await window
        .getByRole('region', { name: 'Import preview' })
        .getByRole('heading', { name: 'Preview of EURUSD_M1_2019-01-02.csv' })
        .waitFor();
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

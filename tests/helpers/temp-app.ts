import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type OpenAppOptions, openApp, type TickstepApp } from '../../src/main/app/open-app';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** A fresh data directory (or `options.dataDir`, to reopen one) and app for one test; `dispose` closes it and removes the folder. */
export function openTempApp(
  options: Partial<OpenAppOptions> = {},
): TickstepApp & { dataDir: string; dispose(): void } {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tickstep-test-'));
  const app = openApp({ appRoot: REPO_ROOT, mode: 'browser', log: () => {}, ...options, dataDir });
  return {
    ...app,
    dataDir,
    dispose: () => {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

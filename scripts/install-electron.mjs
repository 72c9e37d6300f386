#!/usr/bin/env node
// Runs after `npm install`. Electron's own install script downloads the Electron binary and,
// when it cannot (offline machines, networks that block the download), fails the whole install,
// after which npm removes node_modules. package.json's allowScripts turns that script off; this
// one runs it in its place and turns a failed download into advice, so the rest of the install
// (browser mode, the CLI, the tests) stays usable.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const binary = join(dir, 'dist', readFileSync(pathTxt, 'utf8'));
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const NO_ELECTRON_ADVICE = [
  'Everything else is installed. Open the same app in your browser instead:',
  '  npm run serve',
  '`npm test` runs in full without Electron. To get the desktop window later, run',
  "`node node_modules/electron/install.js` on a network that reaches Electron's downloads.",
].join('\n');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
  if (electronBinary()) process.exit(0);
  let installJs;
  try {
    installJs = require.resolve('electron/install.js');
  } catch {
    process.exit(0); // electron is not installed at all (a production install): nothing to fetch
  }
  const run = spawnSync(process.execPath, [installJs], { encoding: 'utf8', timeout: 5 * 60_000 });
  if (run.status === 0 && electronBinary()) process.exit(0);
  const reason =
    (run.stderr || run.error?.message || '').split('\n').find((line) => line.trim() !== '') ??
    'no reason given';
  console.warn(`\nTickstep: the Electron binary could not be downloaded (${reason.trim()}).`);
  console.warn(NO_ELECTRON_ADVICE);
  console.warn('');
}

#!/usr/bin/env node
// `npm run build`: the Electron app (electron-vite: main, preload, renderer) and the Node bundles
// (scripts/build-node.mjs), then a stamp holding when it started, so `npm run serve` can tell
// whether anything changed since.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode } from './build-node.mjs';
import { FULL_STAMP, writeStamp } from './build-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs both builds; exits the process with electron-vite's status when it fails. */
export async function buildAll() {
  const startedAtMs = Date.now();
  const vite = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  await buildNode({ root });
  writeStamp(join(root, FULL_STAMP), startedAtMs);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildAll();
}

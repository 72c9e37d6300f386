#!/usr/bin/env node
// `npm run serve`: browser mode from the built server (out/node/serve.cjs), building first only
// when a source or config changed since the last `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStaleReason, FULL_BUILD_INPUTS, FULL_STAMP } from './build-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'out', 'node', 'serve.cjs');
// `npm start` rebuilds only the Electron parts; a missing bundle is stale whatever the stamp says.
const stale = existsSync(server)
  ? buildStaleReason(root, FULL_STAMP, FULL_BUILD_INPUTS)
  : 'no build of the server yet';
if (stale) {
  console.log(`Building (${stale})`);
  const { buildAll } = await import('./build.mjs');
  await buildAll();
}
// The server reads its flags from process.argv, which are this script's.
const { loadBundle } = await import('./run-bundle.mjs');
loadBundle(server);

#!/usr/bin/env node
// The `tickstep` command. Runs the bundled CLI (out/node/cli.cjs, `npm run build`) when that build
// is current, else the TypeScript sources through tsx, so a checkout works without a build and
// an edit is never shadowed by an old bundle. Either way in this process: no second Node start.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildStaleReason, NODE_BUILD_INPUTS, NODE_STAMP } from '../scripts/build-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'node', 'cli.cjs');
const source = join(root, 'src', 'main', 'cli', 'main.ts');

/** The built bundle when it is current; the sources when there are any to be newer than it. */
function builtIsCurrent() {
  if (!existsSync(built)) return false;
  if (!existsSync(source)) return true;
  return buildStaleReason(root, NODE_STAMP, NODE_BUILD_INPUTS) === undefined;
}

let cli;
if (builtIsCurrent()) {
  const { loadBundle } = await import('../scripts/run-bundle.mjs');
  cli = loadBundle(built);
} else {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(pathToFileURL(source).href, import.meta.url);
}
process.exitCode = await cli.runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});

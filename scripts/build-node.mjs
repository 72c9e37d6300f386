// Bundles what runs in plain Node (the CLI, the import workers, the browser-mode server) into
// out/node/, so starting them compiles no TypeScript: through tsx each process paid about 2 CPU s.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_STAMP, writeStamp } from './build-stamp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Entry points, named as their importers look for them: startWorker finds `<name>.js` next to
 * the bundle that calls it, so the workers sit beside cli.js and serve.js (ESM: package.json says
 * "type": "module").
 */
export const NODE_ENTRIES = {
  cli: 'src/main/cli/main.ts',
  serve: 'src/main/browser/serve.ts',
  'import.worker': 'src/main/features/market/import/import.worker.ts',
  'parse.worker': 'src/main/features/market/import/parse.worker.ts',
};

/** Native (better-sqlite3), optional (playwright-core, loaded on demand for PDFs) or Electron. */
export const NODE_EXTERNAL = ['better-sqlite3', 'playwright-core', 'electron', 'electron-updater'];

/**
 * Builds into `outDir` (default out/node) and, for the default, stamps the build with its start.
 * @param {{ root?: string, outDir?: string }} [options]
 */
export async function buildNode(options = {}) {
  const root = options.root ?? ROOT;
  const outDir = options.outDir ?? join(root, 'out', 'node');
  const startedAtMs = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(NODE_ENTRIES).map(([out, source]) => ({ out, in: source })),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Pure-JS packages are bundled too: loading hundreds of package files through Node's ESM
    // loader cost more than the bundle. Native or optional ones stay external.
    external: NODE_EXTERNAL,
    // Bundled CommonJS packages call require(); ESM output has none of its own.
    banner: {
      js: "import { createRequire as __tsRequire } from 'node:module'; const require = __tsRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  if (!options.outDir) writeStamp(join(root, NODE_STAMP), startedAtMs);
  return { outDir, startedAtMs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildNode();
}

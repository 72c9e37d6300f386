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
 * the bundle that calls it, so the workers sit beside cli.cjs and serve.cjs.
 */
export const NODE_ENTRIES = {
  cli: 'src/main/cli/main.ts',
  serve: 'src/main/browser/serve.ts',
  'import.worker': 'src/main/features/market/import/import.worker.ts',
  'parse.worker': 'src/main/features/market/import/parse.worker.ts',
  'optimise.worker': 'src/main/features/strategies/optimise.worker.ts',
};

/**
 * Native (better-sqlite3), optional (playwright-core, loaded on demand for PDFs), Electron, or
 * piscina (it starts its threads from its own worker.js, which a bundle would not carry).
 */
export const NODE_EXTERNAL = ['better-sqlite3', 'playwright-core', 'electron', 'electron-updater', 'piscina'];

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
  const common = {
    absWorkingDir: root,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Pure-JS packages are bundled too: loading hundreds of package files through Node's module
    // loader cost more than the bundle. Native or optional ones stay external.
    external: NODE_EXTERNAL,
    sourcemap: 'linked',
    logLevel: 'warning',
  };
  const entries = (names) =>
    names.map((name) => ({ out: name, in: /** @type {Record<string,string>} */ (NODE_ENTRIES)[name] }));
  // The CLI and the server are CommonJS so run-bundle.mjs can start them from V8's code cache;
  // import.meta.url (app root, worker files) becomes the bundle's own file URL.
  await build({
    ...common,
    entryPoints: entries(['cli', 'serve']),
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__bundleUrl' },
    // import() becomes require(): a script run from V8's code cache has no dynamic import in
    // Node 20 (playwright-core for PDFs is the one such import).
    supported: { 'dynamic-import': false },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // Workers are ESM `.js` (package.json says "type": "module"); bundled CommonJS packages in them
  // call require(), which ESM output lacks.
  await build({
    ...common,
    entryPoints: entries(['import.worker', 'parse.worker', 'optimise.worker']),
    format: 'esm',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  if (!options.outDir) writeStamp(join(root, NODE_STAMP), startedAtMs);
  return { outDir, startedAtMs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildNode();
}

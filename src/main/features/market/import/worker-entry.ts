import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts worker `<name>`: the bundled `<name>.js` next to the bundle running this (out/main from
 * electron-vite, out/node from scripts/build-node.mjs), else the `.ts` source beside this module. Node 20 workers do not take tsx from
 * execArgv, so a source worker is a tiny eval script that loads the entry through tsx's API.
 * Returns undefined when there is no entry at all (the caller then works in-thread).
 */
export function startWorker(name: string, options: WorkerOptions): Worker | undefined {
  // A bounded heap makes V8 collect the parser's short-lived strings early: flat memory.
  options = { resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 }, ...options };
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, `${name}.js`);
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = join(here, `${name}.ts`);
  if (!existsSync(source)) return undefined;
  const url = JSON.stringify(pathToFileURL(source).href);
  const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${url}, ${url}))`;
  return new Worker(code, { ...options, eval: true });
}

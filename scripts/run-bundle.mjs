// Loads a CommonJS bundle from out/node with V8's code cache beside it (`<bundle>.cache`), so a
// start skips compiling the bundle (about 50 ms of CPU for the CLI's 1.5 MB). The cache is written
// at exit by the first run after a build and whenever V8 turns it down (another build or Node).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs `file` as CommonJS and returns its exports.
 * @param {string} file absolute path of a `.cjs` bundle
 */
export function loadBundle(file) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
  });
  if (!cachedData || script.cachedDataRejected) {
    // At exit, so the functions the run compiled are in the cache too.
    process.once('exit', () => {
      try {
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // A read-only install runs without the cache.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

// Whether a build is current: its stamp records when the build started, and the build is stale
// once any input file was modified at or after that moment (an edit made while it ran counts).
// Plain JavaScript so the `tickstep` bin and `npm run serve` can ask before anything is compiled.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the Node bundles (CLI, import workers, browser-mode server) are built from. */
export const NODE_BUILD_INPUTS = [
  'src/main',
  'src/shared',
  'src/core',
  'package.json',
  'scripts/build-node.mjs',
];

/** What `npm run build` (renderer, preload, Electron main and the Node bundles) is built from. */
export const FULL_BUILD_INPUTS = [
  'src',
  'package.json',
  'electron.vite.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'scripts/build.mjs',
  'scripts/build-node.mjs',
];

export const NODE_STAMP = 'out/node/build-stamp.json';
export const FULL_STAMP = 'out/build-stamp.json';

/**
 * Pure: undefined when the build is current, else why not. `stamp` is the parsed stamp file
 * (undefined when missing or unreadable); `inputs` every input file with its mtime in ms.
 * @param {{ startedAtMs: number } | undefined} stamp
 * @param {{ path: string, mtimeMs: number }[]} inputs
 * @returns {string | undefined}
 */
export function staleReason(stamp, inputs) {
  if (!stamp || typeof stamp.startedAtMs !== 'number' || !Number.isFinite(stamp.startedAtMs))
    return 'no build yet';
  for (const input of inputs) {
    if (input.mtimeMs >= stamp.startedAtMs) return `${input.path} changed since the last build`;
  }
  return undefined;
}

/**
 * Every file under the given paths (relative to root), with its mtime; a missing path is skipped.
 * @param {string} root
 * @param {string[]} paths
 * @returns {{ path: string, mtimeMs: number }[]}
 */
export function listInputs(root, paths) {
  /** @type {{ path: string, mtimeMs: number }[]} */
  const found = [];
  const visit = (rel) => {
    let stat;
    try {
      stat = statSync(join(root, rel));
    } catch {
      return;
    }
    if (!stat.isDirectory()) {
      found.push({ path: rel, mtimeMs: stat.mtimeMs });
      return;
    }
    for (const entry of readdirSync(join(root, rel))) visit(`${rel}/${entry}`);
  };
  for (const path of paths) visit(path);
  return found;
}

/**
 * @param {string} file
 * @returns {{ startedAtMs: number } | undefined}
 */
export function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * @param {string} file
 * @param {number} startedAtMs
 */
export function writeStamp(file, startedAtMs) {
  writeFileSync(file, `${JSON.stringify({ startedAtMs })}\n`);
}

/**
 * Undefined when the build stamped at `stampFile` (relative to root) is current for `inputs`.
 * @param {string} root
 * @param {string} stampFile
 * @param {string[]} inputs
 */
export function buildStaleReason(root, stampFile, inputs) {
  return staleReason(readStamp(join(root, stampFile)), listInputs(root, inputs));
}

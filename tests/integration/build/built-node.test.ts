import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode, NODE_ENTRIES } from '../../../scripts/build-node.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const run = promisify(execFile);

/**
 * The esbuild bundles that `npm run build` puts in out/node, built here into a folder of their
 * own under out/ (so the packages and the app root resolve as they do for out/node) and run as
 * whole processes. Every other test runs the sources.
 */
describe('the built CLI, import workers and browser-mode server', () => {
  let outDir: string;
  let dataDir: string;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    outDir = join(ROOT, 'out', `test-build-${process.pid}`, 'node');
    await buildNode({ root: ROOT, outDir });
    dataDir = mkdtempSync(join(tmpdir(), 'tickstep-built-'));
  });

  afterAll(() => {
    if (server?.pid !== undefined && server.exitCode === null) server.kill('SIGTERM');
    rmSync(join(outDir, '..'), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('bundles every entry, workers as <name>.js beside the CLI where startWorker looks', () => {
    for (const name of Object.keys(NODE_ENTRIES)) {
      const file = name.endsWith('.worker') ? `${name}.js` : `${name}.cjs`;
      expect(existsSync(join(outDir, file))).toBe(true);
    }
  });

  it('imports through the bundled workers and lists the dataset', async () => {
    const cli = join(outDir, 'cli.cjs');
    const file = join(FIXTURES, 'histdata_EURUSD_M1.csv');
    const imported = await run(process.execPath, [
      cli,
      'import',
      file,
      '--symbol',
      'EURUSD',
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(JSON.parse(imported.stdout)).toMatchObject({ symbol: 'EURUSD', format: 'histdata', rows: 3 });
    const listed = await run(process.execPath, [cli, 'datasets', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ symbol: 'EURUSD', rows: 3 })]);
  });

  it('starts browser mode and prints its URL', async () => {
    server = spawn(process.execPath, [join(outDir, 'serve.cjs'), '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolvePromise, reject) => {
      let out = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) resolvePromise(m[1]!);
      });
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  // After `npm run build` (CI: npm test builds first) this runs out/node/cli.cjs; in a checkout
  // without a current build, the sources through tsx. Both must answer the same.
  it('bin/tickstep.mjs prints the usage and exits 0', async () => {
    const help = await run(process.execPath, [join(ROOT, 'bin', 'tickstep.mjs'), '--help']);
    expect(help.stdout).toMatch(/^Usage: tickstep <command>/);
  });
});

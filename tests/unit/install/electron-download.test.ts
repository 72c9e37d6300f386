import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
// @ts-expect-error plain ESM script without types
const { electronBinary } = (await import('../../../scripts/install-electron.mjs')) as {
  electronBinary: () => string | null;
};

function run(script: string, env: Record<string, string> = {}) {
  const cleanEnv = { ...process.env, ...env };
  delete cleanEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return spawnSync(process.execPath, [join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: cleanEnv,
  });
}

describe('installing where the Electron binary cannot be downloaded', () => {
  it("keeps npm from running Electron's own download, which would fail the whole install", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>;
      scripts: Record<string, string>;
    };
    expect(pkg.allowScripts.electron).toBe(false);
    expect(pkg.scripts.postinstall).toBe('node scripts/install-electron.mjs');
  });

  it('finishes the install with advice when the download fails', () => {
    // A mirror nobody listens on: the download fails at once, as it does offline.
    const result = run('install-electron.mjs', { ELECTRON_MIRROR: 'http://127.0.0.1:9/' });
    expect(result.status).toBe(0);
    if (electronBinary() === null) {
      expect(result.stderr).toContain('the Electron binary could not be downloaded');
      expect(result.stderr).toContain('npm run serve');
    }
  });

  it('npm start says what is missing and offers browser mode', () => {
    if (electronBinary() !== null) {
      console.log('skipped: the Electron binary is installed here, so npm start would open a window');
      return;
    }
    const result = run('start.mjs');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the Electron binary is not installed');
    expect(result.stderr).toContain('npm run serve');
  });
});

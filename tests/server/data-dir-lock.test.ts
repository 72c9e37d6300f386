import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_MIGRATIONS } from '../../src/server/app.js';
import { DataDirInUseError, lockDataDir, openDatabase } from '../../src/server/db/open.js';

const dir = mkdtempSync(join(tmpdir(), 'tickstep-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the embedded database is one process’s', () => {
  it('promote-admin against a data directory a running server holds fails with a clear message', async () => {
    const pgliteDir = join(dir, 'pgdata');
    const db = await openDatabase({ pgliteDir, migrationsFolder: SERVER_MIGRATIONS });
    try {
      // another opener in this process, then the CLI in another process
      await expect(openDatabase({ pgliteDir, migrationsFolder: SERVER_MIGRATIONS })).rejects.toThrow(
        DataDirInUseError,
      );
      const root = resolve(__dirname, '../..');
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/server/main.ts', 'promote-admin', 'someone@example.test'],
        {
          cwd: root,
          env,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(r.stderr).not.toMatch(/Error:/);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/in use by process \d+/);
    } finally {
      await db.close();
    }
    // released on close
    lockDataDir(pgliteDir)();
  }, 90_000);

  it('takes over a lock left by a process that no longer runs', () => {
    const d = join(dir, 'stale');
    writeFileSync(`${d}.lock`, '999999999');
    const release = lockDataDir(d);
    expect(() => lockDataDir(d)).toThrow(/in use by process/);
    release();
  });
});

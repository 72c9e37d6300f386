import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { toContractError } from '../../../src/main/contract/dispatch';
import { inspectStoreHeader, openDatabase, StoreDamagedError } from '../../../src/main/db/open-database';
import { instruments } from '../../../src/main/db/schema';
import { openTempApp } from '../../helpers/temp-app';

const posix = process.platform !== 'win32';
const mode = (path: string) => statSync(path).mode & 0o777;
const NOW = () => new Date('2026-12-03T09:41:07.123Z');

describe('the store on disk', () => {
  const dirs: string[] = [];
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => {
    app?.dispose();
    app = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickstep-store-'));
    dirs.push(dir);
    return dir;
  };

  it.runIf(posix)('keeps the data folder owner-only (0700) and the store files 0600', () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    app = openTempApp({ dataDir });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'tickstep.db'))).toBe(0o600);
    for (const side of ['-wal', '-shm'])
      if (existsSync(join(dataDir, `tickstep.db${side}`)))
        expect(mode(join(dataDir, `tickstep.db${side}`))).toBe(0o600);
  });

  it.runIf(posix)('tightens a store an older version left 0644', () => {
    const dataDir = tempDir();
    openTempApp({ dataDir }).close();
    chmodSync(join(dataDir, 'tickstep.db'), 0o644);
    app = openTempApp({ dataDir });
    expect(mode(join(dataDir, 'tickstep.db'))).toBe(0o600);
  });

  it('reopens a healthy store as it is, with nothing moved aside', () => {
    const dataDir = tempDir();
    const first = openTempApp({ dataDir });
    const count = first.ctx.store.db.select().from(instruments).all().length;
    first.close();
    app = openTempApp({ dataDir });
    expect(app.ctx.store.recovered).toBeNull();
    expect(app.ctx.store.db.select().from(instruments).all()).toHaveLength(count);
    expect(readdirSync(dataDir).filter((f) => f.includes('damaged'))).toEqual([]);
  });

  it('keeps a zero-length store aside, starts a fresh one and says where the old file is', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'tickstep.db'), '');
    app = openTempApp({ dataDir });
    const recovered = app.ctx.store.recovered;
    expect(recovered).toMatchObject({ reason: 'it is empty (0 bytes)' });
    expect(recovered?.keptAt).toMatch(/tickstep\.db\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(statSync(recovered?.keptAt ?? '').size).toBe(0);
    expect(recovered?.message).toBe(
      `The store at ${join(dataDir, 'tickstep.db')} is damaged (it is empty (0 bytes)). It was kept at ` +
        `${recovered?.keptAt}; a fresh store was started. Your candle files on disk are untouched: import them again.`,
    );
    expect(await app.dispatch('app:get-info', {})).toMatchObject({ ok: true });
    expect(app.ctx.store.db.select().from(instruments).all().length).toBeGreaterThan(0);
  });

  it('keeps a store of random bytes aside byte for byte, with its -wal and -shm, never overwriting', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'tickstep.db');
    const bytes = randomBytes(64 * 1024);
    writeFileSync(file, bytes);
    writeFileSync(`${file}-wal`, 'wal bytes');
    writeFileSync(`${file}-shm`, 'shm bytes');
    // An earlier damaged store kept in the same second: its name is taken, so a suffix is added.
    writeFileSync(`${file}.damaged-2026-12-03T09-41-07Z`, 'older');
    const store = openDatabase(file, { now: NOW });
    try {
      expect(store.recovered).toMatchObject({
        keptAt: `${file}.damaged-2026-12-03T09-41-07Z-2`,
        reason: 'it is not a SQLite database',
      });
      expect(readFileSync(`${file}.damaged-2026-12-03T09-41-07Z-2`).equals(bytes)).toBe(true);
      expect(readFileSync(`${file}.damaged-2026-12-03T09-41-07Z-2-wal`, 'utf8')).toBe('wal bytes');
      expect(readFileSync(`${file}.damaged-2026-12-03T09-41-07Z-2-shm`, 'utf8')).toBe('shm bytes');
      expect(readFileSync(`${file}.damaged-2026-12-03T09-41-07Z`, 'utf8')).toBe('older');
      expect(store.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('runs quick_check on a store shorter than its header says, and keeps it aside when damaged', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'tickstep.db');
    const first = openTempApp({ dataDir });
    first.ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    const size = statSync(file).size;
    expect(inspectStoreHeader(file)).toEqual({ kind: 'ok' });
    truncateSync(file, Math.floor(size / 4096 / 2) * 4096);
    expect(inspectStoreHeader(file).kind).toBe('suspect');
    const store = openDatabase(file, { now: NOW });
    try {
      expect(store.recovered?.reason).toMatch(/shorter than its header says .*; SQLite/);
    } finally {
      store.close();
    }
  });

  it('prints the recovery from the CLI and still runs the command', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'tickstep.db'), 'not a database at all, just text');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['datasets', '--data-dir', dataDir], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/is damaged \(it is not a SQLite database\)\. It was kept at .*damaged-/);
  });

  it('answers SQLite corruption met at run time as STORE_DAMAGED in plain words, not INTERNAL', () => {
    const error = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    const contract = toContractError('replay:step', error);
    expect(contract.code).toBe('STORE_DAMAGED');
    expect(contract.message).toMatch(/store is damaged.*restart Tickstep/);
    expect(toContractError('replay:step', new Error('boom')).code).toBe('INTERNAL');
  });

  it.runIf(posix && process.getuid?.() !== 0)(
    'throws STORE_DAMAGED when the damaged store cannot be moved',
    () => {
      const dataDir = tempDir();
      writeFileSync(join(dataDir, 'tickstep.db'), '');
      chmodSync(dataDir, 0o500);
      try {
        expect(() => openDatabase(join(dataDir, 'tickstep.db'))).toThrow(StoreDamagedError);
      } finally {
        chmodSync(dataDir, 0o700);
      }
    },
  );
});

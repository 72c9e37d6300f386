import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildStaleReason,
  listInputs,
  readStamp,
  staleReason,
  writeStamp,
} from '../../../scripts/build-stamp.mjs';

describe('staleReason: is the last build current?', () => {
  const stamp = { startedAtMs: 1_000 };

  it('is current when every input is older than the build start', () => {
    expect(staleReason(stamp, [])).toBeUndefined();
    expect(
      staleReason(stamp, [
        { path: 'src/a.ts', mtimeMs: 10 },
        { path: 'package.json', mtimeMs: 999.9 },
      ]),
    ).toBeUndefined();
  });

  it('is stale when an input changed at or after the build started (an edit during the build counts)', () => {
    expect(staleReason(stamp, [{ path: 'src/a.ts', mtimeMs: 1_000 }])).toBe(
      'src/a.ts changed since the last build',
    );
    expect(
      staleReason(stamp, [
        { path: 'src/a.ts', mtimeMs: 5 },
        { path: 'src/b.ts', mtimeMs: 2_000 },
      ]),
    ).toBe('src/b.ts changed since the last build');
  });

  it('is stale without a readable stamp', () => {
    expect(staleReason(undefined, [])).toBe('no build yet');
    expect(staleReason({ startedAtMs: Number.NaN }, [])).toBe('no build yet');
    expect(staleReason({} as { startedAtMs: number }, [])).toBe('no build yet');
  });
});

describe('buildStaleReason on a folder', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('walks nested inputs, skips missing ones, and reads the stamp the build wrote', () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-stamp-'));
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'src', 'deep', 'a.ts'), '');
    writeFileSync(join(dir, 'package.json'), '{}');
    const old = new Date(2020, 0, 1);
    utimesSync(join(dir, 'src', 'deep', 'a.ts'), old, old);
    utimesSync(join(dir, 'package.json'), old, old);
    const inputs = ['src', 'package.json', 'missing.json'];
    expect(listInputs(dir, inputs).map((i) => i.path)).toEqual(['src/deep/a.ts', 'package.json']);

    expect(buildStaleReason(dir, 'out/stamp.json', inputs)).toBe('no build yet');
    mkdirSync(join(dir, 'out'));
    writeStamp(join(dir, 'out', 'stamp.json'), Date.now());
    expect(readStamp(join(dir, 'out', 'stamp.json'))?.startedAtMs).toBeTypeOf('number');
    expect(buildStaleReason(dir, 'out/stamp.json', inputs)).toBeUndefined();

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'deep', 'a.ts'), later, later);
    expect(buildStaleReason(dir, 'out/stamp.json', inputs)).toBe(
      'src/deep/a.ts changed since the last build',
    );
  });
});

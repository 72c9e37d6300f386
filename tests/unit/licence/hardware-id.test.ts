import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hardwareId, hashHardwareId, readMachineId } from '../../../src/main/platform/hardware-id';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// The hosted server's check on the hardware id it is sent (src/server/routes/licences.ts).
const SERVER_PATTERN = /^[A-Za-z0-9:_-]{8,128}$/;

describe('hardware id', () => {
  it('is a stable hash of the machine id, never the raw id', () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-hw-'));
    const raw = '4c4c4544-0042-3510-8052-b4c04f4e4d32';
    const a = hardwareId(dir, () => raw);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toMatch(SERVER_PATTERN);
    expect(a).not.toContain(raw.slice(0, 8));
    expect(hardwareId(dir, () => raw)).toBe(a);
    expect(hardwareId(dir, () => ` ${raw.toUpperCase()}\n`)).toBe(a);
    expect(hardwareId(dir, () => 'another-machine')).not.toBe(a);
  });

  it('falls back to a random id kept in the data directory when the system has none', () => {
    dir = mkdtempSync(join(tmpdir(), 'tickstep-hw-'));
    const first = hardwareId(dir, () => null);
    expect(first).toBe(hardwareId(dir, () => null));
    expect(first).toBe(hashHardwareId(readFileSync(join(dir, 'machine-id'), 'utf8')));
  });

  it('reads this machine id without throwing', () => {
    const raw = readMachineId();
    expect(raw === null || raw.length > 0).toBe(true);
  });
});

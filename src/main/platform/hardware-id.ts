import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOwnerOnlyFile } from './secret-store';

const SALT = 'tickstep-hardware-id:v1:';

/**
 * This machine's id, stable across restarts, reinstalls and data-directory moves, and never sent raw:
 * the server sees `sha256("tickstep-hardware-id:v1:" + raw)` as 64 hex digits.
 * Raw sources: Linux `/etc/machine-id`; macOS `IOPlatformUUID`; Windows `MachineGuid`. When none can
 * be read (a container, a locked-down system), a random id kept in `<dataDir>/machine-id`.
 */
export function hardwareId(dataDir: string, readRaw: () => string | null = readMachineId): string {
  return hashHardwareId(readRaw() ?? fallbackId(dataDir));
}

export function hashHardwareId(raw: string): string {
  return createHash('sha256').update(`${SALT}${raw.trim().toLowerCase()}`).digest('hex');
}

/** The operating system's machine id, or null. */
export function readMachineId(platform: NodeJS.Platform = process.platform): string | null {
  try {
    if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
      for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id', '/etc/hostid']) {
        if (!existsSync(file)) continue;
        const id = readFileSync(file, 'utf8').trim();
        if (id) return id;
      }
      return null;
    }
    if (platform === 'darwin') {
      const out = execFileSync('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], {
        encoding: 'utf8',
        timeout: 5000,
      });
      return /"IOPlatformUUID"\s*=\s*"([^"]+)"/.exec(out)?.[1] ?? null;
    }
    if (platform === 'win32') {
      const out = execFileSync(
        'reg',
        ['query', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid'],
        { encoding: 'utf8', timeout: 5000, windowsHide: true },
      );
      return /MachineGuid\s+REG_SZ\s+(\S+)/i.exec(out)?.[1] ?? null;
    }
  } catch {
    return null;
  }
  return null;
}

function fallbackId(dataDir: string): string {
  const file = join(dataDir, 'machine-id');
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (id) return id;
  }
  mkdirSync(dataDir, { recursive: true });
  const id = randomUUID();
  writeOwnerOnlyFile(file, `${id}\n`);
  return id;
}

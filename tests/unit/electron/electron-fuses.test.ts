import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/temp-app';

interface FusesScript {
  flipFuseWires(binary: Buffer, fuses: Record<string, boolean>): number;
  FUSES: Record<string, boolean>;
  SENTINEL: Buffer;
  default: unknown;
}
const fuses = createRequire(import.meta.url)(join(REPO_ROOT, 'scripts', 'electron-fuses.cjs')) as FusesScript;

/** A fake binary with one fuse wire per `wires` entry: Electron's defaults, optionally with removed fuses. */
function binaryWith(wires: string[]): Buffer {
  const parts: Buffer[] = [Buffer.from('ELF….text….')];
  for (const wire of wires)
    parts.push(
      fuses.SENTINEL,
      Buffer.from([1, wire.length]),
      Buffer.from(wire, 'latin1'),
      Buffer.from('….data….'),
    );
  return Buffer.concat(parts);
}
const wireAt = (binary: Buffer, n = 0) => {
  let at = -1;
  for (let i = 0; i <= n; i++) at = binary.indexOf(fuses.SENTINEL, at + 1);
  const start = at + fuses.SENTINEL.length + 2;
  return binary.subarray(start, start + binary[at + fuses.SENTINEL.length + 1]!).toString('latin1');
};

describe('the Electron fuses of a packaged build', () => {
  it('are the hardened set: no run-as-node, NODE_OPTIONS or --inspect; cookie encryption, asar only and checked', () => {
    expect(fuses.FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('flips every fuse wire in the binary (two in a universal macOS build), leaving the rest alone', () => {
    // Electron's defaults: runAsNode on, cookies plain, NODE_OPTIONS on, inspect on, no asar checks.
    const binary = binaryWith(['10110010', '10110010']);
    const before = Buffer.from(binary);
    expect(fuses.flipFuseWires(binary, fuses.FUSES)).toBe(2);
    expect(wireAt(binary, 0)).toBe('01001110');
    expect(wireAt(binary, 1)).toBe('01001110');
    expect(binary.length).toBe(before.length);
    expect(binary.subarray(0, 10).equals(before.subarray(0, 10))).toBe(true);
  });

  it('leaves a removed fuse removed, and refuses a binary with no wire or an unknown wire version', () => {
    const binary = binaryWith(['1r11001']);
    fuses.flipFuseWires(binary, fuses.FUSES);
    expect(wireAt(binary)).toBe('0r00111');
    expect(() => fuses.flipFuseWires(Buffer.from('no wire here'), fuses.FUSES)).toThrow(
      /No Electron fuse wire/,
    );
    const v2 = binaryWith(['1011']);
    v2[v2.indexOf(fuses.SENTINEL) + fuses.SENTINEL.length] = 2;
    expect(() => fuses.flipFuseWires(v2, fuses.FUSES)).toThrow(/version 2/);
    expect(() => fuses.flipFuseWires(binaryWith(['1011']), fuses.FUSES)).toThrow(/no fuse/);
  });

  it('runs as electron-builder afterPack hook', () => {
    expect(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')).toMatch(
      /^afterPack: scripts\/electron-fuses\.cjs$/m,
    );
    expect(typeof fuses.default).toBe('function');
  });
});

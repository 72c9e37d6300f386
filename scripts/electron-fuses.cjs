// electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary before it is
// signed. electron-builder 25 (this repo's) has no `electronFuses` option (it arrived in 26) and
// @electron/fuses is not a dependency, so this writes the documented fuse wire itself:
//   <sentinel "dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX"> <version byte = 1> <wire length n> <n fuse bytes>
// where each fuse byte is '0' (off), '1' (on) or 'r' (removed from this Electron; left alone).
// When the repo moves to electron-builder >= 26, replace this hook by `electronFuses:` with the
// same settings (FUSES below).
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1');
const OFF = 0x30;
const ON = 0x31;
const REMOVED = 0x72;

/** Fuse V1 positions on the wire (Electron's docs/tutorial/fuses.md). */
const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/** Tickstep's fuses: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect; encrypted cookies; the app only from its checked asar. */
const FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};

/**
 * Flips `fuses` in every fuse wire found in `binary` (a universal macOS binary has two), in place.
 * Returns how many wires were changed; throws when there is none or its version is not 1.
 */
function flipFuseWires(binary, fuses) {
  let wires = 0;
  for (let at = binary.indexOf(SENTINEL); at !== -1; at = binary.indexOf(SENTINEL, at + 1)) {
    const version = binary[at + SENTINEL.length];
    const length = binary[at + SENTINEL.length + 1];
    if (version !== 1) throw new Error(`Unknown Electron fuse wire version ${version}`);
    const start = at + SENTINEL.length + 2;
    for (const [name, value] of Object.entries(fuses)) {
      const index = FUSE_INDEX[name];
      if (index === undefined) throw new Error(`Unknown Electron fuse ${name}`);
      if (index >= length) throw new Error(`This Electron has no fuse ${name}`);
      if (binary[start + index] === REMOVED) continue;
      binary[start + index] = value ? ON : OFF;
    }
    wires++;
  }
  if (wires === 0) throw new Error('No Electron fuse wire in this binary');
  return wires;
}

/** The file that holds the fuse wire in a packed app. */
function fuseBinaryPath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(
        context.appOutDir,
        `${name}.app`,
        'Contents',
        'Frameworks',
        'Electron Framework.framework',
        'Electron Framework',
      );
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const file = fuseBinaryPath(context);
  const binary = readFileSync(file);
  flipFuseWires(binary, FUSES);
  writeFileSync(file, binary);
  // Apple Silicon refuses a binary whose ad-hoc signature no longer matches; electron-builder signs
  // the app afterwards when an identity is configured, else this ad-hoc signature is what ships.
  if (context.electronPlatformName === 'darwin' && process.platform === 'darwin' && context.arch === 3) {
    execFileSync('codesign', [
      '--sign',
      '-',
      '--force',
      '--preserve-metadata=entitlements,requirements,flags,runtime',
      file,
    ]);
  }
  console.log(`  • electron fuses flipped  file=${file}`);
}

module.exports = { default: afterPack, afterPack, flipFuseWires, FUSES, FUSE_INDEX, SENTINEL };

import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLicencePublicKey } from '../../../src/main/features/plan';
import { isDevelopmentRun } from '../../../src/main/platform/development-run';

const pem = () => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('the licence public key', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const setup = () => {
    const appRoot = mkdtempSync(join(tmpdir(), 'tickstep-key-'));
    dirs.push(appRoot);
    mkdirSync(join(appRoot, 'resources'));
    const shipped = pem();
    writeFileSync(join(appRoot, 'resources', 'licence-public-key.pem'), shipped);
    const forged = join(appRoot, 'forged.pem');
    writeFileSync(forged, pem());
    return { appRoot, shipped, forged, env: { TICKSTEP_LICENCE_PUBLIC_KEY: forged } };
  };

  it('ignores TICKSTEP_LICENCE_PUBLIC_KEY unless the caller allows an override (a packaged build never does)', () => {
    const { appRoot, shipped, env } = setup();
    expect(loadLicencePublicKey(appRoot, env)).toBe(shipped);
    expect(loadLicencePublicKey(appRoot, env, false)).toBe(shipped);
  });

  it('honours the override in development and tests', () => {
    const { appRoot, forged, env } = setup();
    expect(loadLicencePublicKey(appRoot, env, true)).toBe(readFileSync(forged, 'utf8'));
  });

  it('counts as development only NODE_ENV development or test, or TICKSTEP_DEV=1', () => {
    expect(isDevelopmentRun({ NODE_ENV: 'test' })).toBe(true);
    expect(isDevelopmentRun({ NODE_ENV: 'development' })).toBe(true);
    expect(isDevelopmentRun({ TICKSTEP_DEV: '1' })).toBe(true);
    expect(isDevelopmentRun({})).toBe(false);
    expect(isDevelopmentRun({ NODE_ENV: 'production' })).toBe(false);
    expect(isDevelopmentRun({ NODE_ENV: 'dev', TICKSTEP_DEV: 'yes' })).toBe(false);
  });
});

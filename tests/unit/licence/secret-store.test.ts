import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, fileSecretStores } from '../../../src/main/platform/secret-store';
import { openTempApp } from '../../helpers/temp-app';
import { MACHINE, makeKeys, signLicence } from './licence-tokens';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tickstep-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('token file', () => {
  it('round-trips a secret in a file readable only by the user', () => {
    const path = join(dir, 'licence.token');
    const store = createFileSecretStore(path);
    expect(store.read()).toBeNull();
    store.write('header.payload.signature');
    expect(store.read()).toBe('header.payload.signature');
    if (posix) expect(mode(path)).toBe(0o600);
    store.write('second.token.value');
    expect(store.read()).toBe('second.token.value');
    if (posix) expect(mode(path)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['licence.token']); // no temp file left behind
    store.clear();
    expect(existsSync(path)).toBe(false);
    expect(store.read()).toBeNull();
  });

  it.skipIf(!posix)('tightens a file whose mode was widened', () => {
    const path = join(dir, 'licence.token');
    const store = createFileSecretStore(path);
    store.write('a.b.c');
    chmodSync(path, 0o644);
    expect(store.read()).toBe('a.b.c');
    expect(mode(path)).toBe(0o600);
  });

  it('names each secret <name>.token in the data directory', () => {
    fileSecretStores(dir)('licence').write('x.y.z');
    expect(existsSync(join(dir, 'licence.token'))).toBe(true);
  });

  it('is what openApp uses in browser mode and the CLI: installing a licence writes a 0600 file', async () => {
    const keys = makeKeys();
    const now = Math.floor(Date.now() / 1000);
    const app = openTempApp({ licencePublicKeyPem: keys.publicPem, hardwareId: MACHINE });
    try {
      const token = await signLicence(keys, { iat: now, exp: now + 86_400 });
      const result = await app.ctx.licence?.install(token);
      expect(result?.accepted).toBe(true);
      const path = join(app.dataDir, 'licence.token');
      if (posix) expect(mode(path)).toBe(0o600);
      const plan = await app.dispatch('account:get-plan', {});
      expect(plan).toMatchObject({ ok: true, value: { plan: 'pro', licence: { state: 'active' } } });
    } finally {
      app.dispose();
    }
  });
});

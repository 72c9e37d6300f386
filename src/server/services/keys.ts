import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { importPKCS8, importSPKI } from 'jose';

type Key = Awaited<ReturnType<typeof importPKCS8>>;

export interface SigningKeys {
  privateKey: Key;
  publicKey: Key;
  publicKeyPem: string;
  generated: boolean;
}

/**
 * Loads the Ed25519 signing key (PKCS#8 PEM) from `path`. When the file is missing and `allowGenerate`
 * is set (development), a new key is written there with mode 0600, its public half next to it.
 */
export async function loadSigningKeys(path: string, allowGenerate: boolean): Promise<SigningKeys> {
  let generated = false;
  if (!existsSync(path)) {
    if (!allowGenerate) throw new Error(`Signing key not found at ${path}`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    writeFileSync(`${path.replace(/\.pem$/, '')}.pub.pem`, publicKey.export({ type: 'spki', format: 'pem' }));
    generated = true;
  }
  const privatePem = readFileSync(path, 'utf8');
  const publicKeyPem = createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }).toString();
  return {
    privateKey: await importPKCS8(privatePem, 'EdDSA'),
    publicKey: await importSPKI(publicKeyPem, 'EdDSA'),
    publicKeyPem,
    generated,
  };
}

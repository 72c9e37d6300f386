import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { LICENCE_AUDIENCE, LICENCE_ISSUER, LICENCE_TOKEN_TYPE } from '../../../src/shared/licence';
import type { PaidAttemptClaim } from '../../../src/shared/paid-attempts';

export const DAY = 86_400;
export const MACHINE = 'a'.repeat(64);
export const OTHER_MACHINE = 'b'.repeat(64);

export interface KeyPair {
  privatePem: string;
  publicPem: string;
}

export function makeKeys(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface TokenOptions {
  iat: number;
  exp: number;
  hwid?: string;
  plan?: string;
  graceDays?: number;
  features?: Record<string, boolean | number | string>;
  email?: string;
  /** Paid challenge attempts (the `attempts` claim); absent from the token when not given. */
  attempts?: PaidAttemptClaim[];
}

/** A licence token made the way the hosted server makes one (src/server/services/licences.ts). */
export async function signLicence(keys: KeyPair, o: TokenOptions): Promise<string> {
  return new SignJWT({
    email: o.email ?? 'trader@example.com',
    lic: 'lic-1',
    act: 'act-1',
    plan: o.plan ?? 'pro',
    entitlements: {
      maxDevices: 2,
      features: o.features ?? { maxInstruments: 50, maxActiveSessions: 20, reportExportsPerMonth: 200 },
    },
    hwid: o.hwid ?? MACHINE,
    graceDays: o.graceDays ?? 7,
    ...(o.attempts ? { attempts: o.attempts } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: LICENCE_TOKEN_TYPE })
    .setIssuer(LICENCE_ISSUER)
    .setAudience(LICENCE_AUDIENCE)
    .setSubject('user-1')
    .setIssuedAt(o.iat)
    .setExpirationTime(o.exp)
    .sign(await importPKCS8(keys.privatePem, 'EdDSA'));
}

/** The same token with its payload edited and the original signature kept. */
export function tamper(token: string, edit: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** A clock the test moves. */
export function testClock(start: number) {
  let now = start;
  return {
    nowSeconds: () => now,
    set: (ts: number) => {
      now = ts;
    },
    advance: (seconds: number) => {
      now += seconds;
    },
  };
}

/** An in-memory SecretStore. */
export function memoryStore(initial: string | null = null) {
  let value = initial;
  return {
    description: 'memory',
    read: () => value,
    write: (secret: string) => {
      value = secret;
    },
    clear: () => {
      value = null;
    },
  };
}

/**
 * Licence tokens issued by the hosted endpoint and verified offline by the desktop app.
 *
 * Format: a compact JWS (JWT) signed with Ed25519 (`alg: EdDSA`, `typ: tickstep-licence+jwt`).
 * Verification uses `jose`, which runs on Web Crypto: no Node-only API, so it works in the Electron
 * main process, the renderer, and the server alike.
 */
import { compactVerify, decodeProtectedHeader, importSPKI } from 'jose';
import { isPaidAttemptClaims, type PaidAttemptClaim } from './paid-attempts';

export const LICENCE_ISSUER = 'tickstep';
export const LICENCE_AUDIENCE = 'tickstep-licence';
export const LICENCE_TOKEN_TYPE = 'tickstep-licence+jwt';

export interface LicenceEntitlements {
  maxDevices: number;
  features: Record<string, boolean | number | string>;
}

/** The signed claims. Times are UTC epoch seconds. */
export interface LicenceClaims {
  iss: typeof LICENCE_ISSUER;
  aud: typeof LICENCE_AUDIENCE;
  /** User id. */
  sub: string;
  email: string;
  /** Licence id and activation id on the server. */
  lic: string;
  act: string;
  plan: string;
  entitlements: LicenceEntitlements;
  /** The hardware id the token is bound to. */
  hwid: string;
  iat: number;
  /** After `exp` the app should refresh; it keeps working offline until `exp + graceDays` days. */
  exp: number;
  graceDays: number;
  /**
   * The paid, unrefunded challenge attempts and resets bought for this device (paid-attempts.ts).
   * Absent in tokens issued before paid attempts existed: none.
   */
  attempts?: PaidAttemptClaim[];
}

export type LicenceFailure =
  | 'malformed'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_hardware'
  | 'not_yet_valid'
  | 'expired';

export type LicenceVerification =
  | {
      ok: true;
      claims: LicenceClaims;
      /** `valid` before `exp`; `grace` between `exp` and `graceEndsAt` (refresh when online). */
      state: 'valid' | 'grace';
      graceEndsAt: number;
      secondsLeft: number;
    }
  | { ok: false; reason: LicenceFailure };

const CLOCK_SKEW_SECONDS = 300;

function isClaims(v: unknown): v is LicenceClaims {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  const ent = c.entitlements as Record<string, unknown> | undefined;
  return (
    typeof c.sub === 'string' &&
    typeof c.lic === 'string' &&
    typeof c.act === 'string' &&
    typeof c.plan === 'string' &&
    typeof c.hwid === 'string' &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    typeof c.graceDays === 'number' &&
    c.graceDays >= 0 &&
    !!ent &&
    typeof ent.maxDevices === 'number' &&
    typeof ent.features === 'object' &&
    (c.attempts === undefined || isPaidAttemptClaims(c.attempts))
  );
}

/**
 * Verifies a licence token offline: Ed25519 signature with `publicKeyPem` (SPKI PEM), issuer and
 * audience, the hardware binding, and time (`nowSeconds`, UTC epoch seconds). Never throws.
 */
export async function verifyLicenceToken(
  token: string,
  publicKeyPem: string,
  hardwareId: string,
  nowSeconds: number,
): Promise<LicenceVerification> {
  if (typeof token !== 'string' || token.split('.').length !== 3 || token.length > 8192) {
    return { ok: false, reason: 'malformed' };
  }
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'EdDSA' || header.typ !== LICENCE_TOKEN_TYPE)
      return { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  let payload: Uint8Array;
  try {
    const key = await importSPKI(publicKeyPem, 'EdDSA');
    ({ payload } = await compactVerify(token, key, { algorithms: ['EdDSA'] }));
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.iss !== LICENCE_ISSUER || claims.aud !== LICENCE_AUDIENCE)
    return { ok: false, reason: 'wrong_issuer' };
  if (claims.hwid !== hardwareId) return { ok: false, reason: 'wrong_hardware' };
  if (claims.iat > nowSeconds + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'not_yet_valid' };
  const graceEndsAt = claims.exp + claims.graceDays * 86_400;
  if (nowSeconds >= graceEndsAt) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims,
    state: nowSeconds < claims.exp ? 'valid' : 'grace',
    graceEndsAt,
    secondsLeft: graceEndsAt - nowSeconds,
  };
}

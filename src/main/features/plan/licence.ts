import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import type { LicenceStatusDto } from '../../../shared/contract/account';
import { type LicenceClaims, type LicenceEntitlements, verifyLicenceToken } from '../../../shared/licence';
import type { PaidAttemptClaim } from '../../../shared/paid-attempts';
import type { Clock } from '../../platform/clock';
import type { SecretStore } from '../../platform/secret-store';
import { FREE_PLAN } from './plans';

const DAY = 86_400;

export interface LicenceManagerOptions {
  store: SecretStore;
  /** SPKI PEM of the licence signing key; null when the build ships none (every token is rejected). */
  publicKeyPem: string | null;
  /** This machine's hashed id (hardware-id.ts); a token bound to another machine is rejected. */
  hardwareId: string;
  clock: Clock;
}

/** Why a stored token was not accepted, beyond the shared verifier's reasons. */
type Rejection = { reason: string; claims: Partial<LicenceClaims> | null };

export type InstallResult =
  | { accepted: true; status: LicenceStatusDto }
  | { accepted: false; reason: string; status: LicenceStatusDto };

/**
 * The licence on this device: the stored token, verified offline once (Ed25519, issuer, hardware
 * binding) and then judged against the clock at every question, so it moves from active to grace to
 * expired while the app runs. Expired or rejected, the free plan applies; nothing is deleted.
 */
export class LicenceManager {
  private claims: LicenceClaims | null = null;
  private rejection: Rejection | null = null;
  private loaded: Promise<void> | null = null;

  constructor(private readonly options: LicenceManagerOptions) {}

  get hardwareId(): string {
    return this.options.hardwareId;
  }

  /** Loads and verifies the stored token (once); every reader awaits this before the first answer. */
  ready(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<void> {
    let token: string | null;
    try {
      token = this.options.store.read();
    } catch {
      this.claims = null;
      this.rejection = { reason: 'unreadable', claims: null };
      return;
    }
    if (!token) {
      this.claims = null;
      this.rejection = null;
      return;
    }
    const result = await this.verify(token);
    this.claims = result.claims;
    this.rejection = result.rejection;
  }

  private async verify(
    token: string,
  ): Promise<{ claims: LicenceClaims | null; rejection: Rejection | null }> {
    const { publicKeyPem, hardwareId, clock } = this.options;
    if (!publicKeyPem) return { claims: null, rejection: { reason: 'no_public_key', claims: null } };
    const v = await verifyLicenceToken(token, publicKeyPem, hardwareId, clock.nowSeconds());
    if (v.ok) return { claims: v.claims, rejection: null };
    // The verifier checks the signature before the time, so an `expired` token is genuine: its claims
    // may be shown ("your Pro licence expired on …"). They grant nothing.
    let shown: Partial<LicenceClaims> | null = null;
    if (v.reason === 'expired') {
      try {
        shown = decodeJwt(token) as Partial<LicenceClaims>;
      } catch {
        shown = null;
      }
    }
    return { claims: null, rejection: { reason: v.reason, claims: shown } };
  }

  /**
   * Verifies and stores a token from the server (activation, refresh). A token that does not verify
   * is not stored and the licence in force is kept.
   */
  async install(token: string): Promise<InstallResult> {
    await this.ready();
    const result = await this.verify(token.trim());
    if (!result.claims) {
      return { accepted: false, reason: result.rejection?.reason ?? 'malformed', status: this.status() };
    }
    this.options.store.write(token.trim());
    this.claims = result.claims;
    this.rejection = null;
    return { accepted: true, status: this.status() };
  }

  /** Forgets the licence (sign out, deactivation): the free plan applies. */
  clear(): void {
    this.options.store.clear();
    this.claims = null;
    this.rejection = null;
    this.loaded = Promise.resolve();
  }

  /** The paid plan's entitlements while active or in grace; null on the free plan. */
  entitlements(): { plan: string; entitlements: LicenceEntitlements } | null {
    const state = this.status().state;
    if (!this.claims || (state !== 'active' && state !== 'grace')) return null;
    return { plan: this.claims.plan, entitlements: this.claims.entitlements };
  }

  /**
   * The paid challenge attempts and resets the licence carries (signed, so checked offline), while
   * it is active or in grace; none otherwise. A refunded one is absent from the next refreshed token.
   */
  paidAttempts(): PaidAttemptClaim[] {
    if (!this.entitlements()) return [];
    return [...(this.claims?.attempts ?? [])];
  }

  /** The plan in force: the licence's while active or in grace, else `free`. */
  plan(): string {
    return this.entitlements()?.plan ?? FREE_PLAN;
  }

  /** The licence state now. Call after `ready()` (before, it reports `none`). */
  status(): LicenceStatusDto {
    const now = this.options.clock.nowSeconds();
    const base = { hardwareId: this.options.hardwareId };
    const c = this.claims;
    if (c) {
      const graceEndsAt = c.exp + c.graceDays * DAY;
      const common = {
        ...base,
        reason: null,
        plan: c.plan,
        email: c.email ?? null,
        expiresAt: c.exp,
        graceEndsAt,
      };
      const name = planName(c.plan);
      if (now < c.exp) {
        return {
          ...common,
          state: 'active',
          graceDaysLeft: null,
          message: `${name} plan${c.email ? `, licensed to ${c.email}` : ''}, valid until ${day(c.exp)}.`,
        };
      }
      if (now < graceEndsAt) {
        const left = Math.ceil((graceEndsAt - now) / DAY);
        return {
          ...common,
          state: 'grace',
          graceDaysLeft: left,
          message:
            `Your ${name} licence needed renewing on ${day(c.exp)}. It keeps working offline for ` +
            `${left} more day${left === 1 ? '' : 's'} (until ${day(graceEndsAt)}); connect to the ` +
            'internet to refresh it.',
        };
      }
      return expired(base, c);
    }
    const r = this.rejection;
    if (!r) {
      return {
        ...base,
        state: 'none',
        reason: null,
        plan: null,
        email: null,
        expiresAt: null,
        graceEndsAt: null,
        graceDaysLeft: null,
        message: 'Free plan: no licence on this device. Sign in and subscribe to lift the free limits.',
      };
    }
    if (r.reason === 'expired' && r.claims) return expired(base, r.claims);
    return {
      ...base,
      state: 'invalid',
      reason: r.reason,
      plan: null,
      email: null,
      expiresAt: null,
      graceEndsAt: null,
      graceDaysLeft: null,
      message: `${REJECTIONS[r.reason] ?? 'The stored licence was rejected.'} The free plan applies; everything you made is kept.`,
    };
  }
}

const REJECTIONS: Record<string, string> = {
  malformed: 'The stored licence is not a Tickstep licence token.',
  bad_signature: 'The stored licence failed its signature check (altered, or not issued by Tickstep).',
  wrong_issuer: 'The stored licence was issued for another application.',
  wrong_hardware: 'The stored licence belongs to another computer; activate this one from Settings.',
  not_yet_valid: "The stored licence is dated in the future; check this computer's date and time.",
  expired: 'The stored licence has expired.',
  no_public_key: 'This build has no licence public key, so no licence can be verified.',
  unreadable: 'The stored licence could not be read.',
};

function expired(base: { hardwareId: string }, c: Partial<LicenceClaims>): LicenceStatusDto {
  const exp = typeof c.exp === 'number' ? c.exp : null;
  const graceDays = typeof c.graceDays === 'number' ? c.graceDays : 0;
  const graceEndsAt = exp === null ? null : exp + graceDays * DAY;
  const name = planName(typeof c.plan === 'string' ? c.plan : 'paid');
  return {
    ...base,
    state: 'expired',
    reason: 'expired',
    plan: typeof c.plan === 'string' ? c.plan : null,
    email: typeof c.email === 'string' ? c.email : null,
    expiresAt: exp,
    graceEndsAt,
    graceDaysLeft: null,
    message:
      `Your ${name} licence expired${exp === null ? '' : ` on ${day(exp)}`}` +
      `${graceDays > 0 && graceEndsAt !== null ? ` and its ${graceDays}-day offline grace ended on ${day(graceEndsAt)}` : ''}: ` +
      'the free plan applies. Everything you made is kept; connect and sign in to renew.',
  };
}

function planName(code: string): string {
  return code.length > 0 ? code[0]!.toUpperCase() + code.slice(1) : code;
}

function day(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

export const LICENCE_PUBLIC_KEY_FILE = 'licence-public-key.pem';

/**
 * The licence public key (SPKI PEM): `resources/licence-public-key.pem` under the app root, or
 * `TICKSTEP_LICENCE_PUBLIC_KEY` (a file path) when the caller allows an override (development and
 * tests only: never a packaged build). Null when the file does not exist.
 */
export function loadLicencePublicKey(
  appRoot: string,
  env: NodeJS.ProcessEnv = process.env,
  allowOverride = false,
): string | null {
  const override = allowOverride ? env.TICKSTEP_LICENCE_PUBLIC_KEY?.trim() : undefined;
  const file = override || join(appRoot, 'resources', LICENCE_PUBLIC_KEY_FILE);
  if (!existsSync(file)) return null;
  const pem = readFileSync(file, 'utf8');
  return pem.includes('BEGIN PUBLIC KEY') ? pem : null;
}

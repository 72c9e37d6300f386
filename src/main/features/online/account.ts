// Why this file stays whole (479 lines): sign-in, magic links, token rotation, devices, checkout
// and the licence refresh loop all read and rotate the one stored session that AccountService
// guards; splitting them would pass that session between files without making any part simpler.
import { hostname } from 'node:os';
import type {
  AccountStatusDto,
  DevicesDto,
  SignedInDeviceDto,
  SignInResultDto,
  SubscriptionDto,
} from '../../../shared/contract/online';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { SecretStore } from '../../platform/secret-store';
import { Scheduler, type Timers } from '../../platform/timers';
import type { LicenceManager } from '../plan';
import { isTransient, type RequestOptions, type ServerClient, type ServerReply } from './server-client';
import type { SettingsStore } from './settings';

/** What is kept in the secret store: the session tokens and what the app last knew of the account. */
interface StoredAccount {
  serverUrl: string;
  userId: string;
  email: string;
  mfaEnabled: boolean;
  refreshToken: string;
  accessToken: string | null;
  /** UTC seconds. */
  accessExpiresAt: number;
  entitled: boolean;
  subscription: SubscriptionDto | null;
  refreshedAt: number | null;
}

interface TokenPair {
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  user: { id: string; email: string; mfaEnabled: boolean };
}

interface IssuedLicence {
  token: string;
}

/** Refresh the licence this often while the app runs and the server is reachable (and on start). */
export const LICENCE_REFRESH_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** After a failed refresh (offline, server fault), try again after this long. */
export const LICENCE_RETRY_MS = 15 * 60 * 1000;
/** Renew the access token when it has less than this left. */
const ACCESS_MARGIN_SECONDS = 60;

export interface AccountServiceOptions {
  client: ServerClient;
  settings: SettingsStore;
  /** The `account` secret (Electron safeStorage, or a 0600 file in browser mode and the CLI). */
  store: SecretStore;
  licence: LicenceManager;
  clock: Clock;
  events: EventHub;
  timers: Timers;
  appVersion: string;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The trader's account on the hosted server: sign-in (password + TOTP, or magic link), the
 * access token renewed with refresh-token rotation, the subscription, and the licence activated
 * for this computer and refreshed on start and every few hours. Offline, everything answers with
 * what it last knew; nothing here ever blocks local work.
 */
export class AccountService {
  private account: StoredAccount | null;
  private online: boolean | null = null;
  private message: string | null = null;
  private refreshing: Promise<TokenPair | null> | null = null;
  private readonly scheduler: Scheduler;
  private closed = false;

  constructor(private readonly options: AccountServiceOptions) {
    this.account = this.load();
    this.scheduler = new Scheduler(options.timers, () => void this.backgroundRefresh());
  }

  private load(): StoredAccount | null {
    try {
      const text = this.options.store.read();
      if (!text) return null;
      const parsed = JSON.parse(text) as StoredAccount;
      return typeof parsed.refreshToken === 'string' && typeof parsed.userId === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }

  private save(next: StoredAccount | null): void {
    this.account = next;
    if (next) this.options.store.write(JSON.stringify(next));
    else this.options.store.clear();
  }

  get signedIn(): boolean {
    return this.account !== null && this.account.serverUrl === this.options.settings.serverUrl;
  }

  /** The server's id of the signed-in user (support sync keeps its cursor per account). */
  get userId(): string | null {
    return this.signedIn ? this.account!.userId : null;
  }

  /** Starts the background licence refresh (now, then every few hours). */
  start(): void {
    if (this.signedIn) this.scheduler.schedule(0);
  }

  stop(): void {
    this.closed = true;
    this.scheduler.stop();
    this.options.client.close();
  }

  private async backgroundRefresh(): Promise<void> {
    if (this.closed || !this.signedIn) return;
    try {
      await this.refresh();
    } catch (error) {
      this.options.log?.('Account refresh failed', error);
    }
    if (!this.closed && this.signedIn)
      this.scheduler.schedule(this.online === false ? LICENCE_RETRY_MS : LICENCE_REFRESH_INTERVAL_MS);
  }

  async status(): Promise<AccountStatusDto> {
    await this.options.licence.ready();
    const a = this.signedIn ? this.account : null;
    return {
      serverUrl: this.options.settings.serverUrl,
      signedIn: a !== null,
      email: a?.email ?? null,
      mfaEnabled: a?.mfaEnabled ?? false,
      online: this.online,
      refreshedAt: a?.refreshedAt ?? null,
      entitled: a?.entitled ?? false,
      subscription: a?.subscription ?? null,
      licence: this.options.licence.status(),
      message: this.message,
    };
  }

  private async changed(): Promise<AccountStatusDto> {
    const status = await this.status();
    this.options.events.emit('account:changed', status);
    return status;
  }

  private note<T>(reply: ServerReply<T>): ServerReply<T> {
    this.online = !(!reply.ok && reply.offline);
    return reply;
  }

  private deviceInfo(): string {
    return `Tickstep ${this.options.appVersion} on ${hostname()} (${process.platform})`.slice(0, 200);
  }

  // ---- signing in and out -----------------------------------------------------------------------

  async signIn(input: { email: string; password: string; totp?: string }): Promise<SignInResultDto> {
    const reply = this.note(
      await this.options.client.request<TokenPair>('POST', '/auth/sign-in', {
        body: { ...input, deviceInfo: this.deviceInfo() },
      }),
    );
    return this.finishSignIn(reply);
  }

  async requestMagicLink(email: string): Promise<{ sent: true }> {
    const reply = this.note(
      await this.options.client.request('POST', '/auth/magic-link', { body: { email } }),
    );
    if (!reply.ok) throw toAppError(reply);
    return { sent: true };
  }

  /** `link` is the address from the email or just its token. */
  async verifyMagicLink(input: { link: string; totp?: string }): Promise<SignInResultDto> {
    const token = magicLinkToken(input.link);
    if (!token) throw new AppError(ErrorCode.INVALID_INPUT, 'Paste the whole sign-in link from the email.');
    const reply = this.note(
      await this.options.client.request<TokenPair>('POST', '/auth/magic-link/verify', {
        body: { token, ...(input.totp ? { totp: input.totp } : {}), deviceInfo: this.deviceInfo() },
      }),
    );
    return this.finishSignIn(reply);
  }

  private async finishSignIn(reply: ServerReply<TokenPair>): Promise<SignInResultDto> {
    if (!reply.ok) {
      if (reply.code === 'MFA_REQUIRED') return { status: 'mfa-required', message: reply.message };
      throw toAppError(reply);
    }
    const t = reply.body;
    this.save({
      serverUrl: this.options.settings.serverUrl,
      userId: t.user.id,
      email: t.user.email,
      mfaEnabled: t.user.mfaEnabled,
      refreshToken: t.refreshToken,
      accessToken: t.accessToken,
      accessExpiresAt: this.options.clock.nowSeconds() + t.accessTokenExpiresIn,
      entitled: false,
      subscription: null,
      refreshedAt: null,
    });
    this.message = null;
    await this.refresh();
    this.scheduler.cancel();
    this.scheduler.schedule(LICENCE_REFRESH_INTERVAL_MS);
    return { status: 'signed-in', account: await this.changed() };
  }

  /**
   * Signs out: frees this computer's licence seat and ends the server session when the server can
   * be reached, then forgets the tokens and the licence here (the free plan applies; nothing the
   * trader made is touched).
   */
  async signOut(): Promise<AccountStatusDto> {
    if (this.signedIn) {
      await this.authed('POST', '/licenses/deactivate', {
        body: { hardwareId: this.options.licence.hardwareId },
      });
      await this.authed('POST', '/auth/sign-out');
    }
    this.save(null);
    this.options.licence.clear();
    this.message = null;
    this.scheduler.cancel();
    return this.changed();
  }

  /** The server address changed: the tokens belong to the old one, so sign out here. */
  serverChanged(): void {
    if (this.account && this.account.serverUrl !== this.options.settings.serverUrl) {
      this.save(null);
      this.online = null;
      this.message = 'The server address changed; sign in again.';
      this.scheduler.cancel();
      void this.changed().catch(() => {});
    }
  }

  // ---- authenticated requests -------------------------------------------------------------------

  /** A request with the access token, renewing it (refresh-token rotation) when needed. */
  async authed<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ServerReply<T>> {
    if (!this.signedIn) {
      return {
        ok: false,
        offline: false,
        status: 401,
        code: 'SIGNED_OUT',
        message: 'Sign in to your Tickstep account first (Settings).',
      };
    }
    const a = this.account!;
    let token = a.accessToken;
    if (!token || a.accessExpiresAt - ACCESS_MARGIN_SECONDS <= this.options.clock.nowSeconds()) {
      const renewed = await this.renew();
      if (!renewed) return this.renewFailure();
      token = renewed.accessToken;
    }
    let reply = this.note(await this.options.client.request<T>(method, path, { ...opts, token }));
    if (!reply.ok && reply.status === 401 && reply.code === 'INVALID_TOKEN') {
      const renewed = await this.renew();
      if (!renewed) return this.renewFailure();
      reply = this.note(
        await this.options.client.request<T>(method, path, { ...opts, token: renewed.accessToken }),
      );
    }
    if (!reply.ok && reply.status === 401 && reply.code === 'SESSION_REVOKED')
      this.sessionEnded(reply.message);
    return reply;
  }

  private lastRenewFailure: ServerReply<never> | null = null;

  private renewFailure<T>(): ServerReply<T> {
    return (
      (this.lastRenewFailure as ServerReply<T> | null) ?? {
        ok: false,
        offline: false,
        status: 401,
        code: 'SIGNED_OUT',
        message: 'Sign in to your Tickstep account again.',
      }
    );
  }

  /** Rotates the refresh token (one renewal at a time; the new one is stored before it is used). */
  private renew(): Promise<TokenPair | null> {
    this.refreshing ??= (async () => {
      const a = this.account;
      if (!a) return null;
      const reply = this.note(
        await this.options.client.request<TokenPair>('POST', '/auth/refresh', {
          body: { refreshToken: a.refreshToken },
        }),
      );
      if (!reply.ok) {
        this.lastRenewFailure = reply;
        if (!isTransient(reply) && reply.status === 401) this.sessionEnded(reply.message);
        return null;
      }
      const t = reply.body;
      if (this.account === a) {
        this.save({
          ...a,
          email: t.user.email,
          mfaEnabled: t.user.mfaEnabled,
          refreshToken: t.refreshToken,
          accessToken: t.accessToken,
          accessExpiresAt: this.options.clock.nowSeconds() + t.accessTokenExpiresIn,
        });
      }
      return t;
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** The server ended the session (signed out elsewhere, password changed, token reuse). */
  private sessionEnded(reason: string): void {
    this.save(null);
    this.message = `Signed out: ${reason}`;
    this.scheduler.cancel();
    void this.changed().catch(() => {});
  }

  // ---- subscription and licence -----------------------------------------------------------------

  /**
   * Asks the server for the subscription, then activates or refreshes this computer's licence and
   * installs it. Offline or refused, what was known is kept and `message` says why.
   */
  async refresh(): Promise<AccountStatusDto> {
    if (!this.signedIn) return this.status();
    const me = await this.authed<{ user: { email: string; mfaEnabled: boolean } }>('GET', '/me');
    if (!me.ok) {
      this.message = me.offline
        ? 'Offline: showing what the app last knew. Everything keeps working; the licence refreshes when the server can be reached.'
        : me.message;
      return this.changed();
    }
    const sub = await this.authed<{
      entitled: boolean;
      subscription: (SubscriptionDto & Record<string, unknown>) | null;
    }>('GET', '/billing/subscription');
    if (!sub.ok) {
      this.message = sub.message;
      return this.changed();
    }
    const a = this.account!;
    const subscription = sub.body.subscription
      ? {
          planCode: sub.body.subscription.planCode,
          status: sub.body.subscription.status,
          currentPeriodEnd: sub.body.subscription.currentPeriodEnd ?? null,
          cancelAtPeriodEnd: Boolean(sub.body.subscription.cancelAtPeriodEnd),
        }
      : null;
    this.save({
      ...a,
      email: me.body.user.email,
      mfaEnabled: me.body.user.mfaEnabled,
      entitled: sub.body.entitled,
      subscription,
      refreshedAt: this.options.clock.nowSeconds(),
    });
    this.message = null;
    if (sub.body.entitled) await this.refreshLicence();
    else
      this.message =
        'No active subscription: the free plan applies. Choose Upgrade to subscribe; the plan unlocks when you come back.';
    return this.changed();
  }

  private async refreshLicence(): Promise<void> {
    const hardwareId = this.options.licence.hardwareId;
    let issued = await this.authed<IssuedLicence>('POST', '/licenses/refresh', { body: { hardwareId } });
    if (!issued.ok && (issued.status === 404 || issued.code === 'DEVICE_NOT_ACTIVATED')) {
      issued = await this.authed<IssuedLicence>('POST', '/licenses/activate', {
        body: { hardwareId, deviceName: hostname().slice(0, 100) || 'This computer' },
      });
    }
    if (!issued.ok) {
      this.message =
        issued.code === 'DEVICE_LIMIT_REACHED'
          ? `${issued.message} (Settings → Devices).`
          : `The licence could not be refreshed: ${issued.message}`;
      return;
    }
    const installed = await this.options.licence.install(issued.body.token);
    if (!installed.accepted)
      this.message = `The server sent a licence this app does not accept (${installed.reason}).`;
  }

  async checkout(planCode: string): Promise<{ url: string }> {
    const reply = await this.authed<{ url: string }>('POST', '/billing/checkout', { body: { planCode } });
    if (!reply.ok) throw toAppError(reply);
    return { url: reply.body.url };
  }

  /** Checkout for a paid challenge attempt or reset, for this computer (its licence carries it). */
  async challengeCheckout(templateId: string, kind: 'attempt' | 'reset'): Promise<{ url: string }> {
    const hardwareId = this.options.licence.hardwareId;
    const reply = await this.authed<{ url: string }>('POST', '/challenges/checkout', {
      body: { templateId, kind, hardwareId },
    });
    if (reply.ok) return { url: reply.body.url };
    if (reply.offline) {
      throw new AppError(
        ErrorCode.OFFLINE,
        'You are offline: buying a challenge attempt needs the Tickstep service. Connect and try again; attempts you already bought work offline.',
      );
    }
    throw toAppError(reply);
  }

  async devices(): Promise<DevicesDto> {
    // The server's session rows have the contract's shape; mapped below so extra fields stay behind.
    const sessions = await this.authed<{ sessions: SignedInDeviceDto[] }>('GET', '/auth/sessions');
    if (!sessions.ok) throw toAppError(sessions);
    const licences = await this.authed<{
      maxDevices: number;
      activations: {
        id: string;
        hardwareId: string;
        deviceName: string | null;
        activatedAt: string;
        lastRefreshedAt: string;
      }[];
    }>('GET', '/licenses');
    if (!licences.ok) throw toAppError(licences);
    return {
      sessions: sessions.body.sessions.map((s) => ({
        id: s.id,
        current: s.current,
        deviceInfo: s.deviceInfo,
        userAgent: s.userAgent,
        ipAddress: s.ipAddress,
        lastSeen: s.lastSeen,
      })),
      activations: licences.body.activations.map((x) => ({
        id: x.id,
        deviceName: x.deviceName,
        current: x.hardwareId === this.options.licence.hardwareId,
        activatedAt: x.activatedAt,
        lastRefreshedAt: x.lastRefreshedAt,
      })),
      maxDevices: licences.body.maxDevices,
    };
  }
}

/** The token in a magic link (`…?token=…`), or the text itself when it is a bare token. */
export function magicLinkToken(link: string): string | null {
  const text = link.trim();
  const match = /[?&]token=([^&#\s]+)/.exec(text);
  const token = match ? decodeURIComponent(match[1]!) : text;
  return /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
}

const SERVER_CODES: Record<string, ErrorCode> = {
  OFFLINE: ErrorCode.OFFLINE,
  INVALID_INPUT: ErrorCode.INVALID_INPUT,
  NOT_FOUND: ErrorCode.NOT_FOUND,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  ACCOUNT_BANNED: ErrorCode.FORBIDDEN,
  DEVICE_LIMIT_REACHED: ErrorCode.CONFLICT,
  ID_CONFLICT: ErrorCode.CONFLICT,
};

/** A refusal from the server as the contract error the renderer shows. */
export function toAppError(reply: Extract<ServerReply<unknown>, { ok: false }>): AppError {
  const code =
    SERVER_CODES[reply.code] ??
    (reply.status === 401
      ? ErrorCode.UNAUTHORIZED
      : reply.status === 403
        ? ErrorCode.FORBIDDEN
        : reply.status === 409
          ? ErrorCode.CONFLICT
          : reply.status >= 400 && reply.status < 500
            ? ErrorCode.INVALID_INPUT
            : ErrorCode.INTERNAL);
  return new AppError(code, reply.message, { serverCode: reply.code, status: reply.status });
}

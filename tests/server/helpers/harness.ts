import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import Stripe from 'stripe';
import { createServer, SERVER_MIGRATIONS, type TickstepServer } from '../../../src/server/app.js';
import type { Clock } from '../../../src/server/clock.js';
import { loadConfig, type ServerConfig } from '../../../src/server/config.js';
import { type OpenedDatabase, openDatabase } from '../../../src/server/db/open.js';
import { MemoryEmailTransport } from '../../../src/server/email/transport.js';
import { promoteByEmail } from '../../../src/server/services/admin.js';
import { FakeStripe, rand } from './fake-stripe.js';

export const WEBHOOK_SECRET = 'whsec_test_tickstep';
export const PASSWORD = 'correct horse battery staple';

// biome-ignore lint/suspicious/noExplicitAny: test responses are loosely typed JSON
export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  mfaSecret?: string;
}

/**
 * One database per test file (PGlite in memory, or the PostgreSQL at TEST_DATABASE_URL), one fake
 * Stripe, one server on a free loopback port. Tests use fresh random emails instead of truncating,
 * so files can share a real PostgreSQL database.
 */
export class Harness {
  server!: TickstepServer;
  url = '';
  db!: OpenedDatabase;
  email = new MemoryEmailTransport();
  stripe = new FakeStripe();
  stripeSdk = new Stripe('sk_test_harness');
  dataDir = mkdtempSync(join(tmpdir(), 'tickstep-server-'));
  private extra: TickstepServer[] = [];

  baseEnv(): NodeJS.ProcessEnv {
    return {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'silent',
      STRIPE_SECRET_KEY: 'sk_test_tickstep',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(this.stripe.port),
      STRIPE_API_PROTOCOL: 'http',
      RATE_LIMIT_MULTIPLIER: '1000',
      APP_ORIGINS: 'http://127.0.0.1:5173,app://tickstep',
      MAGIC_LINK_RETURN_TO: 'tickstep://auth/magic-link,http://127.0.0.1:5173/auth/magic-link',
    };
  }

  async start(): Promise<this> {
    await this.stripe.start();
    this.db = await openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL || undefined,
      pgliteDir: 'memory://',
      migrationsFolder: SERVER_MIGRATIONS,
      poolSize: 5,
    });
    this.server = await this.startServer();
    this.url = await this.server.listen();
    return this;
  }

  /** Another instance on the same database (multi-instance tests, tighter limits). */
  async startServer(
    env: NodeJS.ProcessEnv = {},
    tweak?: (c: ServerConfig) => void,
    clock?: Clock,
  ): Promise<TickstepServer> {
    const config = loadConfig({ ...this.baseEnv(), ...env });
    tweak?.(config);
    const s = await createServer(config, { email: this.email, database: this.db, clock });
    if (this.server) this.extra.push(s);
    return s;
  }

  async stop(): Promise<void> {
    for (const s of this.extra) await s.close();
    await this.server?.close();
    await this.db?.close();
    await this.stripe.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  // biome-ignore lint/suspicious/noExplicitAny: test responses are loosely typed JSON
  async call<T = any>(
    method: string,
    path: string,
    opts: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      raw?: NonNullable<RequestInit['body']>;
      base?: string;
    } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: NonNullable<RequestInit['body']> | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(`${opts.base ?? this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  newEmail(tag = 'user') {
    return `${tag}-${rand()}@example.test`;
  }

  async register(tag = 'user'): Promise<TestUser> {
    const email = this.newEmail(tag);
    const r = await this.call('POST', '/auth/register', {
      body: { email, password: PASSWORD, deviceInfo: 'vitest' },
    });
    if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
    return {
      id: r.body.user.id,
      email,
      accessToken: r.body.accessToken,
      refreshToken: r.body.refreshToken,
      sessionId: r.body.sessionId,
    };
  }

  async enableMfa(u: TestUser): Promise<string> {
    const setup = await this.call('POST', '/auth/mfa/setup', { token: u.accessToken });
    if (setup.status !== 200) throw new Error(`mfa setup failed ${setup.status}`);
    const secret = setup.body.secret as string;
    // Enrol with the previous step's code, so the current one is still unused for the next sign-in.
    const en = await this.call('POST', '/auth/mfa/enable', {
      token: u.accessToken,
      body: { totp: generateSync({ secret, epoch: nowS() - 30 }) },
    });
    if (en.status !== 204) throw new Error(`mfa enable failed ${en.status} ${JSON.stringify(en.body)}`);
    u.mfaSecret = secret;
    return secret;
  }

  /** A signed-in ADMIN with TOTP enabled. */
  async admin(): Promise<TestUser> {
    const u = await this.register('admin');
    await promoteByEmail(this.server.ctx, u.email);
    await this.enableMfa(u);
    const r = await this.call('POST', '/auth/sign-in', {
      body: { email: u.email, password: PASSWORD, totp: generateSync({ secret: u.mfaSecret! }) },
    });
    if (r.status !== 200) throw new Error(`admin sign-in failed ${r.status}`);
    return {
      ...u,
      accessToken: r.body.accessToken,
      refreshToken: r.body.refreshToken,
      sessionId: r.body.sessionId,
    };
  }

  /** Posts a Stripe event signed with the SDK's own test-header helper (to `base`, another instance, if given). */
  async webhook(
    event: { id?: string; type: string; created?: number; object: Record<string, unknown> },
    secret = WEBHOOK_SECRET,
    base?: string,
  ) {
    const payload = JSON.stringify({
      id: event.id ?? `evt_${rand()}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: event.created ?? Math.floor(Date.now() / 1000),
      type: event.type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: event.object },
    });
    const header = this.stripeSdk.webhooks.generateTestHeaderString({ payload, secret });
    return this.call('POST', '/billing/webhook', {
      base,
      raw: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    });
  }
}

/** An invoice of `subscription` as Stripe sends it in invoice.paid / invoice.payment_failed. */
export function invoiceObject(o: {
  customer: string;
  subscription: string;
  created: number;
  /** The billed period, as invoice.paid carries it in its lines. */
  period?: { start: number; end: number };
}) {
  return {
    id: `in_${rand()}`,
    object: 'invoice',
    customer: o.customer,
    parent: { subscription_details: { subscription: o.subscription } },
    ...(o.period ? { lines: { data: [{ period: o.period }] } } : {}),
    created: o.created,
  };
}

export function subscriptionObject(o: {
  id: string;
  customer: string;
  status: string;
  priceId?: string;
  periodStart: number;
  periodEnd: number;
  created?: number;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: number | null;
  trialEnd?: number | null;
  userId?: string;
}) {
  return {
    id: o.id,
    object: 'subscription',
    customer: o.customer,
    status: o.status,
    created: o.created ?? o.periodStart,
    cancel_at_period_end: o.cancelAtPeriodEnd ?? false,
    canceled_at: o.canceledAt ?? null,
    trial_end: o.trialEnd ?? null,
    metadata: o.userId ? { userId: o.userId, planCode: 'pro' } : {},
    items: {
      object: 'list',
      data: [
        {
          id: `si_${rand()}`,
          object: 'subscription_item',
          current_period_start: o.periodStart,
          current_period_end: o.periodEnd,
          price: { id: o.priceId ?? 'price_tickstep_pro_monthly', object: 'price' },
        },
      ],
    },
  };
}

export const nowS = () => Math.floor(Date.now() / 1000);
export const DAY = 86_400;

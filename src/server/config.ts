import { resolve } from 'node:path';
import { z } from 'zod';
import { PAID_ATTEMPT_KINDS, PAID_ONLY_TEMPLATE_IDS } from '../shared/paid-attempts.js';

/** One plan as configured (seeded into the `plans` table at start, upserted by code). */
export const planConfigSchema = z.object({
  code: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(100),
  stripeProductId: z.string().min(1),
  stripePriceId: z.string().min(1),
  currency: z.string().length(3).toLowerCase(),
  maxDevices: z.number().int().min(1).max(100),
  offlineGraceDays: z.number().int().min(0).max(90),
  features: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])),
});
export type PlanConfig = z.infer<typeof planConfigSchema>;

const DEFAULT_PLANS: PlanConfig[] = [
  {
    code: 'pro',
    name: 'Pro',
    stripeProductId: 'prod_tickstep_pro',
    stripePriceId: 'price_tickstep_pro_monthly',
    currency: 'usd',
    maxDevices: 2,
    offlineGraceDays: 7,
    features: {
      maxInstruments: 50,
      maxActiveSessions: 20,
      reportExportsPerMonth: 200,
      strategyBuilder: true,
    },
  },
  {
    code: 'team',
    name: 'Team',
    stripeProductId: 'prod_tickstep_team',
    stripePriceId: 'price_tickstep_team_monthly',
    currency: 'usd',
    maxDevices: 5,
    offlineGraceDays: 14,
    features: {
      maxInstruments: 500,
      maxActiveSessions: 200,
      reportExportsPerMonth: 2000,
      strategyBuilder: true,
    },
  },
];

/** One paid challenge product: an attempt or a reset of a paid-only template, at a price. */
export const challengeProductSchema = z.object({
  templateId: z.string().regex(/^[a-z0-9-]{1,100}$/),
  kind: z.enum(PAID_ATTEMPT_KINDS),
  name: z.string().min(1).max(100),
  /** Integer minor units (cents) of `currency`. */
  amountCents: z.number().int().min(50).max(10_000_000),
  currency: z.string().length(3).toLowerCase(),
});
export type ChallengeProductConfig = z.infer<typeof challengeProductSchema>;

const DEFAULT_CHALLENGE_PRODUCTS: ChallengeProductConfig[] = PAID_ONLY_TEMPLATE_IDS.flatMap((templateId) => [
  { templateId, kind: 'attempt', name: 'Two-step 200k: one attempt', amountCents: 14_900, currency: 'usd' },
  { templateId, kind: 'reset', name: 'Two-step 200k: one reset', amountCents: 7_900, currency: 'usd' },
]);

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** Every environment variable the server reads. Validated once at start; a bad value stops the process. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./.server-data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:8787'),
  APP_ORIGINS: list.default(['http://localhost:5173', 'http://127.0.0.1:5173', 'app://tickstep']),
  MAGIC_LINK_RETURN_TO: list.default(['tickstep://auth/magic-link', 'http://127.0.0.1:5173/auth/magic-link']),
  SIGNING_KEY_PATH: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LICENCE_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  PAYMENT_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  ATTACHMENT_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_HOST: z.string().optional(),
  STRIPE_API_PORT: z.coerce.number().int().optional(),
  STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  CHECKOUT_SUCCESS_URL: z.string().url().default('http://127.0.0.1:5173/billing/success'),
  CHECKOUT_CANCEL_URL: z.string().url().default('http://127.0.0.1:5173/billing/cancel'),
  PORTAL_RETURN_URL: z.string().url().default('http://127.0.0.1:5173/settings'),
  PLANS_JSON: z.string().optional(),
  CHALLENGE_PRODUCTS_JSON: z.string().optional(),
  EMAIL_FROM: z.string().default('Tickstep <no-reply@tickstep.local>'),
  RATE_LIMIT_MULTIPLIER: z.coerce.number().min(0).default(1),
});

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface ServerConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** A PostgreSQL URL; when absent the server uses embedded PGlite in `pgliteDir`. */
  databaseUrl?: string;
  /** Folder for PGlite data, or `memory://` for a throwaway in-memory database (tests). */
  pgliteDir: string;
  dataDir: string;
  logLevel: string;
  trustProxy: boolean;
  publicUrl: string;
  appOrigins: string[];
  magicLinkReturnTo: string[];
  signingKeyPath: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  licenceTokenTtlDays: number;
  paymentGraceDays: number;
  bodyLimitBytes: number;
  attachmentLimitBytes: number;
  stripe: {
    secretKey?: string;
    webhookSecret?: string;
    host?: string;
    port?: number;
    protocol?: 'http' | 'https';
    successUrl: string;
    cancelUrl: string;
    portalReturnUrl: string;
  };
  plans: PlanConfig[];
  /** Paid challenge attempts and resets on sale (one per template and kind). */
  challengeProducts: ChallengeProductConfig[];
  emailFrom: string;
  rateLimits: {
    signInPerIp: RateLimitRule;
    signInPerEmail: RateLimitRule;
    resetPerEmail: RateLimitRule;
    resetPerIp: RateLimitRule;
    magicLinkPerEmail: RateLimitRule;
    magicLinkPerIp: RateLimitRule;
    activatePerUser: RateLimitRule;
    registerPerIp: RateLimitRule;
    /** Second-factor (TOTP) codes checked for one account, right or wrong, on any route. */
    secondFactorPerUser: RateLimitRule;
    /** Password changes tried (the current password checked) by one account. */
    passwordChangePerUser: RateLimitRule;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment. Throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid server configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  let plans = DEFAULT_PLANS;
  if (e.PLANS_JSON) {
    let raw: unknown;
    try {
      raw = JSON.parse(e.PLANS_JSON);
    } catch {
      throw new ConfigError('Invalid server configuration:\n  PLANS_JSON: not valid JSON');
    }
    const p = z.array(planConfigSchema).min(1).safeParse(raw);
    if (!p.success) throw new ConfigError(`Invalid server configuration:\n  PLANS_JSON: ${p.error.message}`);
    plans = p.data;
  }
  let challengeProducts = DEFAULT_CHALLENGE_PRODUCTS;
  if (e.CHALLENGE_PRODUCTS_JSON) {
    let raw: unknown;
    try {
      raw = JSON.parse(e.CHALLENGE_PRODUCTS_JSON);
    } catch {
      throw new ConfigError('Invalid server configuration:\n  CHALLENGE_PRODUCTS_JSON: not valid JSON');
    }
    const p = z
      .array(challengeProductSchema)
      .refine(
        (a) => new Set(a.map((x) => `${x.templateId}/${x.kind}`)).size === a.length,
        'one product per template and kind',
      )
      .safeParse(raw);
    if (!p.success) {
      throw new ConfigError(`Invalid server configuration:\n  CHALLENGE_PRODUCTS_JSON: ${p.error.message}`);
    }
    challengeProducts = p.data;
  }
  if (e.NODE_ENV === 'production') {
    const missing = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'SIGNING_KEY_PATH'].filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new ConfigError(`Invalid server configuration:\n  required in production: ${missing.join(', ')}`);
    }
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: resolve(dataDir, 'pgdata'),
    dataDir,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL,
    appOrigins: e.APP_ORIGINS,
    magicLinkReturnTo: e.MAGIC_LINK_RETURN_TO,
    signingKeyPath: e.SIGNING_KEY_PATH
      ? resolve(e.SIGNING_KEY_PATH)
      : resolve(dataDir, 'keys', 'licence-signing-key.pem'),
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    licenceTokenTtlDays: e.LICENCE_TOKEN_TTL_DAYS,
    paymentGraceDays: e.PAYMENT_GRACE_DAYS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    attachmentLimitBytes: e.ATTACHMENT_LIMIT_BYTES,
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      host: e.STRIPE_API_HOST,
      port: e.STRIPE_API_PORT,
      protocol: e.STRIPE_API_PROTOCOL,
      successUrl: e.CHECKOUT_SUCCESS_URL,
      cancelUrl: e.CHECKOUT_CANCEL_URL,
      portalReturnUrl: e.PORTAL_RETURN_URL,
    },
    plans,
    challengeProducts,
    emailFrom: e.EMAIL_FROM,
    rateLimits: scaleRateLimits(e.RATE_LIMIT_MULTIPLIER),
  };
}

function scaleRateLimits(m: number): ServerConfig['rateLimits'] {
  const r = (limit: number, windowSeconds: number): RateLimitRule => ({
    limit: Math.max(1, Math.round(limit * m)),
    windowSeconds,
  });
  return {
    signInPerIp: r(30, 15 * 60),
    signInPerEmail: r(10, 15 * 60),
    resetPerEmail: r(3, 60 * 60),
    resetPerIp: r(20, 60 * 60),
    magicLinkPerEmail: r(5, 60 * 60),
    magicLinkPerIp: r(20, 60 * 60),
    activatePerUser: r(20, 60 * 60),
    registerPerIp: r(20, 60 * 60),
    secondFactorPerUser: r(10, 15 * 60),
    passwordChangePerUser: r(10, 15 * 60),
  };
}

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { type Clock, systemClock } from './clock.js';
import type { ServerConfig } from './config.js';
import type { AppContext } from './context.js';
import { type OpenedDatabase, openDatabase, ping } from './db/open.js';
import { type EmailTransport, OutboxEmailTransport } from './email/transport.js';
import { HttpError, safeError } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { billingRoutes } from './routes/billing.js';
import { challengeRoutes } from './routes/challenges.js';
import { licenceRoutes } from './routes/licences.js';
import { reminderRoutes } from './routes/reminders.js';
import { supportRoutes } from './routes/support.js';
import { loadSigningKeys } from './services/keys.js';
import { listPlans, seedPlans } from './services/plans.js';
import {
  type BlobStorage,
  DiskBlobStorage,
  FallbackBlobStorage,
  PgBlobStorage,
} from './storage/blob-storage.js';

const here = dirname(fileURLToPath(import.meta.url));
/** drizzle/server at the repository root. */
export const SERVER_MIGRATIONS = resolve(here, '../../drizzle/server');

export interface ServerOverrides {
  email?: EmailTransport;
  storage?: BlobStorage;
  /** Use an already-open database (tests share one PGlite per file). */
  database?: OpenedDatabase;
  /** The server's clock (tests inject a ManualClock); the wall clock otherwise. */
  clock?: Clock;
}

export interface TickstepServer {
  app: FastifyInstance;
  ctx: AppContext;
  /** Listens on config.host:config.port (port 0 picks a free one) and returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const STATUS_CODES: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Builds the hosted endpoint: opens (and migrates) the database, seeds plans, loads keys, wires routes. */
export async function createServer(
  config: ServerConfig,
  overrides: ServerOverrides = {},
): Promise<TickstepServer> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["stripe-signature"]',
          '*.password',
          '*.newPassword',
          '*.currentPassword',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
          '*.totp',
        ],
        censor: '[redacted]',
      },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  });
  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: config.pgliteDir,
      migrationsFolder: SERVER_MIGRATIONS,
      onPoolError: (err) => app.log.warn({ err: safeError(err) }, 'idle database connection lost'),
    }));
  await seedPlans(database.db, config.plans, clock.now());
  const keys = await loadSigningKeys(config.signingKeyPath, config.env !== 'production');
  if (keys.generated)
    app.log.warn({ path: config.signingKeyPath }, 'generated a new development signing key');

  const stripe = config.stripe.secretKey
    ? new Stripe(config.stripe.secretKey, {
        host: config.stripe.host,
        port: config.stripe.port,
        protocol: config.stripe.protocol,
        maxNetworkRetries: 1,
        timeout: 10_000,
      })
    : null;

  const ctx: AppContext = {
    config,
    db: database.db,
    keys,
    email: overrides.email ?? new OutboxEmailTransport(join(config.dataDir, 'outbox'), app.log, clock),
    // In the database, so every instance serves every attachment; files written to DATA_DIR/files by
    // older versions are still read from there.
    storage:
      overrides.storage ??
      new FallbackBlobStorage(
        new PgBlobStorage(database.db, clock),
        new DiskBlobStorage(join(config.dataDir, 'files')),
      ),
    stripe,
    log: app.log,
    clock,
  };

  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"] } } });
  await app.register(cors, {
    origin: config.appOrigins,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-MD5', 'Idempotency-Key'],
    maxAge: 600,
  });

  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (err instanceof HttpError) {
      const retry = (err as HttpError & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) reply.header('Retry-After', String(retry));
      return reply.code(err.statusCode).send({ code: err.code, message: err.message });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ code: STATUS_CODES[status] ?? 'BAD_REQUEST', message: err.message });
    }
    req.log.error(
      { err: safeError(err), stack: err.stack?.split('\n').slice(1, 6).join('\n') },
      'unhandled error',
    );
    return reply.code(500).send({ code: 'INTERNAL', message: 'Something went wrong on our side' });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: 'No such route' }),
  );

  app.get('/health', async (_req, reply) => {
    const ok = await ping(ctx.db);
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down', kind: database.kind };
  });
  app.get('/plans', async () => ({ plans: await listPlans(ctx.db) }));

  authRoutes(app, ctx);
  await app.register(async (scope) => billingRoutes(scope, ctx));
  licenceRoutes(app, ctx);
  challengeRoutes(app, ctx);
  reminderRoutes(app, ctx);
  await app.register(async (scope) => supportRoutes(scope, ctx));
  adminRoutes(app, ctx);

  return {
    app,
    ctx,
    async listen() {
      return app.listen({ host: config.host, port: config.port });
    },
    async close() {
      await app.close();
      if (!overrides.database) await database.close();
    },
  };
}

import type { FastifyBaseLogger } from 'fastify';
import type Stripe from 'stripe';
import type { Clock } from './clock.js';
import type { ServerConfig } from './config.js';
import type { Db } from './db/open.js';
import type { EmailTransport } from './email/transport.js';
import type { SigningKeys } from './services/keys.js';
import type { BlobStorage } from './storage/blob-storage.js';

/** Everything a route or service needs; built once by createServer and passed down explicitly. */
export interface AppContext {
  config: ServerConfig;
  db: Db;
  keys: SigningKeys;
  email: EmailTransport;
  storage: BlobStorage;
  /** Null when STRIPE_SECRET_KEY is not configured: billing routes answer 503. */
  stripe: Stripe | null;
  log: FastifyBaseLogger;
  /** The only source of the current time. */
  clock: Clock;
}

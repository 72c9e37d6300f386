import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';

/**
 * The local automation API (seed 004): clients (the seed's "instances"), their API keys,
 * signed webhooks with a durable outbox, usage per day and month, and an audit log.
 * Times are UTC epoch seconds, except the outbox's `nextAttemptMs` (backoff in milliseconds).
 */

/** One row: whether the API is on, and where it listens. */
export const automationSettings = sqliteTable('automation_settings', {
  id: text().primaryKey(),
  enabled: integer({ mode: 'boolean' }).notNull().default(false),
  port: integer().notNull().default(5299),
  /** Listen beyond loopback (0.0.0.0); off unless the trader opts in. */
  allowRemote: integer({ mode: 'boolean' }).notNull().default(false),
  ...timestamps,
});

/** An automation client (a bot): its connection state and settings. */
export const automationClients = sqliteTable('automation_clients', {
  id: id(),
  name: text().notNull().unique(),
  status: text({ enum: ['connected', 'disconnected'] })
    .notNull()
    .default('disconnected'),
  isActive: integer({ mode: 'boolean' }).notNull().default(true),
  settings: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  lastConnectedAt: integer(),
  lastDisconnectedAt: integer(),
  connectionAttempts: integer().notNull().default(0),
  lastError: text(),
  lastErrorAt: integer(),
  ...timestamps,
});

/** An API key: only its sha256 is stored; `prefix` is the visible start of the key. */
export const automationApiKeys = sqliteTable(
  'automation_api_keys',
  {
    id: id(),
    clientId: text()
      .notNull()
      .references(() => automationClients.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    keyHash: text().notNull().unique(),
    scopes: text({ mode: 'json' }).$type<string[]>().notNull(),
    isActive: integer({ mode: 'boolean' }).notNull().default(true),
    expiresAt: integer(),
    revokedAt: integer(),
    lastUsedAt: integer(),
    usageCount: integer().notNull().default(0),
    /** Requests per minute (token bucket of this size, refilled evenly). */
    rateLimitPerMinute: integer().notNull().default(600),
    ...timestamps,
  },
  (t) => [index('automation_api_keys_client_idx').on(t.clientId)],
);

export const automationWebhooks = sqliteTable(
  'automation_webhooks',
  {
    id: id(),
    clientId: text()
      .notNull()
      .references(() => automationClients.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    events: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** The signing secret (needed to sign, so kept as is; the data dir is the trader's own). */
    secret: text().notNull(),
    isActive: integer({ mode: 'boolean' }).notNull().default(true),
    totalSent: integer().notNull().default(0),
    totalFailed: integer().notNull().default(0),
    lastSentAt: integer(),
    lastFailedAt: integer(),
    lastError: text(),
    ...timestamps,
  },
  (t) => [index('automation_webhooks_client_idx').on(t.clientId)],
);

/** The outbox: one row per (webhook, event); delivered at most once, retried with backoff. */
export const automationWebhookDeliveries = sqliteTable(
  'automation_webhook_deliveries',
  {
    id: id(),
    webhookId: text()
      .notNull()
      .references(() => automationWebhooks.id, { onDelete: 'cascade' }),
    eventId: text().notNull(),
    eventType: text().notNull(),
    payload: text().notNull(),
    status: text({ enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptMs: integer().notNull(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: integer(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('automation_deliveries_webhook_event_idx').on(t.webhookId, t.eventId),
    index('automation_deliveries_due_idx').on(t.status, t.nextAttemptMs),
  ],
);

/** Usage of one client on one UTC day (`day` = YYYY-MM-DD) or month (`period` = YYYY-MM). */
export const automationUsageDaily = sqliteTable(
  'automation_usage_daily',
  {
    id: id(),
    clientId: text()
      .notNull()
      .references(() => automationClients.id, { onDelete: 'cascade' }),
    day: text().notNull(),
    apiCalls: integer().notNull().default(0),
    ordersSent: integer().notNull().default(0),
    failedRequests: integer().notNull().default(0),
    eventsDelivered: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('automation_usage_daily_client_day_idx').on(t.clientId, t.day)],
);

export const automationUsageMonthly = sqliteTable(
  'automation_usage_monthly',
  {
    id: id(),
    clientId: text()
      .notNull()
      .references(() => automationClients.id, { onDelete: 'cascade' }),
    period: text().notNull(),
    apiCalls: integer().notNull().default(0),
    ordersSent: integer().notNull().default(0),
    failedRequests: integer().notNull().default(0),
    eventsDelivered: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('automation_usage_monthly_client_period_idx').on(t.clientId, t.period)],
);

/** Who did what: key creation and revocation, permission and webhook changes, connections. */
export const automationAuditLog = sqliteTable(
  'automation_audit_log',
  {
    id: id(),
    action: text().notNull(),
    resource: text().notNull(),
    resourceId: text(),
    clientId: text(),
    ipAddress: text(),
    details: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    ts: integer().notNull(),
  },
  (t) => [index('automation_audit_ts_idx').on(t.ts)],
);

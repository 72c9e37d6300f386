import { z } from 'zod';
import { method } from './method';

/** The local automation API (seed 004): clients, API keys, webhooks, usage and audit. */

export const AUTOMATION_SCOPES = [
  'market:read',
  'sessions:write',
  'orders:write',
  'reports:read',
  'import:write',
] as const;
export type AutomationScope = (typeof AUTOMATION_SCOPES)[number];

export const WEBHOOK_EVENT_TYPES = [
  'order.filled',
  'position.closed',
  'session.completed',
  'backtest.completed',
  'challenge.breached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface AutomationSettingsDto {
  enabled: boolean;
  port: number;
  allowRemote: boolean;
  /** Whether the API is listening in this process, and where. */
  running: boolean;
  url: string | null;
}

export interface AutomationClientDto {
  id: string;
  name: string;
  status: 'connected' | 'disconnected';
  isActive: boolean;
  settings: Record<string, unknown>;
  lastConnectedAt: number | null;
  lastDisconnectedAt: number | null;
  connectionAttempts: number;
  lastError: string | null;
  lastErrorAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ApiKeyDto {
  id: string;
  clientId: string;
  name: string;
  /** The visible start of the key (`tsk_ab12cd34`); the rest is never stored. */
  prefix: string;
  scopes: AutomationScope[];
  isActive: boolean;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  usageCount: number;
  rateLimitPerMinute: number;
  createdAt: number;
}

export interface WebhookDto {
  id: string;
  clientId: string;
  url: string;
  events: WebhookEventType[];
  isActive: boolean;
  totalSent: number;
  totalFailed: number;
  lastSentAt: number | null;
  lastFailedAt: number | null;
  lastError: string | null;
  createdAt: number;
}

export interface WebhookDeliveryDto {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptMs: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

export interface AutomationUsageDto {
  clientId: string;
  /** `YYYY-MM-DD` for a day, `YYYY-MM` for a month. */
  period: string;
  apiCalls: number;
  ordersSent: number;
  failedRequests: number;
  eventsDelivered: number;
}

export interface AutomationAuditDto {
  id: string;
  action: string;
  resource: string;
  resourceId: string | null;
  clientId: string | null;
  ipAddress: string | null;
  details: Record<string, unknown> | null;
  ts: number;
}

const id = z.string().min(1).max(100);
const scopes = z.array(z.enum(AUTOMATION_SCOPES)).min(1).max(AUTOMATION_SCOPES.length);
const isoTime = z.iso.datetime({ offset: true });
const rateLimit = z.number().int().min(1).max(100_000);
const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('http(s) URL that receives signed POSTs');
const events = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);
const settings = z.record(z.string(), z.unknown());

export const automationMethods = {
  'automation:get-settings': method<AutomationSettingsDto>()(z.object({}).strict()),
  /** Turns the API on (listening at once) or off; `port` 0 picks a free one. */
  'automation:set-enabled': method<AutomationSettingsDto>()(
    z
      .object({
        enabled: z.boolean(),
        port: z.number().int().min(0).max(65_535).optional(),
        allowRemote: z.boolean().optional(),
      })
      .strict(),
  ),
  'automation:list-clients': method<AutomationClientDto[]>()(z.object({}).strict()),
  'automation:create-client': method<AutomationClientDto>()(
    z.object({ name: z.string().trim().min(1).max(80), settings: settings.optional() }).strict(),
  ),
  'automation:update-client': method<AutomationClientDto>()(
    z
      .object({
        clientId: id,
        name: z.string().trim().min(1).max(80).optional(),
        isActive: z.boolean().optional(),
        settings: settings.optional(),
      })
      .strict(),
  ),
  'automation:delete-client': method<{ deleted: boolean }>()(z.object({ clientId: id }).strict()),
  'automation:list-keys': method<ApiKeyDto[]>()(z.object({ clientId: id.optional() }).strict()),
  /** The key itself is in the answer once and never again. */
  'automation:create-key': method<{ key: string; apiKey: ApiKeyDto }>()(
    z
      .object({
        clientId: id,
        name: z.string().trim().min(1).max(80),
        scopes,
        expiresAt: isoTime.optional(),
        rateLimitPerMinute: rateLimit.default(600),
      })
      .strict(),
  ),
  'automation:update-key': method<ApiKeyDto>()(
    z
      .object({
        keyId: id,
        name: z.string().trim().min(1).max(80).optional(),
        scopes: scopes.optional(),
        rateLimitPerMinute: rateLimit.optional(),
        expiresAt: isoTime.nullable().optional(),
      })
      .strict(),
  ),
  /** Takes effect on the key's next request. */
  'automation:revoke-key': method<ApiKeyDto>()(z.object({ keyId: id }).strict()),
  'automation:list-webhooks': method<WebhookDto[]>()(z.object({ clientId: id.optional() }).strict()),
  /** The signing secret is in the answer once (made here when not given). */
  'automation:create-webhook': method<{ webhook: WebhookDto; secret: string }>()(
    z
      .object({
        clientId: id,
        url: webhookUrl,
        events,
        secret: z.string().min(16).max(200).optional(),
      })
      .strict(),
  ),
  'automation:update-webhook': method<WebhookDto>()(
    z
      .object({
        webhookId: id,
        url: webhookUrl.optional(),
        events: events.optional(),
        isActive: z.boolean().optional(),
      })
      .strict(),
  ),
  'automation:delete-webhook': method<{ deleted: boolean }>()(z.object({ webhookId: id }).strict()),
  /** Queues a `test` event to this webhook alone. */
  'automation:test-webhook': method<WebhookDeliveryDto>()(z.object({ webhookId: id }).strict()),
  'automation:list-deliveries': method<WebhookDeliveryDto[]>()(
    z
      .object({ webhookId: id.optional(), limit: z.number().int().positive().max(1000).default(100) })
      .strict(),
  ),
  /** Per day (newest first) and per month, for one client or all. */
  'automation:usage': method<{ daily: AutomationUsageDto[]; monthly: AutomationUsageDto[] }>()(
    z.object({ clientId: id.optional(), days: z.number().int().positive().max(366).default(31) }).strict(),
  ),
  'automation:audit-log': method<AutomationAuditDto[]>()(
    z.object({ limit: z.number().int().positive().max(10_000).default(200) }).strict(),
  ),
};

import type { MethodParsedInput } from '../../../shared/contract';
import type {
  AutomationScope,
  AutomationSettingsDto,
  automationMethods,
} from '../../../shared/contract/automation';
import { AppError, ErrorCode } from '../../../shared/errors';
import { generateApiKey, generateWebhookSecret } from './keys';
import { type AutomationStore, deliveryDto, keyDto, utcDay } from './store';

type In<M extends keyof typeof automationMethods> = MethodParsedInput<M>;

const isoToTs = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export interface ManagementDeps {
  data: AutomationStore;
  now: () => number;
  newId: () => string;
  settings: () => AutomationSettingsDto;
  setEnabled: (input: {
    enabled: boolean;
    port?: number;
    allowRemote?: boolean;
  }) => Promise<AutomationSettingsDto>;
  queueTest: (webhookId: string) => ReturnType<AutomationStore['enqueueDelivery']>;
  forgetKey: (keyId: string) => void;
}

/**
 * What Settings and the CLI manage: clients, keys, webhooks, usage and the audit log. Every change
 * writes its audit row here, next to the change, so no caller can make one without the other.
 */
export function createManagement(deps: ManagementDeps) {
  const { data, now } = deps;
  return {
    getSettings: () => deps.settings(),
    setEnabled: ({ enabled, port, allowRemote }: In<'automation:set-enabled'>) =>
      deps.setEnabled({ enabled, port, allowRemote }),
    listClients: () => data.listClients(),
    createClient: ({ name, settings }: In<'automation:create-client'>) => {
      const client = data.createClient(name, settings ?? {}, now());
      data.audit({
        action: 'client.created',
        resource: 'client',
        resourceId: client.id,
        clientId: client.id,
        ts: now(),
        details: { name },
      });
      return client;
    },
    updateClient: ({ clientId, ...patch }: In<'automation:update-client'>) => {
      const client = data.updateClient(clientId, patch, now());
      data.audit({
        action: 'client.updated',
        resource: 'client',
        resourceId: clientId,
        clientId,
        ts: now(),
        details: patch,
      });
      return client;
    },
    deleteClient: ({ clientId }: In<'automation:delete-client'>) => {
      const deleted = data.deleteClient(clientId);
      if (deleted)
        data.audit({
          action: 'client.deleted',
          resource: 'client',
          resourceId: clientId,
          clientId,
          ts: now(),
        });
      return { deleted };
    },
    listKeys: ({ clientId }: In<'automation:list-keys'>) => data.listKeys(clientId),
    createKey: ({ clientId, name, scopes, expiresAt, rateLimitPerMinute }: In<'automation:create-key'>) => {
      data.client(clientId);
      const t = now();
      const expiresTs = expiresAt ? isoToTs(expiresAt) : null;
      if (expiresTs !== null && expiresTs <= t)
        throw new AppError(ErrorCode.INVALID_INPUT, 'expiresAt: must be in the future');
      const { key, prefix, hash } = generateApiKey();
      const row = data.insertKey({
        id: deps.newId(),
        clientId,
        name,
        prefix,
        keyHash: hash,
        scopes: [...new Set(scopes)],
        expiresAt: expiresTs,
        rateLimitPerMinute,
        createdAt: t,
        updatedAt: t,
      });
      data.audit({
        action: 'key.created',
        resource: 'api_key',
        resourceId: row.id,
        clientId,
        ts: t,
        details: { name, prefix, scopes: row.scopes, expiresAt: expiresTs, rateLimitPerMinute },
      });
      return { key, apiKey: keyDto(row) };
    },
    updateKey: ({ keyId, expiresAt, scopes, ...rest }: In<'automation:update-key'>) => {
      const before = keyDto(data.keyRow(keyId));
      const patch = {
        ...rest,
        ...(scopes ? { scopes: [...new Set(scopes)] as AutomationScope[] } : {}),
        ...(expiresAt !== undefined ? { expiresAt: expiresAt === null ? null : isoToTs(expiresAt) } : {}),
      };
      const row = data.updateKey(keyId, patch, now());
      deps.forgetKey(keyId);
      data.audit({
        action: scopes ? 'key.permissions-changed' : 'key.updated',
        resource: 'api_key',
        resourceId: keyId,
        clientId: row.clientId,
        ts: now(),
        details: {
          before: { scopes: before.scopes, rateLimitPerMinute: before.rateLimitPerMinute },
          change: patch,
        },
      });
      return keyDto(row);
    },
    revokeKey: ({ keyId }: In<'automation:revoke-key'>) => {
      const row = data.updateKey(keyId, { isActive: false, revokedAt: now() }, now());
      deps.forgetKey(keyId);
      data.audit({
        action: 'key.revoked',
        resource: 'api_key',
        resourceId: keyId,
        clientId: row.clientId,
        ts: now(),
        details: { prefix: row.prefix },
      });
      return keyDto(row);
    },
    listWebhooks: ({ clientId }: In<'automation:list-webhooks'>) => data.listWebhooks(clientId),
    createWebhook: ({ clientId, url, events, secret }: In<'automation:create-webhook'>) => {
      data.client(clientId);
      const t = now();
      const chosen = secret ?? generateWebhookSecret();
      const webhook = data.insertWebhook({
        id: deps.newId(),
        clientId,
        url,
        events: [...new Set(events)],
        secret: chosen,
        createdAt: t,
        updatedAt: t,
      });
      data.audit({
        action: 'webhook.created',
        resource: 'webhook',
        resourceId: webhook.id,
        clientId,
        ts: t,
        details: { url, events: webhook.events },
      });
      return { webhook, secret: chosen };
    },
    updateWebhook: ({ webhookId, events, ...rest }: In<'automation:update-webhook'>) => {
      const patch = { ...rest, ...(events ? { events: [...new Set(events)] } : {}) };
      const webhook = data.updateWebhook(webhookId, patch, now());
      data.audit({
        action: 'webhook.updated',
        resource: 'webhook',
        resourceId: webhookId,
        clientId: webhook.clientId,
        ts: now(),
        details: patch,
      });
      return webhook;
    },
    deleteWebhook: ({ webhookId }: In<'automation:delete-webhook'>) => {
      const existing = data.listWebhooks().find((w) => w.id === webhookId);
      const deleted = data.deleteWebhook(webhookId);
      if (deleted)
        data.audit({
          action: 'webhook.deleted',
          resource: 'webhook',
          resourceId: webhookId,
          clientId: existing?.clientId ?? null,
          ts: now(),
          details: { url: existing?.url },
        });
      return { deleted };
    },
    testWebhook: ({ webhookId }: In<'automation:test-webhook'>) => {
      const row = deps.queueTest(webhookId);
      if (!row) throw new AppError(ErrorCode.INTERNAL, 'The test event was not queued');
      return deliveryDto(row);
    },
    listDeliveries: ({ webhookId, limit }: In<'automation:list-deliveries'>) =>
      data.listDeliveries(webhookId, limit),
    usage: ({ clientId, days }: In<'automation:usage'>) =>
      data.usage(clientId, utcDay(now() - (days - 1) * 86_400)),
    auditLog: ({ limit }: In<'automation:audit-log'>) => data.auditLog(limit),
  };
}

export type Management = ReturnType<typeof createManagement>;

import type { Handlers } from '../../../shared/contract';
import type {
  AutomationScope,
  AutomationSettingsDto,
  automationMethods,
} from '../../../shared/contract/automation';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Gated } from '../plan';
import { generateApiKey, generateWebhookSecret } from './keys';
import { type AutomationStore, deliveryDto, keyDto, utcDay } from './store';

export type AutomationHandlers = Pick<Handlers, keyof typeof automationMethods>;

const isoToTs = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Binds the `automation:*` contract methods (what Settings and the CLI manage) to the store. */
export function createAutomationHandlers(deps: {
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
  /** The plan's limit on how many clients exist. */
  gated: Gated;
}): AutomationHandlers {
  const { data, now } = deps;
  return {
    'automation:get-settings': () => deps.settings(),
    'automation:set-enabled': (input) => deps.setEnabled(input),
    'automation:list-clients': () => data.listClients(),
    'automation:create-client': deps.gated('automation-clients', ({ name, settings }) => {
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
    }),
    'automation:update-client': ({ clientId, ...patch }) => {
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
    'automation:delete-client': ({ clientId }) => {
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
    'automation:list-keys': ({ clientId }) => data.listKeys(clientId),
    'automation:create-key': ({ clientId, name, scopes, expiresAt, rateLimitPerMinute }) => {
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
    'automation:update-key': ({ keyId, expiresAt, scopes, ...rest }) => {
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
    'automation:revoke-key': ({ keyId }) => {
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
    'automation:list-webhooks': ({ clientId }) => data.listWebhooks(clientId),
    'automation:create-webhook': ({ clientId, url, events, secret }) => {
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
    'automation:update-webhook': ({ webhookId, events, ...rest }) => {
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
    'automation:delete-webhook': ({ webhookId }) => {
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
    'automation:test-webhook': ({ webhookId }) => {
      const row = deps.queueTest(webhookId);
      if (!row) throw new AppError(ErrorCode.INTERNAL, 'The test event was not queued');
      return deliveryDto(row);
    },
    'automation:list-deliveries': ({ webhookId, limit }) => data.listDeliveries(webhookId, limit),
    'automation:usage': ({ clientId, days }) => data.usage(clientId, utcDay(now() - (days - 1) * 86_400)),
    'automation:audit-log': ({ limit }) => data.auditLog(limit),
  };
}

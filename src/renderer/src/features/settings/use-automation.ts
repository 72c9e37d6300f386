import { useCallback, useEffect, useRef, useState } from 'react';
import type { UsageDto } from '../../../../shared/contract/account';
import type {
  ApiKeyDto,
  AutomationAuditDto,
  AutomationClientDto,
  AutomationScope,
  AutomationSettingsDto,
  AutomationUsageDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookEventType,
} from '../../../../shared/contract/automation';
import { ContractCallError } from '../../../../shared/errors';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/** Which card an error or a notice belongs to, so it shows next to what caused it. */
export type AutomationArea = 'server' | 'clients' | 'keys' | 'webhooks';

export interface NewKeyForm {
  name: string;
  scopes: AutomationScope[];
  /** `YYYY-MM-DDTHH:mm` in UTC (like every time the app shows), or '' for no expiry. */
  expiresAt: string;
  rateLimitPerMinute: number;
}

export interface NewWebhookForm {
  url: string;
  events: WebhookEventType[];
}

/** While the API listens, clients connect and keys get used: the page looks again this often. */
const REFRESH_MS = 3_000;
/** A test event on its way: look again soon so its delivery shows. */
const PENDING_REFRESH_MS = 700;

/**
 * Settings → Automation API: the local API's on/off, port and interfaces; the automation clients
 * (the plan limits how many); per client its API keys, webhooks with their deliveries, and usage;
 * the audit log. A key and a webhook secret are in the answer of their creation only, so they are
 * kept here until the trader dismisses them and are never fetched again.
 */
export function useAutomation() {
  const [settings, setSettings] = useState<AutomationSettingsDto | null>(null);
  const [port, setPort] = useState('');
  const [allowRemote, setAllowRemote] = useState(false);
  const [clients, setClients] = useState<AutomationClientDto[]>([]);
  const [clientLimit, setClientLimit] = useState<UsageDto | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [keys, setKeys] = useState<ApiKeyDto[]>([]);
  const [webhooks, setWebhooks] = useState<WebhookDto[]>([]);
  const [deliveries, setDeliveries] = useState<WebhookDeliveryDto[]>([]);
  const [usage, setUsage] = useState<{ daily: AutomationUsageDto[]; monthly: AutomationUsageDto[] }>({
    daily: [],
    monthly: [],
  });
  const [audit, setAudit] = useState<AutomationAuditDto[]>([]);
  const [newKey, setNewKey] = useState<{ key: string; apiKey: ApiKeyDto } | null>(null);
  const [newSecret, setNewSecret] = useState<{ webhookId: string; url: string; secret: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ area: AutomationArea; message: string; quota: boolean } | null>(null);
  const [notice, setNotice] = useState<{ area: AutomationArea; message: string } | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;

  const loadClient = useCallback(async (clientId: string | null) => {
    if (!clientId) {
      setKeys([]);
      setWebhooks([]);
      setDeliveries([]);
      setUsage({ daily: [], monthly: [] });
      return;
    }
    const [k, w, u] = await Promise.all([
      api['automation:list-keys']({ clientId }),
      api['automation:list-webhooks']({ clientId }),
      api['automation:usage']({ clientId, days: 14 }),
    ]);
    const mine = new Set(w.map((h) => h.id));
    const d = w.length ? await api['automation:list-deliveries']({ limit: 200 }) : [];
    // A reply for a client the trader has since left is dropped.
    if (selectedRef.current !== clientId) return;
    setKeys(k);
    setWebhooks(w);
    setDeliveries(d.filter((x) => mine.has(x.webhookId)));
    setUsage(u);
  }, []);

  const reload = useCallback(async () => {
    const [s, c, a, plan] = await Promise.all([
      api['automation:get-settings']({}),
      api['automation:list-clients']({}),
      api['automation:audit-log']({ limit: 50 }),
      api['account:get-plan']({}),
    ]);
    setSettings(s);
    setClients(c);
    setAudit(a);
    setClientLimit(plan.usage.find((u) => u.kind === 'automation-clients') ?? null);
    const current = selectedRef.current;
    const next = current && c.some((x) => x.id === current) ? current : (c[0]?.id ?? null);
    if (next !== current) {
      selectedRef.current = next;
      setSelectedId(next);
    }
    await loadClient(next);
    return s;
  }, [loadClient]);

  useEffect(() => {
    reload()
      .then((s) => {
        setPort(String(s.port));
        setAllowRemote(s.allowRemote);
      })
      .catch((e) => setError({ area: 'server', message: errorMessage(e), quota: false }));
  }, [reload]);

  const pending = deliveries.some((d) => d.status === 'pending' && d.attempts === 0);
  const running = settings?.running ?? false;
  useEffect(() => {
    if (!running && !pending) return;
    const timer = setInterval(
      () => {
        reload().catch(() => {});
      },
      pending ? PENDING_REFRESH_MS : REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [running, pending, reload]);

  const run = async (name: string, area: AutomationArea, action: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError({
        area,
        message: errorMessage(e),
        quota: e instanceof ContractCallError && e.code === 'QUOTA_EXCEEDED',
      });
    } finally {
      setBusy(null);
    }
  };

  const portNumber = (): number => {
    const n = Number(port);
    if (port.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65_535)
      throw new Error('Port: a whole number from 0 to 65535 (0 picks a free port)');
    return n;
  };

  /** Turns the API on (with the port and interfaces shown) or off. */
  const setEnabled = (enabled: boolean) =>
    run(enabled ? 'enable' : 'disable', 'server', async () => {
      const s = await api['automation:set-enabled'](
        enabled ? { enabled, port: portNumber(), allowRemote } : { enabled },
      );
      setSettings(s);
      setPort(String(s.port));
      setNotice({
        area: 'server',
        message: enabled ? `The API is listening at ${s.url}.` : 'The API is off; nothing listens.',
      });
      await reload();
    });

  /** Saves the port and interfaces; a running API moves to them at once. */
  const saveListen = () =>
    run('listen', 'server', async () => {
      const s = await api['automation:set-enabled']({
        enabled: settings?.enabled ?? false,
        port: portNumber(),
        allowRemote,
      });
      setSettings(s);
      setNotice({
        area: 'server',
        message: s.running ? `The API now listens at ${s.url}.` : 'Saved: used when you turn the API on.',
      });
    });

  const select = (clientId: string) => {
    selectedRef.current = clientId;
    setSelectedId(clientId);
    setNewKey(null);
    setNewSecret(null);
    setError(null);
    setNotice(null);
    loadClient(clientId).catch((e) => setError({ area: 'clients', message: errorMessage(e), quota: false }));
  };

  const createClient = (name: string) =>
    run('create-client', 'clients', async () => {
      const client = await api['automation:create-client']({ name });
      selectedRef.current = client.id;
      setSelectedId(client.id);
      setNewKey(null);
      setNewSecret(null);
      await reload();
      setNotice({ area: 'clients', message: `Client "${client.name}" created. Now give it an API key.` });
    });

  const deleteClient = (clientId: string) =>
    run('delete-client', 'clients', async () => {
      await api['automation:delete-client']({ clientId });
      if (selectedRef.current === clientId) {
        selectedRef.current = null;
        setSelectedId(null);
      }
      await reload();
    });

  const setClientActive = (clientId: string, isActive: boolean) =>
    run('client-active', 'clients', async () => {
      await api['automation:update-client']({ clientId, isActive });
      await reload();
    });

  const createKey = (form: NewKeyForm) =>
    run('create-key', 'keys', async () => {
      if (!selectedId) throw new Error('Choose a client first');
      const created = await api['automation:create-key']({
        clientId: selectedId,
        name: form.name,
        scopes: form.scopes,
        rateLimitPerMinute: form.rateLimitPerMinute,
        ...(form.expiresAt ? { expiresAt: `${form.expiresAt}:00Z` } : {}),
      });
      setNewKey(created);
      await reload();
    });

  const revokeKey = (keyId: string) =>
    run('revoke-key', 'keys', async () => {
      const key = await api['automation:revoke-key']({ keyId });
      if (newKey?.apiKey.id === keyId) setNewKey(null);
      await reload();
      setNotice({ area: 'keys', message: `Key ${key.prefix}… revoked: its next request is refused.` });
    });

  const createWebhook = (form: NewWebhookForm) =>
    run('create-webhook', 'webhooks', async () => {
      if (!selectedId) throw new Error('Choose a client first');
      const { webhook, secret } = await api['automation:create-webhook']({
        clientId: selectedId,
        url: form.url.trim(),
        events: form.events,
      });
      setNewSecret({ webhookId: webhook.id, url: webhook.url, secret });
      await reload();
    });

  const setWebhookActive = (webhookId: string, isActive: boolean) =>
    run('webhook-active', 'webhooks', async () => {
      await api['automation:update-webhook']({ webhookId, isActive });
      await reload();
    });

  const deleteWebhook = (webhookId: string) =>
    run('delete-webhook', 'webhooks', async () => {
      await api['automation:delete-webhook']({ webhookId });
      if (newSecret?.webhookId === webhookId) setNewSecret(null);
      await reload();
    });

  const sendTest = (webhookId: string) =>
    run('test-webhook', 'webhooks', async () => {
      await api['automation:test-webhook']({ webhookId });
      await reload();
      setNotice({
        area: 'webhooks',
        message: 'Test event queued: its delivery is listed with this webhook.',
      });
    });

  const selected = clients.find((c) => c.id === selectedId) ?? null;

  return {
    settings,
    port,
    setPort,
    allowRemote,
    setAllowRemote,
    clients,
    clientLimit,
    selected,
    keys,
    webhooks,
    deliveries,
    usage,
    audit,
    newKey,
    dismissKey: () => setNewKey(null),
    newSecret,
    dismissSecret: () => setNewSecret(null),
    busy,
    error,
    notice,
    setEnabled,
    saveListen,
    select,
    createClient,
    deleteClient,
    setClientActive,
    createKey,
    revokeKey,
    createWebhook,
    setWebhookActive,
    deleteWebhook,
    sendTest,
    refresh: () => run('refresh', 'server', async () => void (await reload())),
  };
}

export type AutomationState = ReturnType<typeof useAutomation>;

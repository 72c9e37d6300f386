import type { AutomationSettingsDto } from '../../../shared/contract/automation';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Dispatch } from '../../contract/dispatch';
import { AutomationBus, type AutomationEvent } from './bus';
import type { AutomationDeps } from './deps';
import { type AutomationHandlers, createAutomationHandlers } from './handlers';
import { type ApiServer, startApiServer } from './http-server';
import { type VerifiedKey, VerifiedKeys } from './key-cache';
import { createManagement } from './management';
import { AutomationObserver } from './observer';
import { RateLimiter } from './rate-limit';
import { AutomationStore, type KeyRow } from './store';
import type { StreamServer } from './stream';
import { DEFAULT_RETRY, type RetryPolicy, WebhookOutbox } from './webhooks';

export interface StartOptions {
  /** Default: the saved port (5299); 0 picks a free one. */
  port?: number;
  /** Listen on every interface; otherwise 127.0.0.1 only. */
  allowRemote?: boolean;
  /** Webhook retry timing (tests shorten it). */
  retry?: Partial<RetryPolicy>;
}

/** Idle this long, a client seen again over HTTP counts as a new connection. */
const IDLE_SECONDS = 300;

/** The automation feature: the local API, its keys, streams, webhooks, usage and audit. */
export class Automation {
  readonly handlers: AutomationHandlers;
  private readonly bus = new AutomationBus();
  private readonly observer: AutomationObserver;
  readonly data: AutomationStore;
  private readonly limiter: RateLimiter;
  private readonly keys: VerifiedKeys;
  /** Writes the usage kept in memory every second while the API runs. */
  private usageTimer: ReturnType<typeof setInterval> | null = null;
  private server: (ApiServer & { streams: StreamServer }) | null = null;
  private outbox: WebhookOutbox | null = null;
  private starting: Promise<ApiServer> | null = null;
  private readonly stopListening: () => void;
  private readonly stopBus: () => void;
  private readonly nowMs: () => number;

  constructor(private readonly deps: AutomationDeps) {
    this.nowMs = deps.nowMs;
    this.data = new AutomationStore(deps.store, deps.newId);
    this.limiter = new RateLimiter(this.nowMs);
    this.keys = new VerifiedKeys(() => this.data.configVersion());
    this.observer = new AutomationObserver(this.bus, deps.newId, () => deps.clock.nowSeconds());
    this.stopListening = this.observer.listen(deps.events);
    this.stopBus = this.bus.subscribe((message) => {
      if (message.kind === 'event') this.outbox?.enqueue(message.event);
    });
    const management = createManagement({
      data: this.data,
      now: () => deps.clock.nowSeconds(),
      newId: deps.newId,
      settings: () => this.settings(),
      setEnabled: (input) => this.setEnabled(input),
      queueTest: (webhookId) => this.queueTest(webhookId),
      forgetKey: (keyId) => this.limiter.forget(keyId),
    });
    this.handlers = createAutomationHandlers(management, deps.gated);
  }

  /** The dispatcher, also telling this feature about fills and closes (for webhooks and streams). */
  observe(dispatch: Dispatch): Dispatch {
    return this.observer.wrap(dispatch);
  }

  /** For features without an EventHub event yet (backtests, challenges): publish a webhook event. */
  publish(type: AutomationEvent['type'], sessionId: string | null, data: Record<string, unknown>): void {
    this.bus.emit({
      kind: 'event',
      event: { id: this.deps.newId(), type, sessionId, createdAt: this.deps.clock.nowSeconds(), data },
    });
  }

  settings(): AutomationSettingsDto {
    const saved = this.data.settings(this.deps.clock.nowSeconds());
    return { ...saved, running: this.server !== null, url: this.server?.url ?? null };
  }

  get url(): string | null {
    return this.server?.url ?? null;
  }

  /** Starts the API now (idempotent); the desktop starts it when the saved setting is on. */
  async start(options: StartOptions = {}): Promise<ApiServer> {
    if (this.server) return this.server;
    if (this.starting) return this.starting;
    const saved = this.data.settings(this.deps.clock.nowSeconds());
    const allowRemote = options.allowRemote ?? saved.allowRemote;
    const port = options.port ?? saved.port;
    const run = async () => {
      const outbox = this.newOutbox({ ...DEFAULT_RETRY, ...options.retry });
      const server = await startApiServer(
        {
          dispatch: this.deps.dispatch,
          store: this.data,
          limiter: this.limiter,
          keys: this.keys,
          bus: this.bus,
          nowSeconds: () => this.deps.clock.nowSeconds(),
          log: this.deps.log,
          seen: (row, address) => this.seen(row, address),
          connected: (row, address) => this.connected(row, address, 'stream'),
          disconnected: (row, address) => this.disconnected(row, address),
        },
        { port, host: allowRemote ? '0.0.0.0' : '127.0.0.1' },
      );
      this.server = server;
      this.outbox = outbox;
      outbox.start();
      // A crash loses at most this second of counts; the timer alone never keeps the process up.
      this.usageTimer = setInterval(() => this.flushUsage(), 1_000);
      this.usageTimer.unref?.();
      return server;
    };
    this.starting = run().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    const server = this.server;
    const outbox = this.outbox;
    this.server = null;
    this.outbox = null;
    await outbox?.stop();
    await server?.close();
    this.stopUsageTimer();
    this.flushUsage();
    if (server) this.data.disconnectAll(this.deps.clock.nowSeconds());
  }

  /** On desktop start: listen if the trader turned the API on. */
  startIfEnabled(): void {
    if (!this.data.settings(this.deps.clock.nowSeconds()).enabled) return;
    this.start().catch((error: unknown) => this.deps.log('The automation API could not start', error));
  }

  /** Synchronous, for the app's close: stops listening at once; nothing in flight is awaited. */
  close(): void {
    this.stopListening();
    this.stopBus();
    const { server, outbox } = this;
    this.server = null;
    this.outbox = null;
    void outbox?.stop();
    void server?.close();
    this.stopUsageTimer();
    this.flushUsage();
    if (server) this.data.disconnectAll(this.deps.clock.nowSeconds());
  }

  private stopUsageTimer(): void {
    if (this.usageTimer) clearInterval(this.usageTimer);
    this.usageTimer = null;
  }

  private flushUsage(): void {
    try {
      this.data.flushUsage();
    } catch (error) {
      this.deps.log('Automation usage could not be written (kept for the next try)', error);
    }
  }

  private async setEnabled(input: { enabled: boolean; port?: number; allowRemote?: boolean }) {
    const now = this.deps.clock.nowSeconds();
    const before = this.data.settings(now);
    this.data.saveSettings(input, now);
    this.data.audit({
      action: input.enabled ? 'api.enabled' : 'api.disabled',
      resource: 'settings',
      ts: now,
      details: { before, after: this.data.settings(now) },
    });
    const moved =
      (input.port !== undefined && input.port !== before.port) ||
      (input.allowRemote !== undefined && input.allowRemote !== before.allowRemote);
    if (!input.enabled || moved) await this.stop();
    if (input.enabled) {
      try {
        await this.start({ port: input.port });
      } catch (error) {
        throw new AppError(ErrorCode.CONFLICT, `The API could not listen: ${(error as Error).message}`);
      }
    }
    return this.settings();
  }

  private queueTest(webhookId: string) {
    this.data.webhookRow(webhookId);
    const event: AutomationEvent = {
      id: this.deps.newId(),
      type: 'test',
      sessionId: null,
      createdAt: this.deps.clock.nowSeconds(),
      data: { message: 'A test event from Tickstep' },
    };
    const running = this.outbox;
    const outbox = running ?? this.newOutbox(DEFAULT_RETRY);
    const [row] = outbox.enqueue(event, webhookId);
    if (!row) throw new AppError(ErrorCode.INTERNAL, 'The test event was not queued');
    if (!running) {
      // The API is off, so no outbox runs: one pass sends the test now (the trader is checking a
      // URL); a failure is retried once the API is turned on.
      outbox.start();
      void outbox.stop();
    }
    return row;
  }

  private newOutbox(policy: RetryPolicy): WebhookOutbox {
    return new WebhookOutbox({
      store: this.data,
      nowMs: this.nowMs,
      fetch: this.deps.fetch,
      policy,
      log: this.deps.log,
      onDelivered: (clientId) =>
        this.data.countUsage(clientId, 'eventsDelivered', this.deps.clock.nowSeconds()),
    });
  }

  private seen({ row, client }: VerifiedKey, address: string | null): void {
    const now = this.deps.clock.nowSeconds();
    const idle = client.status === 'disconnected' || (row.lastUsedAt ?? 0) < now - IDLE_SECONDS;
    if (idle) this.connected(row, address, 'http');
  }

  private connected(row: KeyRow, address: string | null, via: 'http' | 'stream'): void {
    const now = this.deps.clock.nowSeconds();
    this.data.updateClient(row.clientId, { status: 'connected', lastConnectedAt: now }, now);
    this.data.audit({
      action: 'client.connected',
      resource: 'client',
      resourceId: row.clientId,
      clientId: row.clientId,
      ipAddress: address,
      ts: now,
      details: { via, keyPrefix: row.prefix },
    });
  }

  private disconnected(row: KeyRow, address: string | null): void {
    // After stop (or the app's close) the sockets' last words no longer reach the store.
    if (!this.server || this.server.streams.openFor(row.clientId) > 0) return;
    const now = this.deps.clock.nowSeconds();
    this.data.updateClient(row.clientId, { status: 'disconnected', lastDisconnectedAt: now }, now);
    this.data.audit({
      action: 'client.disconnected',
      resource: 'client',
      resourceId: row.clientId,
      clientId: row.clientId,
      ipAddress: address,
      ts: now,
      details: { keyPrefix: row.prefix },
    });
  }
}

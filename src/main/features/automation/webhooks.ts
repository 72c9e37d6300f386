import { createHmac } from 'node:crypto';
import type { AutomationEvent } from './bus';
import type { AutomationStore, DeliveryRow } from './store';

export interface RetryPolicy {
  /** First retry after this long, doubling each time up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** After this many failed attempts the delivery is `failed` and no longer tried. */
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 5_000,
  maxMs: 60 * 60_000,
  maxAttempts: 10,
  timeoutMs: 10_000,
};

/** The signature header, Stripe style: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The durable webhook outbox. An event is written to `automation_webhook_deliveries` once per
 * subscribed webhook (unique per webhook and event), then POSTed, signed, until a 2xx answer;
 * failures retry with exponential backoff. The rows survive a restart: whatever was pending is
 * sent by the next run. One pass runs at a time, so a row is never in flight twice.
 */
export class WebhookOutbox {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: AutomationStore;
      nowMs: () => number;
      fetch: typeof fetch;
      policy: RetryPolicy;
      log: (message: string, error?: unknown) => void;
      onDelivered: (clientId: string) => void;
    },
  ) {}

  /** Queues `event` for every active webhook that listens to its type (or for `only`). */
  enqueue(event: AutomationEvent, only?: string): DeliveryRow[] {
    const { store, nowMs } = this.deps;
    const hooks = only ? [store.webhookRow(only)] : store.webhooksFor(event.type);
    // Most events have no webhook that wants them: no body is written for those.
    if (hooks.length === 0) return [];
    const payload = JSON.stringify({
      id: event.id,
      type: event.type,
      createdAt: new Date(event.createdAt * 1000).toISOString(),
      sessionId: event.sessionId,
      data: event.data,
    });
    const rows: DeliveryRow[] = [];
    for (const hook of hooks) {
      const row = store.enqueueDelivery(
        hook.id,
        { id: event.id, type: event.type, payload },
        nowMs(),
        Math.floor(nowMs() / 1000),
      );
      if (row) rows.push(row);
    }
    if (rows.length) this.kick();
    return rows;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle;
  }

  /** Runs a pass now (or right after the one in flight). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = true;
    this.idle = this.pass()
      .catch((error: unknown) => this.deps.log('Webhook outbox pass failed', error))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.scheduleNext();
      });
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const next = this.deps.store.nextDueMs();
    if (next === null) return;
    const delay = Math.max(0, next - this.deps.nowMs());
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2_147_483_647));
    this.timer.unref?.();
  }

  private async pass(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const due = this.deps.store.dueDeliveries(this.deps.nowMs(), 20);
      if (due.length === 0) return;
      await Promise.all(due.map((row) => this.deliver(row)));
    }
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    const { store, nowMs, policy } = this.deps;
    let hook: ReturnType<AutomationStore['webhookRow']>;
    try {
      hook = store.webhookRow(row.webhookId);
    } catch {
      return; // deleted meanwhile; its rows went with it
    }
    const timestamp = Math.floor(nowMs() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.deps.fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tickstep-Webhooks/1',
          'tickstep-signature': signWebhook(hook.secret, timestamp, row.payload),
          'tickstep-event-id': row.eventId,
          'tickstep-event-type': row.eventType,
          'tickstep-delivery-attempt': String(row.attempts + 1),
        },
        body: row.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const now = Math.floor(nowMs() / 1000);
    const attempts = row.attempts + 1;
    if (error === null) {
      store.updateDelivery(
        row.id,
        { status: 'delivered', attempts, lastStatusCode: status, lastError: null, deliveredAt: now },
        now,
      );
      store.recordWebhookResult(hook.id, true, now, null);
      this.deps.onDelivered(hook.clientId);
      return;
    }
    const failed = attempts >= policy.maxAttempts;
    store.updateDelivery(
      row.id,
      {
        status: failed ? 'failed' : 'pending',
        attempts,
        lastStatusCode: status,
        lastError: error,
        nextAttemptMs: nowMs() + retryDelayMs(policy, attempts),
      },
      now,
    );
    store.recordWebhookResult(hook.id, false, now, error);
  }
}

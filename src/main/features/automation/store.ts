// Why this file stays whole (~480 lines): it is the feature's only SQL. Clients, keys, webhooks,
// deliveries, usage and audit rows are written together in the same transactions (a key's use
// bumps its client's usage and may add an audit row), so one store keeps those writes in one place.
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type {
  ApiKeyDto,
  AutomationAuditDto,
  AutomationClientDto,
  AutomationScope,
  AutomationUsageDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookEventType,
} from '../../../shared/contract/automation';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import {
  automationApiKeys,
  automationAuditLog,
  automationClients,
  automationSettings,
  automationUsageDaily,
  automationUsageMonthly,
  automationWebhookDeliveries,
  automationWebhooks,
} from '../../db/schema/automation';

type ClientRow = typeof automationClients.$inferSelect;
export type KeyRow = typeof automationApiKeys.$inferSelect;
type WebhookRow = typeof automationWebhooks.$inferSelect;
export type DeliveryRow = typeof automationWebhookDeliveries.$inferSelect;
export type UsageField = 'apiCalls' | 'ordersSent' | 'failedRequests' | 'eventsDelivered';

const SETTINGS_ID = 'automation';
export const DEFAULT_PORT = 5299;

const clientDto = (r: ClientRow): AutomationClientDto => ({
  id: r.id,
  name: r.name,
  status: r.status,
  isActive: r.isActive,
  settings: r.settings,
  lastConnectedAt: r.lastConnectedAt,
  lastDisconnectedAt: r.lastDisconnectedAt,
  connectionAttempts: r.connectionAttempts,
  lastError: r.lastError,
  lastErrorAt: r.lastErrorAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const keyDto = (r: KeyRow): ApiKeyDto => ({
  id: r.id,
  clientId: r.clientId,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes as AutomationScope[],
  isActive: r.isActive,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt,
  lastUsedAt: r.lastUsedAt,
  usageCount: r.usageCount,
  rateLimitPerMinute: r.rateLimitPerMinute,
  createdAt: r.createdAt,
});

const webhookDto = (r: WebhookRow): WebhookDto => ({
  id: r.id,
  clientId: r.clientId,
  url: r.url,
  events: r.events as WebhookEventType[],
  isActive: r.isActive,
  totalSent: r.totalSent,
  totalFailed: r.totalFailed,
  lastSentAt: r.lastSentAt,
  lastFailedAt: r.lastFailedAt,
  lastError: r.lastError,
  createdAt: r.createdAt,
});

export const deliveryDto = (r: DeliveryRow): WebhookDeliveryDto => ({
  id: r.id,
  webhookId: r.webhookId,
  eventId: r.eventId,
  eventType: r.eventType,
  status: r.status,
  attempts: r.attempts,
  nextAttemptMs: r.nextAttemptMs,
  lastStatusCode: r.lastStatusCode,
  lastError: r.lastError,
  deliveredAt: r.deliveredAt,
  createdAt: r.createdAt,
});

function utcDay(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

/** The counters a request or a delivery adds to its client's day and month. */
export type UsageDeltas = Partial<Record<UsageField, number>>;

const ADD_USAGE = (table: string, period: string) =>
  `INSERT INTO ${table} (id, client_id, ${period}, api_calls, orders_sent, failed_requests, events_delivered, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT(client_id, ${period}) DO UPDATE SET api_calls = api_calls + excluded.api_calls,
     orders_sent = orders_sent + excluded.orders_sent, failed_requests = failed_requests + excluded.failed_requests,
     events_delivered = events_delivered + excluded.events_delivered, updated_at = excluded.updated_at`;

/** A key's uses and its client's usage not yet written (see `recordUse`). */
interface PendingUse {
  keys: Map<string, { uses: number; lastUsedAt: number }>;
  /** By client and UTC day. */
  usage: Map<string, { clientId: string; day: string; counts: number[]; now: number }>;
}

/**
 * Every read and write of the automation tables. Times come from the caller's clock.
 * What every API request reads and writes (its key, its client, its usage) goes through
 * statements prepared once: building and compiling them per request cost more than the request.
 */
export class AutomationStore {
  private hot: ReturnType<typeof prepareHot> | null = null;
  /** Bumped by every write of a key, client or webhook row here, so what is cached of them knows it is stale. */
  private generation = 0;
  private pending: PendingUse = { keys: new Map(), usage: new Map() };
  /** The active webhooks, read again only when `configVersion()` changes (every event asks). */
  private activeHooks: { version: string; rows: WebhookRow[] } | null = null;

  constructor(
    private readonly store: Store,
    private readonly newId: () => string,
  ) {}

  private get statements(): ReturnType<typeof prepareHot> {
    this.hot ??= prepareHot(this.store);
    return this.hot;
  }

  private get db() {
    return this.store.db;
  }

  settings(now: number): { enabled: boolean; port: number; allowRemote: boolean } {
    const row = this.db.select().from(automationSettings).where(eq(automationSettings.id, SETTINGS_ID)).get();
    if (row) return { enabled: row.enabled, port: row.port, allowRemote: row.allowRemote };
    this.db
      .insert(automationSettings)
      .values({
        id: SETTINGS_ID,
        enabled: false,
        port: DEFAULT_PORT,
        allowRemote: false,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .run();
    return { enabled: false, port: DEFAULT_PORT, allowRemote: false };
  }

  saveSettings(patch: { enabled?: boolean; port?: number; allowRemote?: boolean }, now: number): void {
    this.settings(now);
    this.db
      .update(automationSettings)
      .set({ ...patch, updatedAt: now })
      .where(eq(automationSettings.id, SETTINGS_ID))
      .run();
  }

  // --- clients

  listClients(): AutomationClientDto[] {
    return this.db.select().from(automationClients).orderBy(asc(automationClients.name)).all().map(clientDto);
  }

  client(clientId: string): AutomationClientDto {
    const row = this.statements.client.get({ clientId });
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No automation client ${clientId}`);
    return clientDto(row);
  }

  clientByName(name: string): AutomationClientDto | null {
    const row = this.db.select().from(automationClients).where(eq(automationClients.name, name)).get();
    return row ? clientDto(row) : null;
  }

  createClient(name: string, settings: Record<string, unknown>, now: number): AutomationClientDto {
    if (this.clientByName(name)) throw new AppError(ErrorCode.CONFLICT, `A client named "${name}" exists`);
    const id = this.newId();
    this.generation++;
    this.db
      .insert(automationClients)
      .values({ id, name, settings, status: 'disconnected', createdAt: now, updatedAt: now })
      .run();
    return this.client(id);
  }

  updateClient(
    clientId: string,
    patch: Partial<
      Pick<
        ClientRow,
        | 'name'
        | 'isActive'
        | 'settings'
        | 'status'
        | 'lastConnectedAt'
        | 'lastDisconnectedAt'
        | 'lastError'
        | 'lastErrorAt'
      >
    >,
    now: number,
  ): AutomationClientDto {
    this.client(clientId);
    if (patch.name !== undefined) {
      const other = this.clientByName(patch.name);
      if (other && other.id !== clientId)
        throw new AppError(ErrorCode.CONFLICT, `A client named "${patch.name}" exists`);
    }
    this.generation++;
    this.db
      .update(automationClients)
      .set({ ...patch, updatedAt: now })
      .where(eq(automationClients.id, clientId))
      .run();
    return this.client(clientId);
  }

  countConnectionAttempt(clientId: string, now: number): void {
    this.db
      .update(automationClients)
      .set({ connectionAttempts: sql`${automationClients.connectionAttempts} + 1`, updatedAt: now })
      .where(eq(automationClients.id, clientId))
      .run();
  }

  deleteClient(clientId: string): boolean {
    // Its pending usage is written first: after the delete its rows could no longer refer to it.
    this.flushUsage();
    this.generation++;
    return this.db.delete(automationClients).where(eq(automationClients.id, clientId)).run().changes > 0;
  }

  disconnectAll(now: number): void {
    this.generation++;
    this.db
      .update(automationClients)
      .set({ status: 'disconnected', lastDisconnectedAt: now, updatedAt: now })
      .where(eq(automationClients.status, 'connected'))
      .run();
  }

  // --- keys

  listKeys(clientId?: string): ApiKeyDto[] {
    this.flushUsage();
    const q = this.db.select().from(automationApiKeys);
    const rows = (clientId ? q.where(eq(automationApiKeys.clientId, clientId)) : q)
      .orderBy(desc(automationApiKeys.createdAt), asc(automationApiKeys.prefix))
      .all();
    return rows.map(keyDto);
  }

  keyRow(keyId: string): KeyRow {
    this.flushUsage();
    const row = this.db.select().from(automationApiKeys).where(eq(automationApiKeys.id, keyId)).get();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No API key ${keyId}`);
    return row;
  }

  keyByPrefix(prefix: string): KeyRow | undefined {
    this.flushUsage();
    return this.statements.keyByPrefix.get({ prefix });
  }

  /**
   * Changes when a key, client or webhook row may have changed: a write through this store, or a
   * commit by another connection (`tickstep api-keys revoke` in another process; SQLite's data_version).
   */
  configVersion(): string {
    return `${this.generation}:${this.statements.dataVersion.get() as number}`;
  }

  insertKey(row: typeof automationApiKeys.$inferInsert): KeyRow {
    this.generation++;
    this.db.insert(automationApiKeys).values(row).run();
    return this.keyRow(row.id);
  }

  updateKey(keyId: string, patch: Partial<KeyRow>, now: number): KeyRow {
    this.keyRow(keyId);
    this.generation++;
    this.db
      .update(automationApiKeys)
      .set({ ...patch, updatedAt: now })
      .where(eq(automationApiKeys.id, keyId))
      .run();
    return this.keyRow(keyId);
  }

  /**
   * A request made with the key: its use and its client's usage. Kept in memory and written in one
   * transaction by `flushUsage` (a timer calls it every second while the API runs, the API's stop
   * and the app's close call it, and every read of keys or usage calls it first, so what is read
   * is exact); a transaction per request cost a quarter of the request. `row` is updated too, so
   * a cached row shows its last use.
   */
  recordUse(row: KeyRow, deltas: UsageDeltas, now: number): void {
    const key = this.pending.keys.get(row.id);
    if (key) {
      key.uses++;
      key.lastUsedAt = now;
    } else this.pending.keys.set(row.id, { uses: 1, lastUsedAt: now });
    row.usageCount++;
    row.lastUsedAt = now;
    const day = utcDay(now);
    const slot = `${row.clientId} ${day}`;
    let usage = this.pending.usage.get(slot);
    if (!usage) {
      usage = { clientId: row.clientId, day, counts: [0, 0, 0, 0], now };
      this.pending.usage.set(slot, usage);
    }
    usage.counts[0]! += deltas.apiCalls ?? 0;
    usage.counts[1]! += deltas.ordersSent ?? 0;
    usage.counts[2]! += deltas.failedRequests ?? 0;
    usage.counts[3]! += deltas.eventsDelivered ?? 0;
    usage.now = now;
  }

  /** Writes the uses `recordUse` kept, all or nothing. */
  flushUsage(): void {
    const { keys, usage } = this.pending;
    if (keys.size === 0 && usage.size === 0) return;
    const { touchKey, usageDaily, usageMonthly } = this.statements;
    this.store.sqlite.transaction(() => {
      for (const [keyId, use] of keys) touchKey.run(use.lastUsedAt, use.uses, keyId);
      for (const { clientId, day, counts, now } of usage.values()) {
        try {
          usageDaily.run(this.newId(), clientId, day, ...counts, now, now);
          usageMonthly.run(this.newId(), clientId, day.slice(0, 7), ...counts, now, now);
        } catch (error) {
          // A client deleted by another process since: its usage went with it. Anything else is a bug.
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
        }
      }
    })();
    this.pending = { keys: new Map(), usage: new Map() };
  }

  // --- webhooks

  listWebhooks(clientId?: string): WebhookDto[] {
    const q = this.db.select().from(automationWebhooks);
    return (clientId ? q.where(eq(automationWebhooks.clientId, clientId)) : q)
      .orderBy(asc(automationWebhooks.createdAt))
      .all()
      .map(webhookDto);
  }

  webhookRow(webhookId: string): WebhookRow {
    const row = this.db.select().from(automationWebhooks).where(eq(automationWebhooks.id, webhookId)).get();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No webhook ${webhookId}`);
    return row;
  }

  webhook(webhookId: string): WebhookDto {
    return webhookDto(this.webhookRow(webhookId));
  }

  insertWebhook(row: typeof automationWebhooks.$inferInsert): WebhookDto {
    this.generation++;
    this.db.insert(automationWebhooks).values(row).run();
    return this.webhook(row.id);
  }

  updateWebhook(webhookId: string, patch: Partial<WebhookRow>, now: number): WebhookDto {
    this.webhookRow(webhookId);
    this.generation++;
    this.db
      .update(automationWebhooks)
      .set({ ...patch, updatedAt: now })
      .where(eq(automationWebhooks.id, webhookId))
      .run();
    return this.webhook(webhookId);
  }

  deleteWebhook(webhookId: string): boolean {
    this.generation++;
    return this.db.delete(automationWebhooks).where(eq(automationWebhooks.id, webhookId)).run().changes > 0;
  }

  /** Active webhooks of active clients that listen to `type`. */
  webhooksFor(type: string): WebhookRow[] {
    const version = this.configVersion();
    if (this.activeHooks?.version !== version)
      this.activeHooks = { version, rows: this.statements.activeWebhooks.all().map((r) => r.w) };
    return this.activeHooks.rows.filter((w) => w.events.includes(type));
  }

  recordWebhookResult(webhookId: string, ok: boolean, now: number, error: string | null): void {
    const set = ok
      ? { totalSent: sql`${automationWebhooks.totalSent} + 1`, lastSentAt: now }
      : { totalFailed: sql`${automationWebhooks.totalFailed} + 1`, lastFailedAt: now, lastError: error };
    this.generation++;
    this.db.update(automationWebhooks).set(set).where(eq(automationWebhooks.id, webhookId)).run();
  }

  // --- outbox

  /** Queues an event for a webhook; the same event twice is queued once. */
  enqueueDelivery(
    webhookId: string,
    event: { id: string; type: string; payload: string },
    nowMs: number,
    now: number,
  ): DeliveryRow | undefined {
    this.db
      .insert(automationWebhookDeliveries)
      .values({
        id: this.newId(),
        webhookId,
        eventId: event.id,
        eventType: event.type,
        payload: event.payload,
        status: 'pending',
        nextAttemptMs: nowMs,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .run();
    return this.db
      .select()
      .from(automationWebhookDeliveries)
      .where(
        and(
          eq(automationWebhookDeliveries.webhookId, webhookId),
          eq(automationWebhookDeliveries.eventId, event.id),
        ),
      )
      .get();
  }

  dueDeliveries(nowMs: number, limit: number): DeliveryRow[] {
    return this.db
      .select()
      .from(automationWebhookDeliveries)
      .where(
        and(
          eq(automationWebhookDeliveries.status, 'pending'),
          lte(automationWebhookDeliveries.nextAttemptMs, nowMs),
        ),
      )
      .orderBy(asc(automationWebhookDeliveries.nextAttemptMs), asc(automationWebhookDeliveries.createdAt))
      .limit(limit)
      .all();
  }

  nextDueMs(): number | null {
    const row = this.db
      .select({ next: sql<number | null>`min(${automationWebhookDeliveries.nextAttemptMs})` })
      .from(automationWebhookDeliveries)
      .where(eq(automationWebhookDeliveries.status, 'pending'))
      .get();
    return row?.next ?? null;
  }

  updateDelivery(id: string, patch: Partial<DeliveryRow>, now: number): void {
    this.db
      .update(automationWebhookDeliveries)
      .set({ ...patch, updatedAt: now })
      .where(eq(automationWebhookDeliveries.id, id))
      .run();
  }

  listDeliveries(webhookId: string | undefined, limit: number): WebhookDeliveryDto[] {
    const q = this.db.select().from(automationWebhookDeliveries);
    return (webhookId ? q.where(eq(automationWebhookDeliveries.webhookId, webhookId)) : q)
      .orderBy(desc(automationWebhookDeliveries.createdAt), desc(automationWebhookDeliveries.id))
      .limit(limit)
      .all()
      .map(deliveryDto);
  }

  // --- usage

  /** Adds to a client's counters for the UTC day and month of `now`. */
  countUsage(clientId: string, field: UsageField, now: number, n = 1): void {
    this.store.sqlite.transaction(() => this.addUsage(clientId, { [field]: n }, now))();
  }

  private addUsage(clientId: string, deltas: UsageDeltas, now: number): void {
    const day = utcDay(now);
    const counts = [
      deltas.apiCalls ?? 0,
      deltas.ordersSent ?? 0,
      deltas.failedRequests ?? 0,
      deltas.eventsDelivered ?? 0,
    ] as const;
    const { usageDaily, usageMonthly } = this.statements;
    usageDaily.run(this.newId(), clientId, day, ...counts, now, now);
    usageMonthly.run(this.newId(), clientId, day.slice(0, 7), ...counts, now, now);
  }

  usage(
    clientId: string | undefined,
    sinceDay: string,
  ): { daily: AutomationUsageDto[]; monthly: AutomationUsageDto[] } {
    this.flushUsage();
    const d = automationUsageDaily;
    const m = automationUsageMonthly;
    const daily = this.db
      .select()
      .from(d)
      .where(clientId ? and(eq(d.clientId, clientId), gte(d.day, sinceDay)) : gte(d.day, sinceDay))
      .orderBy(desc(d.day), asc(d.clientId))
      .all()
      .map((r) => ({
        clientId: r.clientId,
        period: r.day,
        apiCalls: r.apiCalls,
        ordersSent: r.ordersSent,
        failedRequests: r.failedRequests,
        eventsDelivered: r.eventsDelivered,
      }));
    const q = this.db.select().from(m);
    const monthly = (clientId ? q.where(eq(m.clientId, clientId)) : q)
      .orderBy(desc(m.period), asc(m.clientId))
      .all()
      .map((r) => ({
        clientId: r.clientId,
        period: r.period,
        apiCalls: r.apiCalls,
        ordersSent: r.ordersSent,
        failedRequests: r.failedRequests,
        eventsDelivered: r.eventsDelivered,
      }));
    return { daily, monthly };
  }

  // --- audit

  audit(
    entry: Omit<AutomationAuditDto, 'id' | 'details' | 'clientId' | 'ipAddress' | 'resourceId'> &
      Partial<Pick<AutomationAuditDto, 'details' | 'clientId' | 'ipAddress' | 'resourceId'>>,
  ): void {
    this.db
      .insert(automationAuditLog)
      .values({
        id: this.newId(),
        action: entry.action,
        resource: entry.resource,
        resourceId: entry.resourceId ?? null,
        clientId: entry.clientId ?? null,
        ipAddress: entry.ipAddress ?? null,
        details: entry.details ?? null,
        ts: entry.ts,
      })
      .run();
  }

  auditLog(limit: number): AutomationAuditDto[] {
    return (
      this.db
        .select()
        .from(automationAuditLog)
        // Ids are random: within one second the insertion order (rowid) says what came first.
        .orderBy(desc(automationAuditLog.ts), sql`rowid desc`)
        .limit(limit)
        .all()
        .map((r) => ({ ...r, details: r.details ?? null }))
    );
  }
}

export { utcDay };

function prepareHot(store: Store) {
  const { db, sqlite } = store;
  return {
    keyByPrefix: db
      .select()
      .from(automationApiKeys)
      .where(eq(automationApiKeys.prefix, sql.placeholder('prefix')))
      .prepare(),
    client: db
      .select()
      .from(automationClients)
      .where(eq(automationClients.id, sql.placeholder('clientId')))
      .prepare(),
    touchKey: sqlite.prepare(
      'UPDATE automation_api_keys SET last_used_at = max(coalesce(last_used_at, 0), ?), usage_count = usage_count + ? WHERE id = ?',
    ),
    dataVersion: sqlite.prepare('PRAGMA data_version').pluck(),
    activeWebhooks: db
      .select({ w: automationWebhooks })
      .from(automationWebhooks)
      .innerJoin(automationClients, eq(automationClients.id, automationWebhooks.clientId))
      .where(and(eq(automationWebhooks.isActive, true), eq(automationClients.isActive, true)))
      .prepare(),
    usageDaily: sqlite.prepare(ADD_USAGE('automation_usage_daily', 'day')),
    usageMonthly: sqlite.prepare(ADD_USAGE('automation_usage_monthly', 'period')),
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Store } from '../../../db/open-database';
import {
  supportAttachments,
  supportMessages,
  supportOutbox,
  supportRequests,
  supportSyncState,
} from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import type { EventHub } from '../../../platform/events';
import { Scheduler, type Timers } from '../../../platform/timers';
import type { AccountService } from '../account';
import { isTransient, type ServerReply } from '../server-client';
import type { OutboxRow, SupportOutbox } from './outbox';
import type { ChangesPage, ServerMessage, ServerRequest } from './wire';

/** Backoff after a failed attempt: 5 s, 10 s, 20 s … capped at 15 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 15 * 60);
}

/** Pull replies this often while signed in (and after every write). */
export const SUPPORT_POLL_MS = 2 * 60 * 1000;

export interface SyncOptions {
  store: Store;
  clock: Clock;
  dataDir: string;
  events: EventHub;
  account: AccountService;
  timers: Timers;
  /** Milliseconds for the timers (default Date.now); tests pass their fake. */
  nowMs?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The support sync: pushes the outbox in order (the server treats a repeated id as the same
 * write), then pulls the server's change feed from a stored cursor, applying each page in the
 * same transaction as the cursor. One sync runs at a time; a request made meanwhile runs once more
 * afterwards. While signed in it polls, and retries with backoff.
 */
export class SupportSync {
  private running: Promise<void> | null = null;
  private rerun = false;
  private lastError: string | null = null;
  private readonly scheduler: Scheduler;
  private closed = false;

  constructor(
    private readonly options: SyncOptions,
    private readonly outbox: SupportOutbox,
  ) {
    this.scheduler = new Scheduler(options.timers, () => void this.backgroundSync(), options.nowMs);
  }

  private get db() {
    return this.options.store.db;
  }

  private now(): number {
    return this.options.clock.nowSeconds();
  }

  /** Syncs soon after start (anything queued before a restart goes out), then keeps polling. */
  start(): void {
    this.scheduler.schedule(0);
  }

  stop(): void {
    this.closed = true;
    this.scheduler.stop();
  }

  /** Resolves once no sync is running (tests wait for it before closing the server). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => {});
  }

  /** Asks for a sync soon (after a write, after sign-in). */
  kick(): void {
    this.scheduler.schedule(0);
  }

  /** The last sync's error (null when it went through) and when the account last synced. */
  status(): { error: string | null; syncedAt: number | null } {
    const accountId = this.options.account.userId;
    const sync = accountId
      ? this.db.select().from(supportSyncState).where(eq(supportSyncState.accountId, accountId)).get()
      : undefined;
    return { error: this.lastError, syncedAt: sync?.syncedAt ?? null };
  }

  private async backgroundSync(): Promise<void> {
    try {
      await this.sync(false);
    } catch (error) {
      this.options.log?.('Support sync failed', error);
    }
  }

  /** Pushes the outbox (ignoring backoff) and pulls replies; resolves when done. */
  syncNow(): Promise<void> {
    return this.sync(true);
  }

  private sync(force: boolean): Promise<void> {
    if (this.running) {
      // One sync at a time; a request made meanwhile runs once more afterwards.
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.rerun = false;
        await this.syncOnce(force);
      } while (this.rerun && !this.closed);
    })().finally(() => {
      this.running = null;
      this.scheduleNext();
    });
    return this.running;
  }

  private scheduleNext(): void {
    if (this.closed || !this.options.account.signedIn) return;
    const next = this.outbox.counts(this.now()).nextAttemptAt;
    const retryMs = next !== null ? Math.max(0, (next - this.now()) * 1000) : Number.POSITIVE_INFINITY;
    this.scheduler.schedule(Math.min(retryMs, SUPPORT_POLL_MS));
  }

  private async syncOnce(force: boolean): Promise<void> {
    if (this.closed) return;
    if (!this.options.account.signedIn) {
      this.lastError = 'Signed out: support messages wait in the outbox until you sign in (Settings).';
      return;
    }
    const pushed = await this.push(force);
    if (!pushed.ok) {
      this.lastError = pushed.message;
      return;
    }
    const pulled = await this.pull();
    this.lastError = pulled.ok ? null : pulled.message;
  }

  private async push(force: boolean): Promise<{ ok: true } | { ok: false; message: string }> {
    for (;;) {
      if (this.closed) return { ok: true };
      const op = this.outbox.head();
      if (!op) return { ok: true };
      if (!force && op.nextAttemptAt > this.now())
        return { ok: false, message: op.lastError ?? 'Waiting to retry.' };
      const reply = await this.send(op);
      if (this.closed) return { ok: true };
      if (reply.ok) {
        this.confirm(op, reply.body);
        continue;
      }
      if (isTransient(reply) || reply.status === 401) {
        const attempts = op.attempts + 1;
        const now = this.now();
        this.db
          .update(supportOutbox)
          .set({
            attempts,
            nextAttemptAt: now + backoffSeconds(attempts),
            lastError: reply.message,
            updatedAt: now,
          })
          .where(eq(supportOutbox.id, op.id))
          .run();
        return { ok: false, message: reply.message };
      }
      // Refused for good (invalid, conflict, too large): keep it, visible, and go on with the rest.
      const now = this.now();
      this.options.store.sqlite.transaction(() => {
        this.db
          .update(supportOutbox)
          .set({ failedAt: now, lastError: reply.message, attempts: op.attempts + 1, updatedAt: now })
          .where(eq(supportOutbox.id, op.id))
          .run();
        this.db
          .update(supportMessages)
          .set({ delivery: 'failed', error: reply.message, updatedAt: now })
          .where(eq(supportMessages.id, op.messageId))
          .run();
      })();
    }
  }

  /** Uploads the message's files not yet uploaded, then posts the request or message. */
  private async send(
    op: OutboxRow,
  ): Promise<ServerReply<{ request: ServerRequest; message: ServerMessage }>> {
    const message = this.db.select().from(supportMessages).where(eq(supportMessages.id, op.messageId)).get();
    const request = this.db.select().from(supportRequests).where(eq(supportRequests.id, op.requestId)).get();
    if (!message || !request)
      return { ok: false, offline: false, status: 410, code: 'GONE', message: 'Deleted locally.' };
    const files = this.db
      .select()
      .from(supportAttachments)
      .where(eq(supportAttachments.messageId, message.id))
      .all();
    for (const f of files) {
      if (f.uploaded) continue;
      if (!f.localPath || !existsSync(join(this.options.dataDir, f.localPath)))
        return {
          ok: false,
          offline: false,
          status: 410,
          code: 'GONE',
          message: `The copy of ${f.name} is missing.`,
        };
      const bytes = readFileSync(join(this.options.dataDir, f.localPath));
      const up = await this.options.account.authed('PUT', `/support/files/${f.id}`, {
        query: { name: f.name },
        raw: bytes,
        headers: {
          'content-type': f.contentType,
          'content-md5': Buffer.from(f.md5, 'hex').toString('base64'),
        },
      });
      if (!up.ok) return up;
      this.db
        .update(supportAttachments)
        .set({ uploaded: true, updatedAt: this.now() })
        .where(eq(supportAttachments.id, f.id))
        .run();
    }
    const body = {
      id: message.id,
      content: message.content,
      ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
    };
    return op.kind === 'create-request'
      ? this.options.account.authed('POST', '/support/requests', {
          body: { id: request.id, subject: request.subject, message: body },
        })
      : this.options.account.authed('POST', `/support/requests/${request.id}/messages`, { body });
  }

  private confirm(op: OutboxRow, body: { request: ServerRequest; message: ServerMessage }): void {
    const now = this.now();
    this.options.store.sqlite.transaction(() => {
      this.db.delete(supportOutbox).where(eq(supportOutbox.id, op.id)).run();
      this.db
        .update(supportMessages)
        .set({ delivery: 'sent', error: null, serverSeq: body.message.changeSeq, updatedAt: now })
        .where(eq(supportMessages.id, op.messageId))
        .run();
      this.db
        .update(supportRequests)
        .set({ status: body.request.status, updatedAt: now })
        .where(eq(supportRequests.id, op.requestId))
        .run();
    })();
  }

  private async pull(): Promise<{ ok: true } | { ok: false; message: string }> {
    const accountId = this.options.account.userId;
    if (!accountId) return { ok: false, message: 'Signed out.' };
    for (let page = 0; page < 100; page++) {
      const state = this.db
        .select()
        .from(supportSyncState)
        .where(eq(supportSyncState.accountId, accountId))
        .get();
      const since = state?.cursor ?? 0;
      const reply = await this.options.account.authed<ChangesPage>('GET', '/support/changes', {
        query: { since },
      });
      if (this.closed) return { ok: true };
      if (!reply.ok) return { ok: false, message: reply.message };
      const notices = this.apply(accountId, since, reply.body);
      for (const n of notices) this.options.events.emit('support:changed', n);
      if (!reply.body.hasMore) return { ok: true };
    }
    return { ok: true };
  }

  /** Applies one page of the change feed and moves the cursor, in one transaction. */
  private apply(accountId: string, since: number, page: ChangesPage) {
    const now = this.now();
    const notices: {
      requestId: string;
      subject: string;
      kind: 'reply' | 'status';
      status: string;
      text: string;
    }[] = [];
    // The first pull of an account brings its history: stored, not announced.
    const announce = since > 0;
    const ts = (iso: string) => Math.floor(Date.parse(iso) / 1000) || now;
    this.options.store.sqlite.transaction(() => {
      const replied = new Set<string>();
      for (const m of page.messages) {
        const existing = this.db.select().from(supportMessages).where(eq(supportMessages.id, m.id)).get();
        if (existing) {
          this.db
            .update(supportMessages)
            .set({ delivery: 'sent', error: null, serverSeq: m.changeSeq, updatedAt: now })
            .where(eq(supportMessages.id, m.id))
            .run();
          continue;
        }
        const request = page.requests.find((r) => r.id === m.supportRequestId);
        this.ensureRequest(m.supportRequestId, request, now, ts);
        const fromSupport = m.senderId !== accountId;
        this.db
          .insert(supportMessages)
          .values({
            id: m.id,
            requestId: m.supportRequestId,
            sender: fromSupport ? 'support' : 'me',
            content: m.content,
            delivery: 'sent',
            serverSeq: m.changeSeq,
            createdAt: ts(m.createdAt),
            updatedAt: now,
          })
          .run();
        for (const f of m.attachments) {
          this.db
            .insert(supportAttachments)
            .values({
              id: f.id,
              messageId: m.id,
              name: f.name,
              contentType: f.contentType,
              size: f.size,
              md5: f.md5,
              localPath: null,
              uploaded: true,
              createdAt: now,
              updatedAt: now,
            })
            .onConflictDoNothing()
            .run();
        }
        if (fromSupport) {
          this.db
            .update(supportRequests)
            .set({ unread: sql`${supportRequests.unread} + 1`, updatedAt: now })
            .where(eq(supportRequests.id, m.supportRequestId))
            .run();
          const r = this.db
            .select()
            .from(supportRequests)
            .where(eq(supportRequests.id, m.supportRequestId))
            .get();
          replied.add(m.supportRequestId);
          if (announce && r)
            notices.push({
              requestId: r.id,
              subject: r.subject,
              kind: 'reply',
              status: request?.status ?? r.status,
              text: `Support replied to “${r.subject}”.`,
            });
        }
      }
      for (const r of page.requests) {
        const existing = this.db.select().from(supportRequests).where(eq(supportRequests.id, r.id)).get();
        if (!existing) {
          this.ensureRequest(r.id, r, now, ts);
          continue;
        }
        if (existing.status !== r.status) {
          this.db
            .update(supportRequests)
            .set({ status: r.status, updatedAt: now })
            .where(eq(supportRequests.id, r.id))
            .run();
          // A status change of our own doing (a reply reopening it) or one that came with a reply is not news.
          const ours = this.db
            .select({ n: count() })
            .from(supportMessages)
            .where(and(eq(supportMessages.requestId, r.id), eq(supportMessages.delivery, 'queued')))
            .get()?.n;
          if (announce && !replied.has(r.id) && !ours)
            notices.push({
              requestId: r.id,
              subject: r.subject,
              kind: 'status',
              status: r.status,
              text: `“${r.subject}” is now ${statusWords(r.status)}.`,
            });
        }
      }
      this.db
        .insert(supportSyncState)
        .values({ accountId, cursor: page.cursor, syncedAt: now, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: supportSyncState.accountId,
          set: { cursor: page.cursor, syncedAt: now, updatedAt: now },
        })
        .run();
    })();
    return notices;
  }

  private ensureRequest(
    id: string,
    r: ServerRequest | undefined,
    now: number,
    ts: (iso: string) => number,
  ): void {
    this.db
      .insert(supportRequests)
      .values({
        id,
        subject: r?.subject ?? 'Support request',
        status: r?.status ?? 'OPEN',
        createdAt: r ? ts(r.createdAt) : now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .run();
  }
}

function statusWords(status: string): string {
  if (status === 'PENDING APPROVAL') return 'waiting for your answer';
  if (status === 'CLOSED') return 'closed';
  return 'open';
}

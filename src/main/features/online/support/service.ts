// Why this file stays whole for now (730 lines): the outbox (create, reply, enqueue, staged
// attachments) and the sync loop (push, pull, apply) share one SupportService's private state
// (the running sync, the re-run flag, the scheduler, the last error). Splitting it into outbox.ts
// and sync.ts first needs that state made an explicit object both sides take; not done in this move.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  type AttachmentInput,
  MAX_ATTACHMENT_BYTES,
  type SupportMessageDto,
  type SupportRequestDto,
  type SupportSyncDto,
  type SupportThreadDto,
} from '../../../../shared/contract/online';
import { AppError, ErrorCode } from '../../../../shared/errors';
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
import type { FileGrants } from '../../../platform/file-grants';
import { Scheduler, type Timers } from '../../../platform/timers';
import type { AccountService } from '../account';
import { isTransient, type ServerReply } from '../server-client';

/** Backoff after a failed attempt: 5 s, 10 s, 20 s … capped at 15 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 15 * 60);
}

/** Pull replies this often while signed in (and after every write). */
export const SUPPORT_POLL_MS = 2 * 60 * 1000;
const FILES_DIR = 'support-files';

/** The content types the server accepts for attachments; anything else goes as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.zip': 'application/zip',
};

interface ServerRequest {
  id: string;
  subject: string;
  status: string;
  changeSeq: number;
  createdAt: string;
  updatedAt: string;
}
interface ServerMessage {
  id: string;
  supportRequestId: string;
  senderId: string;
  content: string;
  changeSeq: number;
  createdAt: string;
  attachments: { id: string; name: string; contentType: string; size: number; md5: string }[];
}
interface ChangesPage {
  requests: ServerRequest[];
  messages: ServerMessage[];
  cursor: number;
  hasMore: boolean;
}

export interface SupportServiceOptions {
  store: Store;
  clock: Clock;
  newId: () => string;
  dataDir: string;
  /** Turns an attachment's handle or data-folder path into a path; refuses any other. */
  files: FileGrants;
  events: EventHub;
  account: AccountService;
  timers: Timers;
  /** Milliseconds for the timers (default Date.now); tests pass their fake. */
  nowMs?: () => number;
  log?: (message: string, error?: unknown) => void;
}

type OutboxRow = typeof supportOutbox.$inferSelect;

/**
 * Support requests written offline or online. Every write lands in the local store and the outbox
 * in one transaction, with ids made here; the sync pushes the outbox in order (the server treats
 * a repeated id as the same write, so a retry after a lost answer never duplicates), then pulls the
 * server's change feed from a stored cursor, applied in the same transaction as the cursor.
 */
export class SupportService {
  private running: Promise<void> | null = null;
  private rerun = false;
  private lastError: string | null = null;
  private readonly scheduler: Scheduler;
  private closed = false;

  constructor(private readonly options: SupportServiceOptions) {
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

  // ---- reading ----------------------------------------------------------------------------------

  list(): SupportRequestDto[] {
    const rows = this.db.select().from(supportRequests).orderBy(desc(supportRequests.updatedAt)).all();
    return rows.map((r) => this.requestDto(r));
  }

  get(requestId: string, markRead = true): SupportThreadDto {
    const request = this.db.select().from(supportRequests).where(eq(supportRequests.id, requestId)).get();
    if (!request) throw new AppError(ErrorCode.NOT_FOUND, 'No such support request.');
    if (markRead && request.unread > 0) {
      this.db.update(supportRequests).set({ unread: 0 }).where(eq(supportRequests.id, requestId)).run();
      request.unread = 0;
    }
    const messages = this.db
      .select()
      .from(supportMessages)
      .where(eq(supportMessages.requestId, requestId))
      .orderBy(sql`coalesce(${supportMessages.serverSeq}, 9007199254740991)`, asc(supportMessages.createdAt))
      .all();
    const attachments = messages.length
      ? this.db
          .select()
          .from(supportAttachments)
          .where(
            inArray(
              supportAttachments.messageId,
              messages.map((m) => m.id),
            ),
          )
          .all()
      : [];
    return {
      request: this.requestDto(request),
      messages: messages.map(
        (m): SupportMessageDto => ({
          id: m.id,
          requestId: m.requestId,
          from: m.sender,
          content: m.content,
          createdAt: m.createdAt,
          delivery: m.delivery,
          error: m.error,
          attachments: attachments
            .filter((x) => x.messageId === m.id)
            .map((x) => ({ id: x.id, name: x.name, size: x.size, contentType: x.contentType })),
        }),
      ),
    };
  }

  private requestDto(r: typeof supportRequests.$inferSelect): SupportRequestDto {
    const queued =
      this.db
        .select({ n: count() })
        .from(supportMessages)
        .where(and(eq(supportMessages.requestId, r.id), eq(supportMessages.delivery, 'queued')))
        .get()?.n ?? 0;
    const last = this.db
      .select({ content: supportMessages.content })
      .from(supportMessages)
      .where(eq(supportMessages.requestId, r.id))
      .orderBy(desc(supportMessages.createdAt), sql`coalesce(${supportMessages.serverSeq}, 0) desc`)
      .limit(1)
      .get();
    return {
      id: r.id,
      subject: r.subject,
      status: r.status,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      unread: r.unread,
      queued,
      lastMessage: last ? last.content.slice(0, 200) : null,
    };
  }

  state(): SupportSyncDto {
    const pending =
      this.db.select({ n: count() }).from(supportOutbox).where(isNull(supportOutbox.failedAt)).get()?.n ?? 0;
    const failed = this.db.select({ n: count() }).from(supportOutbox).get()?.n ?? 0;
    const next = this.db
      .select({ at: supportOutbox.nextAttemptAt })
      .from(supportOutbox)
      .where(isNull(supportOutbox.failedAt))
      .orderBy(asc(supportOutbox.seq))
      .limit(1)
      .get();
    const accountId = this.options.account.userId;
    const sync = accountId
      ? this.db.select().from(supportSyncState).where(eq(supportSyncState.accountId, accountId)).get()
      : undefined;
    return {
      pending,
      failed: failed - pending,
      syncedAt: sync?.syncedAt ?? null,
      nextAttemptAt: next && next.at > this.now() ? next.at : null,
      error: this.lastError,
    };
  }

  // ---- writing ----------------------------------------------------------------------------------

  create(input: { subject: string; message: string; attachments: AttachmentInput[] }): SupportThreadDto {
    const requestId = this.options.newId();
    const messageId = this.options.newId();
    const files = this.stageFiles(input.attachments);
    const now = this.now();
    try {
      this.options.store.sqlite.transaction(() => {
        this.db
          .insert(supportRequests)
          .values({ id: requestId, subject: input.subject, status: 'OPEN', createdAt: now, updatedAt: now })
          .run();
        this.insertMessage(requestId, messageId, input.message, files, now);
        this.enqueue('create-request', requestId, messageId, now);
      })();
    } catch (error) {
      for (const f of files) rmSync(join(this.options.dataDir, f.localPath), { force: true });
      throw error;
    }
    this.kick();
    return this.get(requestId, false);
  }

  reply(input: { requestId: string; message: string; attachments: AttachmentInput[] }): SupportThreadDto {
    const request = this.db
      .select()
      .from(supportRequests)
      .where(eq(supportRequests.id, input.requestId))
      .get();
    if (!request) throw new AppError(ErrorCode.NOT_FOUND, 'No such support request.');
    const messageId = this.options.newId();
    const files = this.stageFiles(input.attachments);
    const now = this.now();
    try {
      this.options.store.sqlite.transaction(() => {
        this.insertMessage(request.id, messageId, input.message, files, now);
        // Writing to a request reopens it (as the server does once the message arrives).
        this.db
          .update(supportRequests)
          .set({ status: request.status === 'CLOSED' ? 'OPEN' : request.status, updatedAt: now })
          .where(eq(supportRequests.id, request.id))
          .run();
        this.enqueue('add-message', request.id, messageId, now);
      })();
    } catch (error) {
      for (const f of files) rmSync(join(this.options.dataDir, f.localPath), { force: true });
      throw error;
    }
    this.kick();
    return this.get(request.id, false);
  }

  private insertMessage(
    requestId: string,
    messageId: string,
    content: string,
    files: StagedFile[],
    now: number,
  ): void {
    this.db
      .insert(supportMessages)
      .values({
        id: messageId,
        requestId,
        sender: 'me',
        content,
        delivery: 'queued',
        createdAt: now,
        updatedAt: now,
      })
      .run();
    for (const f of files) {
      this.db
        .insert(supportAttachments)
        .values({ ...f, messageId, uploaded: false, createdAt: now, updatedAt: now })
        .run();
    }
  }

  private enqueue(kind: OutboxRow['kind'], requestId: string, messageId: string, now: number): void {
    const seq =
      (this.db
        .select({ max: sql<number | null>`max(${supportOutbox.seq})` })
        .from(supportOutbox)
        .get()?.max ?? 0) + 1;
    this.db
      .insert(supportOutbox)
      .values({
        id: this.options.newId(),
        seq,
        kind,
        requestId,
        messageId,
        attempts: 0,
        nextAttemptAt: 0,
        createdAt: now,
        updatedAt: now,
      })
      .run();
  }

  /** Copies each attachment into the data folder now, so a later sync never depends on the original. */
  private stageFiles(inputs: AttachmentInput[]): StagedFile[] {
    const dir = join(this.options.dataDir, FILES_DIR);
    mkdirSync(dir, { recursive: true });
    const staged: StagedFile[] = [];
    try {
      for (const [index, input] of inputs.entries()) {
        let name: string;
        let bytes: Buffer;
        if (!('content' in input)) {
          const path = this.options.files.resolve(input, 'read', `attachments.${index}`);
          if (!existsSync(path) || !statSync(path).isFile())
            throw new AppError(ErrorCode.INVALID_INPUT, `No file at ${path}.`);
          if (statSync(path).size > MAX_ATTACHMENT_BYTES)
            throw new AppError(ErrorCode.INVALID_INPUT, `${basename(path)} is larger than 10 MB.`);
          name = basename(path);
          bytes = readFileSync(path);
        } else {
          name = basename(input.fileName.replace(/\\/g, '/'));
          bytes = Buffer.from(input.content, input.encoding);
        }
        if (bytes.length === 0) throw new AppError(ErrorCode.INVALID_INPUT, `${name} is empty.`);
        if (bytes.length > MAX_ATTACHMENT_BYTES)
          throw new AppError(ErrorCode.INVALID_INPUT, `${name} is larger than 10 MB.`);
        const id = this.options.newId();
        const localPath = join(FILES_DIR, id);
        writeFileSync(join(this.options.dataDir, localPath), bytes);
        staged.push({
          id,
          name: name.replace(/[/\\\0]/g, '_').slice(0, 200) || 'attachment',
          contentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
          size: bytes.length,
          md5: createHash('md5').update(bytes).digest('hex'),
          localPath,
        });
      }
    } catch (error) {
      for (const f of staged) rmSync(join(this.options.dataDir, f.localPath), { force: true });
      throw error;
    }
    return staged;
  }

  // ---- syncing ----------------------------------------------------------------------------------

  /** Asks for a sync soon (after a write, after sign-in). */
  kick(): void {
    this.scheduler.schedule(0);
  }

  private async backgroundSync(): Promise<void> {
    try {
      await this.sync(false);
    } catch (error) {
      this.options.log?.('Support sync failed', error);
    }
  }

  /** Pushes the outbox (ignoring backoff) and pulls replies; resolves when done. */
  async syncNow(): Promise<SupportSyncDto> {
    await this.sync(true);
    return this.state();
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
    const next = this.state().nextAttemptAt;
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
      const op = this.db
        .select()
        .from(supportOutbox)
        .where(isNull(supportOutbox.failedAt))
        .orderBy(asc(supportOutbox.seq))
        .limit(1)
        .get();
      if (!op) return { ok: true };
      // In order: a reply never overtakes the request it belongs to.
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

interface StagedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  md5: string;
  localPath: string;
}

function statusWords(status: string): string {
  if (status === 'PENDING APPROVAL') return 'waiting for your answer';
  if (status === 'CLOSED') return 'closed';
  return 'open';
}

import { asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { AttachmentInput, SupportThreadDto } from '../../../../shared/contract/online';
import { AppError, ErrorCode } from '../../../../shared/errors';
import type { Store } from '../../../db/open-database';
import { supportAttachments, supportMessages, supportOutbox, supportRequests } from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import type { FileGrants } from '../../../platform/file-grants';
import { discardStaged, type StagedFile, stageFiles } from './attachments';
import type { SupportThreads } from './threads';

export type OutboxRow = typeof supportOutbox.$inferSelect;

export interface OutboxOptions {
  store: Store;
  clock: Clock;
  newId: () => string;
  dataDir: string;
  files: FileGrants;
}

/**
 * Writing support requests, online or offline: every write lands in the local store and the
 * outbox in one transaction, with ids made here, so the sync can push it later in order and a
 * retry after a lost answer is the same write to the server.
 */
export class SupportOutbox {
  constructor(
    private readonly options: OutboxOptions,
    private readonly threads: SupportThreads,
    /** Called after each committed write (the sync goes out soon). */
    private readonly written: () => void,
  ) {}

  private get db() {
    return this.options.store.db;
  }

  create(input: { subject: string; message: string; attachments: AttachmentInput[] }): SupportThreadDto {
    const requestId = this.options.newId();
    const messageId = this.options.newId();
    const files = stageFiles(this.options, input.attachments);
    const now = this.options.clock.nowSeconds();
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
      discardStaged(this.options.dataDir, files);
      throw error;
    }
    this.written();
    return this.threads.get(requestId, false);
  }

  reply(input: { requestId: string; message: string; attachments: AttachmentInput[] }): SupportThreadDto {
    const request = this.db
      .select()
      .from(supportRequests)
      .where(eq(supportRequests.id, input.requestId))
      .get();
    if (!request) throw new AppError(ErrorCode.NOT_FOUND, 'No such support request.');
    const messageId = this.options.newId();
    const files = stageFiles(this.options, input.attachments);
    const now = this.options.clock.nowSeconds();
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
      discardStaged(this.options.dataDir, files);
      throw error;
    }
    this.written();
    return this.threads.get(request.id, false);
  }

  /** The next write to push, in order (a reply never overtakes the request it belongs to). */
  head(): OutboxRow | undefined {
    return this.db
      .select()
      .from(supportOutbox)
      .where(isNull(supportOutbox.failedAt))
      .orderBy(asc(supportOutbox.seq))
      .limit(1)
      .get();
  }

  /** Writes waiting, writes refused for good, and when the next retry is due (null: now or none). */
  counts(now: number): { pending: number; failed: number; nextAttemptAt: number | null } {
    const pending =
      this.db.select({ n: count() }).from(supportOutbox).where(isNull(supportOutbox.failedAt)).get()?.n ?? 0;
    const all = this.db.select({ n: count() }).from(supportOutbox).get()?.n ?? 0;
    const next = this.head();
    return {
      pending,
      failed: all - pending,
      nextAttemptAt: next && next.nextAttemptAt > now ? next.nextAttemptAt : null,
    };
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
}

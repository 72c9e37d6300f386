import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  SupportMessageDto,
  SupportRequestDto,
  SupportThreadDto,
} from '../../../../shared/contract/online';
import { AppError, ErrorCode } from '../../../../shared/errors';
import type { Store } from '../../../db/open-database';
import { supportAttachments, supportMessages, supportRequests } from '../../../db/schema';

/** Reading support requests and their messages as the trader sees them. */
export class SupportThreads {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

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
}

import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db, Tx } from '../db/open.js';
import {
  files,
  type SupportStatus,
  supportMessageFiles,
  supportMessages,
  supportRequests,
} from '../db/schema.js';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../errors.js';
import { BlobCorruptError, md5Hex } from '../storage/blob-storage.js';
import type { AuthedUser } from './auth/index.js';
import { newId } from './crypto.js';

type RequestRow = typeof supportRequests.$inferSelect;
type MessageRow = typeof supportMessages.$inferSelect;
type FileRow = typeof files.$inferSelect;

const fileCorrupt = () => new HttpError(500, 'FILE_CORRUPT', 'The stored file is damaged; upload it again');

/**
 * Writers take this advisory lock exclusively for their transaction and the change feed takes it
 * shared, so a reader never sees change N+1 committed while N is still in flight (no skipped rows).
 */
const SUPPORT_LOCK = 7_070_708;
const lockForWrite = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(${SUPPORT_LOCK})`);
const lockForRead = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock_shared(${SUPPORT_LOCK})`);
const nextSeq = sql`nextval('support_change_seq')`;

const isAdmin = (a: AuthedUser) => a.user.role === 'ADMIN' && a.user.mfaEnabled;

function requestDto(r: RequestRow) {
  return {
    id: r.id,
    requesterId: r.requesterId,
    subject: r.subject,
    status: r.status,
    changeSeq: r.changeSeq,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
function fileDto(f: FileRow) {
  return { id: f.id, name: f.name, contentType: f.contentType, size: f.size, md5: f.md5 };
}
function messageDto(m: MessageRow, attachments: FileRow[]) {
  return {
    id: m.id,
    supportRequestId: m.supportRequestId,
    senderId: m.senderId,
    content: m.content,
    changeSeq: m.changeSeq,
    createdAt: m.createdAt.toISOString(),
    attachments: attachments.map(fileDto),
  };
}

async function attachmentsOf(db: Db | Tx, messageIds: string[]) {
  const map = new Map<string, FileRow[]>();
  if (messageIds.length === 0) return map;
  const rows = await db
    .select({ link: supportMessageFiles, file: files })
    .from(supportMessageFiles)
    .innerJoin(files, eq(files.id, supportMessageFiles.fileId))
    .where(inArray(supportMessageFiles.supportMessageId, messageIds));
  for (const r of rows) {
    const list = map.get(r.link.supportMessageId) ?? [];
    list.push(r.file);
    map.set(r.link.supportMessageId, list);
  }
  return map;
}

/** Loads a request the caller may see; someone else's answers 404, as if it did not exist. */
async function visibleRequest(db: Db | Tx, a: AuthedUser, id: string): Promise<RequestRow> {
  const r = (await db.select().from(supportRequests).where(eq(supportRequests.id, id)))[0];
  if (!r || (r.requesterId !== a.user.id && !isAdmin(a))) throw notFound('Support request not found');
  return r;
}

async function insertMessage(
  ctx: AppContext,
  tx: Tx,
  a: AuthedUser,
  request: RequestRow,
  msg: { id: string; content: string; attachmentIds?: string[] },
): Promise<{ message: MessageRow; created: boolean }> {
  const inserted = await tx
    .insert(supportMessages)
    .values({ id: msg.id, supportRequestId: request.id, senderId: a.user.id, content: msg.content })
    .onConflictDoNothing({ target: supportMessages.id })
    .returning();
  if (inserted.length === 0) {
    const prev = (await tx.select().from(supportMessages).where(eq(supportMessages.id, msg.id)))[0];
    if (!prev || prev.senderId !== a.user.id || prev.supportRequestId !== request.id) {
      throw conflict('That message id is already used', 'ID_CONFLICT');
    }
    return { message: prev, created: false };
  }
  const ids = [...new Set(msg.attachmentIds ?? [])];
  if (ids.length > 0) {
    const owned = await tx
      .select()
      .from(files)
      .where(and(inArray(files.id, ids), eq(files.ownerId, a.user.id), isNull(files.entityId)));
    if (owned.length !== ids.length)
      throw badRequest('An attachment is unknown, not yours, or already attached');
    await tx
      .update(files)
      .set({ entityId: msg.id, updatedAt: ctx.clock.now() })
      .where(inArray(files.id, ids));
    await tx
      .insert(supportMessageFiles)
      .values(ids.map((fileId) => ({ id: newId(), supportMessageId: msg.id, fileId })));
  }
  return { message: inserted[0]!, created: true };
}

export async function createRequest(
  ctx: AppContext,
  a: AuthedUser,
  input: { id: string; subject: string; message: { id: string; content: string; attachmentIds?: string[] } },
) {
  return ctx.db.transaction(async (tx) => {
    await lockForWrite(tx);
    const inserted = await tx
      .insert(supportRequests)
      .values({ id: input.id, requesterId: a.user.id, subject: input.subject })
      .onConflictDoNothing({ target: supportRequests.id })
      .returning();
    let request = inserted[0];
    const created = !!request;
    if (!request) {
      const prev = (await tx.select().from(supportRequests).where(eq(supportRequests.id, input.id)))[0];
      if (!prev || prev.requesterId !== a.user.id)
        throw conflict('That request id is already used', 'ID_CONFLICT');
      request = prev;
    }
    const { message } = await insertMessage(ctx, tx, a, request, input.message);
    const att = await attachmentsOf(tx, [message.id]);
    return { created, request: requestDto(request), message: messageDto(message, att.get(message.id) ?? []) };
  });
}

export async function addMessage(
  ctx: AppContext,
  a: AuthedUser,
  requestId: string,
  input: { id: string; content: string; attachmentIds?: string[] },
) {
  return ctx.db.transaction(async (tx) => {
    await lockForWrite(tx);
    const request = await visibleRequest(tx, a, requestId);
    const { message, created } = await insertMessage(ctx, tx, a, request, input);
    let req = request;
    if (created) {
      // A reply from support awaits the user's approval; a message from the user reopens the request.
      const status: SupportStatus = a.user.id !== request.requesterId ? 'PENDING APPROVAL' : 'OPEN';
      [req] = (await tx
        .update(supportRequests)
        .set({ status, updatedAt: ctx.clock.now(), changeSeq: nextSeq })
        .where(eq(supportRequests.id, request.id))
        .returning()) as [RequestRow];
    }
    const att = await attachmentsOf(tx, [message.id]);
    return { created, request: requestDto(req), message: messageDto(message, att.get(message.id) ?? []) };
  });
}

export async function setStatus(ctx: AppContext, a: AuthedUser, requestId: string, status: SupportStatus) {
  return ctx.db.transaction(async (tx) => {
    await lockForWrite(tx);
    const request = await visibleRequest(tx, a, requestId);
    if (!isAdmin(a) && status === 'PENDING APPROVAL') {
      throw forbidden('Only support can set PENDING APPROVAL');
    }
    if (request.status === status) return { request: requestDto(request) };
    const [row] = await tx
      .update(supportRequests)
      .set({ status, updatedAt: ctx.clock.now(), changeSeq: nextSeq })
      .where(eq(supportRequests.id, request.id))
      .returning();
    return { request: requestDto(row!) };
  });
}

export async function listRequests(ctx: AppContext, a: AuthedUser) {
  const rows = await ctx.db
    .select()
    .from(supportRequests)
    .where(isAdmin(a) ? undefined : eq(supportRequests.requesterId, a.user.id))
    .orderBy(sql`${supportRequests.updatedAt} desc`)
    .limit(500);
  return rows.map(requestDto);
}

export async function getRequest(ctx: AppContext, a: AuthedUser, id: string) {
  const request = await visibleRequest(ctx.db, a, id);
  const msgs = await ctx.db
    .select()
    .from(supportMessages)
    .where(eq(supportMessages.supportRequestId, id))
    .orderBy(asc(supportMessages.changeSeq));
  const att = await attachmentsOf(
    ctx.db,
    msgs.map((m) => m.id),
  );
  return { request: requestDto(request), messages: msgs.map((m) => messageDto(m, att.get(m.id) ?? [])) };
}

/** Every request and message the caller may see whose change sequence is after `since`. */
export async function changesSince(ctx: AppContext, a: AuthedUser, since: number, limit: number) {
  return ctx.db.transaction(async (tx) => {
    await lockForRead(tx);
    const mine = isAdmin(a) ? undefined : eq(supportRequests.requesterId, a.user.id);
    const reqs = await tx
      .select()
      .from(supportRequests)
      .where(and(gt(supportRequests.changeSeq, since), mine))
      .orderBy(asc(supportRequests.changeSeq))
      .limit(limit);
    const msgs = await tx
      .select({ m: supportMessages })
      .from(supportMessages)
      .innerJoin(supportRequests, eq(supportRequests.id, supportMessages.supportRequestId))
      .where(and(gt(supportMessages.changeSeq, since), mine))
      .orderBy(asc(supportMessages.changeSeq))
      .limit(limit);
    // Cut both lists at the same sequence so nothing between them is skipped by the next cursor.
    const full = reqs.length === limit || msgs.length === limit;
    const lastOf = (xs: { changeSeq: number }[]) => (xs.length ? xs[xs.length - 1]!.changeSeq : since);
    const cut = full
      ? Math.min(
          reqs.length === limit ? lastOf(reqs) : Number.MAX_SAFE_INTEGER,
          msgs.length === limit ? lastOf(msgs.map((x) => x.m)) : Number.MAX_SAFE_INTEGER,
        )
      : Math.max(lastOf(reqs), lastOf(msgs.map((x) => x.m)));
    const r = reqs.filter((x) => x.changeSeq <= cut);
    const m = msgs.map((x) => x.m).filter((x) => x.changeSeq <= cut);
    const att = await attachmentsOf(
      tx,
      m.map((x) => x.id),
    );
    return {
      requests: r.map(requestDto),
      messages: m.map((x) => messageDto(x, att.get(x.id) ?? [])),
      cursor: cut,
      hasMore: full,
    };
  });
}

/** Stores an attachment once: the body's MD5 must match the client's; same id + same bytes is a no-op. */
export async function uploadFile(
  ctx: AppContext,
  a: AuthedUser,
  input: { id: string; name: string; contentType: string; md5Hex: string; body: Buffer },
) {
  const actual = createHash('md5').update(input.body).digest('hex');
  if (actual !== input.md5Hex) throw badRequest('MD5 does not match the uploaded bytes', 'CHECKSUM_MISMATCH');
  const prev = (await ctx.db.select().from(files).where(eq(files.id, input.id)))[0];
  if (prev) {
    if (prev.ownerId !== a.user.id || prev.md5 !== actual)
      throw conflict('That file id is already used', 'ID_CONFLICT');
    return { created: false, file: fileDto(prev) };
  }
  const key = `support/${input.id}`;
  await ctx.storage.put(key, input.body);
  const inserted = await ctx.db
    .insert(files)
    .values({
      id: input.id,
      ownerId: a.user.id,
      name: input.name,
      contentType: input.contentType,
      path: key,
      size: input.body.length,
      md5: actual,
    })
    .onConflictDoNothing({ target: files.id })
    .returning();
  if (inserted.length === 0) return uploadFile(ctx, a, input); // lost a race with our own retry
  return { created: true, file: fileDto(inserted[0]!) };
}

/** The owner, an admin, or the requester of the request the file is attached to may download it. */
export async function downloadFile(ctx: AppContext, a: AuthedUser, id: string) {
  const f = (await ctx.db.select().from(files).where(eq(files.id, id)))[0];
  if (!f) throw notFound('File not found');
  let allowed = f.ownerId === a.user.id || isAdmin(a);
  if (!allowed && f.entityId) {
    const r = await ctx.db
      .select({ requesterId: supportRequests.requesterId })
      .from(supportMessages)
      .innerJoin(supportRequests, eq(supportRequests.id, supportMessages.supportRequestId))
      .where(eq(supportMessages.id, f.entityId));
    allowed = r[0]?.requesterId === a.user.id;
  }
  if (!allowed) throw notFound('File not found');
  let body: Buffer | null;
  try {
    body = await ctx.storage.get(f.path);
  } catch (e) {
    if (e instanceof BlobCorruptError) throw fileCorrupt();
    throw e;
  }
  if (!body) throw notFound('File content missing');
  // Checked on the way out too, whatever the storage: never serve bytes that are not what was uploaded.
  if (body.length !== f.size || md5Hex(body) !== f.md5) throw fileCorrupt();
  return { file: f, body };
}

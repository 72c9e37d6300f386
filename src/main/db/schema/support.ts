import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';

/**
 * Support requests as this device knows them: written here first (ids made here, so the server
 * can make every write idempotent), then confirmed and updated by the server's change feed.
 */
export const supportRequests = sqliteTable('support_requests', {
  id: id(),
  subject: text().notNull(),
  /** The server's status; OPEN until the server says otherwise. */
  status: text().notNull().default('OPEN'),
  /** Replies from support not yet opened here. */
  unread: integer().notNull().default(0),
  ...timestamps,
});

/** Messages of a request: the trader's (queued until sent) and support's replies (pulled). */
export const supportMessages = sqliteTable(
  'support_messages',
  {
    id: id(),
    requestId: text()
      .notNull()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    sender: text({ enum: ['me', 'support'] }).notNull(),
    content: text().notNull(),
    delivery: text({ enum: ['queued', 'sent', 'failed'] }).notNull(),
    error: text(),
    /** The server's change sequence once known (orders the thread). */
    serverSeq: integer(),
    ...timestamps,
  },
  (t) => [index('support_messages_request_idx').on(t.requestId, t.createdAt)],
);

/** Files attached to a message; the bytes are copied into the data folder when written. */
export const supportAttachments = sqliteTable(
  'support_attachments',
  {
    id: id(),
    messageId: text()
      .notNull()
      .references(() => supportMessages.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    md5: text().notNull(),
    /** Relative to the data folder; null for a file only on the server (a reply's attachment). */
    localPath: text(),
    uploaded: integer({ mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [index('support_attachments_message_idx').on(t.messageId)],
);

/**
 * Writes waiting for the server, oldest first. A row is deleted only once the server confirmed it;
 * a failed attempt sets `nextAttemptAt` (exponential backoff) and a refused one `failedAt`.
 */
export const supportOutbox = sqliteTable(
  'support_outbox',
  {
    id: id(),
    /** Insertion order (ids are random). */
    seq: integer().notNull(),
    kind: text({ enum: ['create-request', 'add-message'] }).notNull(),
    requestId: text().notNull(),
    messageId: text().notNull(),
    attempts: integer().notNull().default(0),
    /** UTC seconds; 0 = now. */
    nextAttemptAt: integer().notNull().default(0),
    lastError: text(),
    /** Set when the server refused the write for good (kept, shown, never resent by itself). */
    failedAt: integer(),
    ...timestamps,
  },
  (t) => [index('support_outbox_seq_idx').on(t.seq)],
);

/** Where the pull of the server's change feed got to, per server account. */
export const supportSyncState = sqliteTable('support_sync_state', {
  /** The server's user id. */
  accountId: text().primaryKey(),
  cursor: integer().notNull().default(0),
  syncedAt: integer(),
  ...timestamps,
});

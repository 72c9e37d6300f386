import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { PaidAttemptKind } from '../../shared/paid-attempts.js';

const ts = (name?: string) =>
  name ? timestamp(name, { withTimezone: true }) : timestamp({ withTimezone: true });
const created = () => ts().notNull().defaultNow();

export const ROLES = ['USER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable('users', {
  id: text().primaryKey(),
  email: text().notNull().unique(),
  passwordHash: text(),
  mfaSecret: text(),
  mfaPendingSecret: text(),
  mfaEnabled: boolean().notNull().default(false),
  /** Start (epoch s) of the last TOTP time step accepted: a code is never accepted twice. */
  mfaLastStep: bigint({ mode: 'number' }),
  role: text().$type<Role>().notNull().default('USER'),
  isBanned: boolean().notNull().default(false),
  stripeCustomerId: text().unique(),
  createdAt: created(),
  updatedAt: created(),
});

export const userSessions = pgTable(
  'user_sessions',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ipAddress: text(),
    userAgent: text(),
    deviceInfo: text(),
    /** Hash of the refresh token currently valid for this session. */
    refreshTokenHash: text().notNull(),
    issuedAt: created(),
    lastSeen: created(),
    expiresAt: ts().notNull(),
    isActive: boolean().notNull().default(true),
    revokedReason: text(),
    /** Whether this session signed in with a second factor (TOTP); admin routes require it. */
    secondFactor: boolean().notNull().default(false),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/** Every refresh token ever issued (hashed), so a reused, already-rotated one is recognised. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text().primaryKey(),
    sessionId: text()
      .notNull()
      .references(() => userSessions.id, { onDelete: 'cascade' }),
    createdAt: created(),
    rotatedAt: ts(),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

export const AUTH_TOKEN_PURPOSES = ['MAGIC_LINK', 'PASSWORD_RESET'] as const;
export type AuthTokenPurpose = (typeof AUTH_TOKEN_PURPOSES)[number];

/** Magic-link tokens and password-reset codes: stored hashed, single use, expiring. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: text().primaryKey(),
    purpose: text().$type<AuthTokenPurpose>().notNull(),
    email: text().notNull(),
    userId: text().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    returnTo: text(),
    attempts: integer().notNull().default(0),
    expiresAt: ts().notNull(),
    consumedAt: ts(),
    createdAt: created(),
  },
  (t) => [index('auth_tokens_email_idx').on(t.email, t.purpose)],
);

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: text().primaryKey(),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    actorId: text(),
    entityType: text().notNull(),
    entityId: text(),
    action: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>(),
    ipAddress: text(),
    userAgent: text(),
    createdAt: created(),
  },
  (t) => [index('audit_logs_user_idx').on(t.userId, t.createdAt)],
);

export const plans = pgTable('plans', {
  id: text().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  stripeProductId: text().notNull(),
  stripePriceId: text().notNull().unique(),
  currency: text().notNull(),
  maxDevices: integer().notNull(),
  offlineGraceDays: integer().notNull(),
  features: jsonb().$type<Record<string, boolean | number | string>>().notNull(),
  updatedAt: created(),
});

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    planId: text()
      .notNull()
      .references(() => plans.id),
    stripeSubscriptionId: text().notNull().unique(),
    stripeCustomerId: text(),
    status: text().notNull(),
    currentPeriodStart: ts(),
    currentPeriodEnd: ts(),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    canceledAt: ts(),
    trialEnd: ts(),
    pastDueSince: ts(),
    /** `created` (epoch s) of the newest Stripe object/event applied; older ones are ignored. */
    stateVersion: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId)],
);

export const stripeEvents = pgTable('stripe_events', {
  id: text().primaryKey(),
  stripeEventId: text().notNull().unique(),
  type: text().notNull(),
  payload: jsonb().notNull(),
  receivedAt: created(),
  processedAt: ts(),
  success: boolean(),
  error: text(),
});

export const LICENSE_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export const licenses = pgTable('licenses', {
  id: text().primaryKey(),
  userId: text()
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  status: text().$type<(typeof LICENSE_STATUSES)[number]>().notNull().default('ACTIVE'),
  revokedAt: ts(),
  revokedReason: text(),
  createdAt: created(),
  updatedAt: created(),
});

export const licenseActivations = pgTable(
  'license_activations',
  {
    id: text().primaryKey(),
    licenseId: text()
      .notNull()
      .references(() => licenses.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    hardwareId: text().notNull(),
    deviceName: text(),
    isActive: boolean().notNull().default(true),
    activatedAt: created(),
    lastRefreshedAt: created(),
    deactivatedAt: ts(),
  },
  (t) => [uniqueIndex('license_activations_hw_uq').on(t.licenseId, t.hardwareId)],
);

export const SUPPORT_STATUSES = ['OPEN', 'PENDING APPROVAL', 'CLOSED'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** One sequence orders every support write; `GET /support/changes?since=` pages through it. */
export const supportChangeSeq = pgSequence('support_change_seq');
const changeSeq = () => bigint({ mode: 'number' }).notNull().default(sql`nextval('support_change_seq')`);

export const supportRequests = pgTable(
  'support_requests',
  {
    id: text().primaryKey(),
    requesterId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    subject: text().notNull(),
    status: text().$type<SupportStatus>().notNull().default('OPEN'),
    changeSeq: changeSeq(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index('support_requests_requester_idx').on(t.requesterId),
    index('support_requests_seq_idx').on(t.changeSeq),
  ],
);

export const supportMessages = pgTable(
  'support_messages',
  {
    id: text().primaryKey(),
    supportRequestId: text()
      .notNull()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    senderId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    content: text().notNull(),
    changeSeq: changeSeq(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index('support_messages_request_idx').on(t.supportRequestId),
    index('support_messages_seq_idx').on(t.changeSeq),
  ],
);

export const files = pgTable('files', {
  id: text().primaryKey(),
  ownerId: text()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The support message this file is attached to, once attached. */
  entityId: text(),
  name: text().notNull(),
  contentType: text().notNull(),
  path: text().notNull(),
  size: integer().notNull(),
  md5: text().notNull(),
  uploadedAt: created(),
  createdAt: created(),
  updatedAt: created(),
});

export const supportMessageFiles = pgTable(
  'support_message_files',
  {
    id: text().primaryKey(),
    supportMessageId: text()
      .notNull()
      .references(() => supportMessages.id, { onDelete: 'cascade' }),
    fileId: text()
      .notNull()
      .unique()
      .references(() => files.id, { onDelete: 'cascade' }),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [index('support_message_files_msg_idx').on(t.supportMessageId)],
);

/** Fixed-window counters shared by every instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: ts().notNull(),
  count: integer().notNull(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Attachment content (PgBlobStorage): every instance reads the same bytes; `md5` is checked on read. */
export const blobs = pgTable('blobs', {
  key: text().primaryKey(),
  data: bytea().notNull(),
  size: integer().notNull(),
  /** Hex MD5 of `data`, computed when stored. */
  md5: text().notNull(),
  createdAt: created(),
});

/**
 * pending: checkout created, not paid; succeeded: paid (the attempt is in the device's licence);
 * failed: the last payment try failed (a later success still applies); canceled: the checkout
 * expired unpaid; partially_refunded: paid, part refunded (the attempt stays); refunded: fully
 * refunded (the attempt leaves the licence at its next refresh).
 */
export const PAYMENT_INTENT_STATUSES = [
  'pending',
  'succeeded',
  'failed',
  'canceled',
  'partially_refunded',
  'refunded',
] as const;
export type PaymentIntentStatus = (typeof PAYMENT_INTENT_STATUSES)[number];

/** One paid challenge attempt or reset, bought once through Stripe Checkout in payment mode. */
export const paymentIntents = pgTable(
  'payment_intents',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().$type<PaidAttemptKind>().notNull(),
    status: text().$type<PaymentIntentStatus>().notNull().default('pending'),
    /** What the customer pays (Stripe's amount once paid), integer minor units of `currency`. */
    amountCents: integer().notNull(),
    /** Refunded so far (cumulative, as Stripe's `amount_refunded`). */
    refundedCents: integer().notNull().default(0),
    currency: text().notNull(),
    /** The challenge template the attempt unlocks. */
    templateId: text().notNull(),
    /** The activated device it was bought for: only that device's licence carries it. */
    hardwareId: text().notNull(),
    /** What was sent to Stripe as metadata (our id, user, template, kind). */
    metadata: jsonb().$type<Record<string, string>>().notNull(),
    stripeCheckoutSessionId: text().unique(),
    stripePaymentIntentId: text().unique(),
    paidAt: ts(),
    refundedAt: ts(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index('payment_intents_user_idx').on(t.userId, t.hardwareId),
    check('payment_intents_amount_positive', sql`${t.amountCents} > 0`),
    check('payment_intents_refunded_range', sql`${t.refundedCents} between 0 and ${t.amountCents}`),
  ],
);

export const LEDGER_ACCOUNTS = ['stripe_balance', 'challenge_revenue'] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];
export const LEDGER_DIRECTIONS = ['debit', 'credit'] as const;
export type LedgerDirection = (typeof LEDGER_DIRECTIONS)[number];

/**
 * Double-entry ledger of paid attempts. Each posting (`posting`: `payment`, or `refund:<cumulative
 * refunded cents>`) is one debit and one credit of the same amount, written in the transaction
 * that records the Stripe event; the unique index makes a posting happen at most once.
 */
export const paymentLedgerEntries = pgTable(
  'payment_ledger_entries',
  {
    id: text().primaryKey(),
    paymentIntentId: text()
      .notNull()
      .references(() => paymentIntents.id, { onDelete: 'cascade' }),
    posting: text().notNull(),
    account: text().$type<LedgerAccount>().notNull(),
    direction: text().$type<LedgerDirection>().notNull(),
    amountCents: integer().notNull(),
    currency: text().notNull(),
    /** The Stripe event that posted it. */
    stripeEventId: text().notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('payment_ledger_entries_posting_uq').on(t.paymentIntentId, t.posting, t.direction),
    check('payment_ledger_entries_amount_positive', sql`${t.amountCents} > 0`),
    check('payment_ledger_entries_direction', sql`${t.direction} in ('debit', 'credit')`),
  ],
);

/**
 * Practice reminder emails sent, one per user and due window (`YYYY-MM-DDTHH:MM`, the desktop's
 * local key): the unique index is what makes a retried or repeated request send nothing.
 */
export const practiceReminderEmails = pgTable(
  'practice_reminder_emails',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    windowKey: text().notNull(),
    sentAt: created(),
  },
  (t) => [uniqueIndex('practice_reminder_emails_window_uq').on(t.userId, t.windowKey)],
);

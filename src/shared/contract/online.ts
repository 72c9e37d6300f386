import { z } from 'zod';
import type { LicenceStatusDto } from './account';
import { dataFolderPath, fileHandle } from './file-ref';
import { method } from './method';

/**
 * Online features: settings (server address), the trader's account on the hosted server, and the
 * support outbox. Everything here works offline: the account shows what it last knew, support
 * writes queue locally and sync when the server can be reached.
 */

export interface SettingsDto {
  /** The hosted server in use (the saved one, else the build default). */
  serverUrl: string;
  /** The build default (TICKSTEP_SERVER_URL when the app started, else the built-in address). */
  defaultServerUrl: string;
}

export interface SubscriptionDto {
  planCode: string;
  /** Stripe's status: active, trialing, past_due, canceled, … */
  status: string;
  /** ISO 8601 UTC. */
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
}

export interface AccountStatusDto {
  serverUrl: string;
  signedIn: boolean;
  email: string | null;
  mfaEnabled: boolean;
  /** Whether the last request to the server got an answer; null before the first one. */
  online: boolean | null;
  /** UTC seconds of the last successful refresh of subscription and licence. */
  refreshedAt: number | null;
  /** Whether the server says the account has a paid plan now (last known). */
  entitled: boolean;
  subscription: SubscriptionDto | null;
  licence: LicenceStatusDto;
  /** A sentence for people about the last refresh (offline, no subscription, device limit…). */
  message: string | null;
}

export type SignInResultDto =
  | { status: 'signed-in'; account: AccountStatusDto }
  /** The account has two-factor authentication: ask for the code and call again with `totp`. */
  | { status: 'mfa-required'; message: string };

export interface SignedInDeviceDto {
  id: string;
  current: boolean;
  deviceInfo: string | null;
  userAgent: string | null;
  ipAddress: string | null;
  /** ISO 8601 UTC. */
  lastSeen: string;
}

export interface ActivationDto {
  id: string;
  deviceName: string | null;
  /** True for this computer. */
  current: boolean;
  activatedAt: string;
  lastRefreshedAt: string;
}

export interface DevicesDto {
  /** Signed-in sessions (browsers, computers) of the account. */
  sessions: SignedInDeviceDto[];
  /** Computers the licence is activated on. */
  activations: ActivationDto[];
  maxDevices: number;
}

export const SUPPORT_STATUSES = ['OPEN', 'PENDING APPROVAL', 'CLOSED'] as const;

export interface SupportAttachmentDto {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface SupportMessageDto {
  id: string;
  requestId: string;
  /** `me`: written on this account; `support`: a reply from the support team. */
  from: 'me' | 'support';
  content: string;
  /** UTC seconds. */
  createdAt: number;
  /** `queued`: waiting in the outbox; `sent`: on the server; `failed`: refused (see `error`). */
  delivery: 'queued' | 'sent' | 'failed';
  error: string | null;
  attachments: SupportAttachmentDto[];
}

export interface SupportRequestDto {
  id: string;
  subject: string;
  /** The server's status (`OPEN` until the server says otherwise). */
  status: string;
  createdAt: number;
  updatedAt: number;
  /** Replies from support not yet opened here. */
  unread: number;
  /** Messages of this request still in the outbox. */
  queued: number;
  lastMessage: string | null;
}

export interface SupportThreadDto {
  request: SupportRequestDto;
  messages: SupportMessageDto[];
}

export interface SupportSyncDto {
  /** Writes waiting in the outbox. */
  pending: number;
  /** Writes the server refused for good (shown with their error; never silently dropped). */
  failed: number;
  /** UTC seconds of the last complete sync (push and pull). */
  syncedAt: number | null;
  /** UTC seconds of the next attempt scheduled after a failure; null when nothing is waiting. */
  nextAttemptAt: number | null;
  /** Why the last sync did not finish (offline, signed out, server error); null after a good one. */
  error: string | null;
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * A file to attach: a file handle (a native dialog, the CLI), a path inside a subfolder of the
 * data folder (an export in `reports/`, say), or its content (a file box or a drop). See file-ref.ts.
 */
export const attachmentInput = z.union([
  z.object({ handle: fileHandle }).strict(),
  z.object({ path: dataFolderPath }).strict(),
  z
    .object({
      fileName: z.string().trim().min(1).max(200),
      content: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4),
      encoding: z.enum(['utf8', 'base64']).default('utf8'),
    })
    .strict(),
]);
export type AttachmentInput = z.output<typeof attachmentInput>;

const email = z.string().trim().email().max(254);
const totp = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'six digits')
  .optional();
const none = z.object({}).strict();

export const onlineMethods = {
  'settings:get': method<SettingsDto>()(none),
  /** Saves the server address; null or empty goes back to the build default. */
  'settings:save': method<SettingsDto>()(
    z
      .object({
        serverUrl: z
          .string()
          .trim()
          .max(500)
          .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), 'must start with http:// or https://')
          .nullable()
          .optional(),
      })
      .strict(),
  ),
  /** What the app knows about the account (no network: instant, offline too). */
  'account:status': method<AccountStatusDto>()(none),
  /** Signs in with email and password (and the authenticator code once asked for it). */
  'account:sign-in': method<SignInResultDto>()(
    z.object({ email, password: z.string().min(1).max(200), totp }).strict(),
  ),
  /** Emails a sign-in link; the trader pastes the link (or its token) into `account:magic-link-verify`. */
  'account:magic-link-request': method<{ sent: true }>()(z.object({ email }).strict()),
  'account:magic-link-verify': method<SignInResultDto>()(
    z.object({ link: z.string().trim().min(20).max(1000), totp }).strict(),
  ),
  /** Signs out here (the server session ends when reachable); the licence is kept until it expires. */
  'account:sign-out': method<AccountStatusDto>()(none),
  'account:devices': method<DevicesDto>()(none),
  /** A Stripe Checkout address for the plan; open it in the system browser. */
  'account:checkout': method<{ url: string }>()(z.object({ planCode: z.string().min(1).max(40) }).strict()),
  /**
   * A Stripe Checkout address (payment mode) for one paid challenge attempt or reset of a paid-only
   * rulebook, bought for this computer; after paying, `account:refresh` brings it in the licence.
   * Offline: OFFLINE with a message saying so (nothing is bought).
   */
  'account:challenge-checkout': method<{ url: string }>()(
    z.object({ templateId: z.string().min(1).max(200), kind: z.enum(['attempt', 'reset']) }).strict(),
  ),
  /** Asks the server for the subscription and a fresh licence (after checkout, or any time). */
  'account:refresh': method<AccountStatusDto>()(none),
  'support:list': method<SupportRequestDto[]>()(none),
  /** One request with its messages; marks its replies read. */
  'support:get': method<SupportThreadDto>()(z.object({ requestId: z.string().min(1) }).strict()),
  /** Writes a new request to the outbox (synced when the server is reachable). */
  'support:create': method<SupportThreadDto>()(
    z
      .object({
        subject: z.string().trim().min(1).max(200),
        message: z.string().trim().min(1).max(20_000),
        attachments: z.array(attachmentInput).max(10).default([]),
      })
      .strict(),
  ),
  'support:reply': method<SupportThreadDto>()(
    z
      .object({
        requestId: z.string().min(1),
        message: z.string().trim().min(1).max(20_000),
        attachments: z.array(attachmentInput).max(10).default([]),
      })
      .strict(),
  ),
  /** Pushes the outbox and pulls replies now; resolves when done (or failed: see `error`). */
  'support:sync-now': method<SupportSyncDto>()(none),
};

export { MAX_ATTACHMENT_BYTES };

/** Pushed as `support:changed` when the sync brings a reply or a status change. */
export interface SupportNoticeDto {
  requestId: string;
  subject: string;
  kind: 'reply' | 'status';
  status: string;
  /** A sentence for the notification. */
  text: string;
}

import type { IncomingMessage } from 'node:http';
import type { AutomationScope } from '../../../shared/contract/automation';
import type { VerifiedKey, VerifiedKeys } from './key-cache';
import { apiKeyPrefix, keyMatches } from './keys';
import type { RateLimiter } from './rate-limit';
import type { AutomationStore, KeyRow } from './store';

/** An HTTP error of the API: `{ code, message, details }` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The key that was refused (known but revoked, expired…), so its client's usage counts the failure. */
  keyRow: KeyRow | null = null;
}

function refused(row: KeyRow, error: ApiError): ApiError {
  error.keyRow = row;
  return error;
}

export function presentedKey(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1]! : null;
  }
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  // WebSocket clients that cannot set headers (browsers' and Node's built-in) offer it as a subprotocol.
  const protocols = req.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    for (const p of protocols.split(',')) {
      const value = p.trim();
      if (value.startsWith('tickstep-key.')) return value.slice('tickstep-key.'.length);
    }
  }
  return null;
}

/**
 * Finds and checks the key of a request: known (constant-time hash compare), active, not
 * expired, its client active. Throws ApiError otherwise. A key that passed is remembered in
 * `keys`, which forgets everything at any change of a key or client row, so a revocation counts
 * from the very next request.
 */
export function authenticate(
  deps: { store: AutomationStore; keys: VerifiedKeys; nowSeconds: () => number },
  req: IncomingMessage,
): VerifiedKey {
  const key = presentedKey(req);
  if (!key) throw new ApiError(401, 'UNAUTHORIZED', 'An API key is required: Authorization: Bearer tsk_…');
  const prefix = apiKeyPrefix(key);
  const cached = prefix ? deps.keys.get(prefix, key) : null;
  if (cached) {
    checkExpiry(cached.row, deps.nowSeconds());
    return cached;
  }
  const row = prefix ? deps.store.keyByPrefix(prefix) : undefined;
  if (!row || !keyMatches(key, row.keyHash)) throw new ApiError(401, 'UNAUTHORIZED', 'Unknown API key');
  if (!row.isActive) throw refused(row, new ApiError(401, 'KEY_REVOKED', 'This API key has been revoked'));
  checkExpiry(row, deps.nowSeconds());
  const client = deps.store.client(row.clientId);
  if (!client.isActive)
    throw refused(row, new ApiError(403, 'CLIENT_DISABLED', `The client "${client.name}" is disabled`));
  const verified = { row, client };
  deps.keys.remember(prefix!, key, verified);
  return verified;
}

function checkExpiry(row: KeyRow, now: number): void {
  if (row.expiresAt !== null && row.expiresAt <= now)
    throw refused(
      row,
      new ApiError(
        401,
        'KEY_EXPIRED',
        `This API key expired at ${new Date(row.expiresAt * 1000).toISOString()}`,
      ),
    );
}

export function assertScope(row: KeyRow, scope: AutomationScope): void {
  if (!row.scopes.includes(scope)) {
    throw new ApiError(403, 'FORBIDDEN', `This API key lacks the scope ${scope}`, {
      required: scope,
      granted: row.scopes,
    });
  }
}

export function assertRate(limiter: RateLimiter, row: KeyRow): void {
  const taken = limiter.take(row.id, row.rateLimitPerMinute);
  if (!taken.ok) {
    throw new ApiError(
      429,
      'RATE_LIMITED',
      `Rate limit of ${row.rateLimitPerMinute} requests a minute reached; retry in ${taken.retryAfterSeconds} s`,
      { limitPerMinute: row.rateLimitPerMinute, retryAfterSeconds: taken.retryAfterSeconds },
      { 'retry-after': String(taken.retryAfterSeconds) },
    );
  }
}

/** HTTP status of a contract error code. */
export function statusOf(code: string): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
    case 'QUOTA_EXCEEDED':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
    case 'UNKNOWN_SYMBOL':
      return 404;
    case 'CONFLICT':
    case 'SESSION_CLOSED':
    case 'IMPORT_DUPLICATE_FILE':
    case 'OUT_OF_DATA':
      return 409;
    case 'ORDER_REJECTED':
    case 'IMPORT_INVALID':
    case 'IMPORT_CANCELLED':
      return 422;
    case 'UNSUPPORTED':
      return 501;
    case 'OFFLINE':
      return 503;
    default:
      return 500;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Refuses what a web page could send: any request with an Origin header (browsers add it to
 * cross-origin and WebSocket requests), and, when bound to loopback, a Host other than loopback
 * (DNS rebinding).
 */
export function checkBrowserGuards(req: IncomingMessage, loopback: boolean): void {
  if (req.headers.origin !== undefined)
    throw new ApiError(
      403,
      'ORIGIN_FORBIDDEN',
      'Requests from web pages (with an Origin header) are refused',
    );
  if (loopback) {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_HOSTS.has(host))
      throw new ApiError(403, 'HOST_FORBIDDEN', 'The Host header must be 127.0.0.1 or localhost');
  }
}

/** An expected failure with an HTTP status and a stable code; the error handler sends `{ code, message }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, code = 'INVALID_INPUT') => new HttpError(400, code, message);
export const unauthorized = (message = 'Sign in required', code = 'UNAUTHORIZED') =>
  new HttpError(401, code, message);
export const forbidden = (message = 'Not allowed', code = 'FORBIDDEN') => new HttpError(403, code, message);
export const notFound = (message = 'Not found') => new HttpError(404, 'NOT_FOUND', message);
export const conflict = (message: string, code = 'CONFLICT') => new HttpError(409, code, message);
export const billingUnavailable = () =>
  new HttpError(503, 'BILLING_UNAVAILABLE', 'Billing is not configured on this server');
export const tooMany = (retryAfterSeconds: number) =>
  Object.assign(new HttpError(429, 'RATE_LIMITED', 'Too many attempts; try again later'), {
    retryAfterSeconds,
  });

/**
 * Removes what identifies a user or grants access from a message: UUIDs (user, session, file ids),
 * long hex strings (token hashes), emails, and long token-like strings (refresh tokens, secrets).
 */
export function scrub(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '[id]')
    .replace(/[^\s@"'(),]+@[^\s@"'(),]+\.[A-Za-z]{2,}/g, '[email]')
    .replace(/\b[0-9a-f]{32,}\b/gi, '[hash]')
    .replace(/[A-Za-z0-9_.~+/=-]{32,}/g, '[token]');
}

/**
 * What may be logged or stored about an unexpected error. Driver errors wrapped by drizzle carry the
 * SQL parameters in their message (emails, hashes); only the statement's first words and the
 * underlying database error are kept, and every message is scrubbed of ids, hashes, emails and tokens
 * (a database error can quote the value it refused).
 */
export function safeError(err: unknown): { name: string; message: string; code?: string } {
  if (!(err instanceof Error)) return { name: 'Error', message: scrub(String(err).slice(0, 200)) };
  const cause = (err as { cause?: unknown }).cause;
  if (err.message.startsWith('Failed query')) {
    const statement = err.message.slice(14, 80).split('\n')[0];
    const c = cause instanceof Error ? cause : undefined;
    return {
      name: err.name,
      message: scrub(`query failed (${statement}…): ${c?.message ?? 'unknown cause'}`),
      code: (c as { code?: string } | undefined)?.code,
    };
  }
  return { name: err.name, message: scrub(err.message.slice(0, 500)), code: (err as { code?: string }).code };
}

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
export const tooMany = (retryAfterSeconds: number) =>
  Object.assign(new HttpError(429, 'RATE_LIMITED', 'Too many attempts; try again later'), {
    retryAfterSeconds,
  });

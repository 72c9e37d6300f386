/** Stable error codes that cross the contract boundary. Messages are for people; codes are for code. */
export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_METHOD: 'UNKNOWN_METHOD',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNKNOWN_SYMBOL: 'UNKNOWN_SYMBOL',
  IMPORT_INVALID: 'IMPORT_INVALID',
  IMPORT_DUPLICATE_FILE: 'IMPORT_DUPLICATE_FILE',
  IMPORT_CANCELLED: 'IMPORT_CANCELLED',
  OUT_OF_DATA: 'OUT_OF_DATA',
  ORDER_REJECTED: 'ORDER_REJECTED',
  SESSION_CLOSED: 'SESSION_CLOSED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  /** Creating this would pass the plan's limit; the message says the limit and how to lift it. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The feature does not exist in this mode (e.g. updates in browser mode or the CLI). */
  UNSUPPORTED: 'UNSUPPORTED',
  /** The hosted server could not be reached; local work is unaffected. */
  OFFLINE: 'OFFLINE',
  /** The local store is damaged; the message says where it is (or was kept) and what to do. */
  STORE_DAMAGED: 'STORE_DAMAGED',
  /** A file handle this run of the app did not give (unknown, expired with a restart, or for reading where writing was asked). */
  FILE_NOT_GRANTED: 'FILE_NOT_GRANTED',
  /** A path outside the data folder's subfolders (or escaping them with `..` or a link). */
  PATH_NOT_ALLOWED: 'PATH_NOT_ALLOWED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The plain-data error that crosses IPC, WebSocket and the CLI's --json output. */
export interface ContractError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type ContractResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/**
 * Thrown inside main for an expected failure the caller must see (bad file, unknown symbol).
 * The dispatcher turns it into a ContractError; it never crosses the boundary as an Error.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toContractError(): ContractError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** The renderer-side error made from a ContractError, so `catch` sees the same code. */
export class ContractCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ContractCallError';
  }
}

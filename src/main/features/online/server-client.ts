/** What a request to the hosted server came to: its JSON answer, a refusal, or no answer at all. */
export type ServerReply<T> =
  | { ok: true; status: number; body: T }
  | {
      ok: false;
      /** True when the server could not be reached (no network, refused, timed out). */
      offline: boolean;
      /** HTTP status; 0 when offline. */
      status: number;
      /** The server's error code (e.g. `MFA_REQUIRED`, `NO_ACTIVE_SUBSCRIPTION`), or `OFFLINE`. */
      code: string;
      message: string;
    };

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface ServerClientOptions {
  /** The server's base URL, read at every request (the trader may change it in Settings). */
  baseUrl: () => string;
  fetch?: FetchFn;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

export interface RequestOptions {
  /** JSON body. */
  body?: unknown;
  /** Raw body (attachment upload) with its headers. */
  raw?: Uint8Array;
  headers?: Record<string, string>;
  /** Bearer access token. */
  token?: string;
  query?: Record<string, string | number>;
}

/** A thin fetch wrapper for the hosted server: JSON in and out, never throws. */
export class ServerClient {
  private readonly fetchFn: FetchFn;
  private readonly timeoutMs: number;
  private readonly closing = new AbortController();

  constructor(private readonly options: ServerClientOptions) {
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Aborts every request in flight and refuses new ones (the app is closing). */
  close(): void {
    this.closing.abort();
  }

  get baseUrl(): string {
    return this.options.baseUrl().replace(/\/+$/, '');
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ServerReply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: RequestInit['body'];
    if (opts.raw) body = opts.raw as unknown as RequestInit['body'];
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const query = opts.query
      ? `?${new URLSearchParams(Object.entries(opts.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`
      : '';
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}${query}`, {
        method,
        headers,
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.closing.signal]),
      });
    } catch (error) {
      return {
        ok: false,
        offline: true,
        status: 0,
        code: 'OFFLINE',
        message: `Cannot reach the Tickstep server at ${this.baseUrl} (${describe(error)}).`,
      };
    }
    let text = '';
    try {
      text = await res.text();
    } catch (error) {
      return {
        ok: false,
        offline: true,
        status: 0,
        code: 'OFFLINE',
        message: `The connection to ${this.baseUrl} broke (${describe(error)}).`,
      };
    }
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (res.ok) return { ok: true, status: res.status, body: parsed as T };
    const err = (parsed && typeof parsed === 'object' ? parsed : {}) as { code?: unknown; message?: unknown };
    return {
      ok: false,
      offline: false,
      status: res.status,
      code: typeof err.code === 'string' ? err.code : `HTTP_${res.status}`,
      message:
        typeof err.message === 'string' && err.message
          ? err.message
          : `The server answered ${res.status} ${res.statusText}`.trim(),
    };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    if (error.name === 'TimeoutError') return 'timed out';
    return cause?.code ?? error.message;
  }
  return String(error);
}

/** Worth retrying later: no answer, rate limited or a server fault. */
export function isTransient(reply: { ok: false; offline: boolean; status: number }): boolean {
  return reply.offline || reply.status === 429 || reply.status === 408 || reply.status >= 500;
}

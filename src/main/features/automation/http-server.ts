import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, assertRate, assertScope, authenticate, checkBrowserGuards, statusOf } from './auth';
import type { VerifiedKey } from './key-cache';
import { docsPage, openApiDocument } from './openapi';
import { matchRoute, routeInput, STREAM_PATH } from './routes';
import type { KeyRow } from './store';
import { attachStream, type StreamDeps, type StreamServer } from './stream';

/** Largest request body (an import may carry the file's text). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface ApiServerDeps extends Omit<StreamDeps, 'loopback'> {
  /** A client was seen on a request (marks it connected, audits a new connection). */
  seen: (key: VerifiedKey, address: string | null) => void;
}

export interface ApiServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  send(res, error.status, body, error.headers);
}

/** The raw body. Events rather than `for await`: the async iterator cost more than a small request. */
function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done();
        // The rest is drained and dropped, so the answer can still be read.
        req.resume();
        reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES} bytes`));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onAborted = () => onError(new Error('The request was aborted'));
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readRaw(req)).toString('utf8');
  if (text.trim() === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'INVALID_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ApiError(400, 'INVALID_INPUT', 'The body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Starts the HTTP + JSON API (and the session streams on the same port). */
export async function startApiServer(
  deps: ApiServerDeps,
  options: { port: number; host: string },
): Promise<ApiServer & { streams: StreamServer }> {
  const loopback = options.host === '127.0.0.1' || options.host === '::1' || options.host === 'localhost';
  let publicUrl = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let row: KeyRow | null = null;
    let isOrder = false;
    try {
      checkBrowserGuards(req, loopback);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const verb = req.method ?? 'GET';
      if (verb === 'GET' && url.pathname === '/openapi.json')
        return send(res, 200, openApiDocument(publicUrl));
      if (verb === 'GET' && (url.pathname === '/docs' || url.pathname === '/docs/')) {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy':
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
          'x-content-type-options': 'nosniff',
        });
        res.end(docsPage(openApiDocument(publicUrl)));
        return;
      }
      if (verb === 'GET' && url.pathname === '/v1/health') return send(res, 200, { ok: true });
      if (STREAM_PATH.test(url.pathname))
        throw new ApiError(
          426,
          'UPGRADE_REQUIRED',
          'The stream is a WebSocket: connect with Upgrade: websocket',
        );
      const match = matchRoute(verb, url.pathname);
      if (!match.route) {
        if (match.allowed.length)
          throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${verb} is not allowed here`, undefined, {
            allow: match.allowed.join(', '),
          });
        throw new ApiError(404, 'NOT_FOUND', `No route ${verb} ${url.pathname}`);
      }
      const { route, params } = match;
      const verified = authenticate(deps, req);
      row = verified.row;
      assertScope(row, route.scope);
      assertRate(deps.limiter, row);
      deps.seen(verified, req.socket.remoteAddress ?? null);
      const body = verb === 'GET' ? {} : await readBody(req);
      const query = Object.fromEntries(url.searchParams.entries());
      const input = routeInput(route, { params, query, body });
      isOrder = route.method === 'orders:place';
      const result = route.run
        ? await route.run(deps.dispatch, input as Record<string, unknown>)
        : await deps.dispatch(route.method, input);
      if (!result.ok) {
        const { code, message, details } = result.error;
        throw new ApiError(statusOf(code), code, message, details);
      }
      send(res, route.status ?? 200, route.pick ? route.pick(result.value) : result.value);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(500, 'INTERNAL', 'Internal error in the automation API');
      if (!(error instanceof ApiError)) deps.log('Automation API request failed', error);
      sendError(res, apiError);
      const refused = row ?? apiError.keyRow;
      if (refused && (apiError.status === 401 || apiError.status === 403 || apiError.status >= 500)) {
        try {
          const now = deps.nowSeconds();
          deps.store.updateClient(
            refused.clientId,
            { lastError: `${apiError.code}: ${apiError.message}`, lastErrorAt: now },
            now,
          );
          if (!row) deps.store.countUsage(refused.clientId, 'failedRequests', now);
        } catch (e) {
          deps.log('Automation API: could not record the refusal', e);
        }
      }
    } finally {
      if (row) {
        try {
          deps.store.recordUse(
            row,
            { apiCalls: 1, ordersSent: isOrder ? 1 : 0, failedRequests: res.statusCode >= 400 ? 1 : 0 },
            deps.nowSeconds(),
          );
        } catch (error) {
          deps.log('Automation usage could not be counted', error);
        }
      }
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.log('Automation API request crashed', error);
      if (!res.headersSent) sendError(res, new ApiError(500, 'INTERNAL', 'Internal error'));
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const streams = attachStream(server, { ...deps, loopback });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  publicUrl = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}`;
  return {
    url: publicUrl,
    port,
    host: options.host,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        streams.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

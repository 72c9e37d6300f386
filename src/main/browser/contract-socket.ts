import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import {
  CONTRACT_SOCKET_PATH,
  type WireEvent,
  type WireReply,
  type WireRequest,
} from '../../shared/contract/wire';
import { type ContractResult, ErrorCode } from '../../shared/errors';
import type { Dispatch } from '../contract/dispatch';
import type { EventHub } from '../platform/events';

/**
 * The largest frame the contract socket takes: 256 MiB. The largest legitimate messages are an
 * `import:start` carrying a whole candle file as text (browser mode has no file path; 256 MiB is
 * about 5 million M1 rows in MT4 style) and a support message with its ten 10 MiB attachments in
 * base64 (about 134 MiB); a journal screenshot (5 MiB, about 6.7 MiB as base64) is far below.
 * A bigger frame closes that socket with 1009 (Message Too Big); larger files import with the CLI.
 * It also keeps every frame's text under V8's longest string (about 512 MiB), which a 1 GiB frame
 * was not.
 */
export const MAX_CONTRACT_FRAME_BYTES = 256 * 1024 * 1024;

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
    socket.destroy(),
  );
}

/** Parses one frame; undefined for anything that is not `{ id: finite number, method: string }`. */
export function parseWireRequest(raw: string): WireRequest | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const { id, method, input } = value as Record<string, unknown>;
    if (typeof id === 'number' && Number.isFinite(id) && typeof method === 'string') {
      return { id, method, input };
    }
  } catch {
    // fall through: a malformed frame is answered by the caller
  }
  return undefined;
}

/**
 * The origins (and Host headers) browser mode accepts: the host it printed, under both loopback
 * names, on its own port, over http. Nothing else: not another port, not https, not `null`.
 */
export function loopbackHosts(port: number): { origins: string[]; hosts: string[] } {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return { hosts, origins: hosts.map((host) => `http://${host}`) };
}

function malformed(): WireReply {
  return {
    id: -1,
    result: { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: 'Malformed contract frame' } },
  };
}

function send(ws: WebSocket, message: WireReply | WireEvent): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (error) {
    if (!('id' in message)) return;
    const result: ContractResult<unknown> = {
      ok: false,
      error: {
        code: ErrorCode.INTERNAL,
        message: `Internal error: the reply could not be encoded (${error instanceof Error ? error.message : String(error)})`,
      },
    };
    text = JSON.stringify({ id: message.id, result } satisfies WireReply);
  }
  ws.send(text, (error) => {
    if (error) ws.terminate();
  });
}

/**
 * Serves the contract over a WebSocket on the given HTTP server. Upgrades without the per-run
 * token, from another origin, or to another Host name (DNS rebinding) are refused before a socket
 * exists. Nothing a client sends ends the process: a bad frame is answered or closes that socket.
 */
export function attachContractSocket(
  server: Server,
  options: {
    token: string;
    dispatch: Dispatch;
    events: EventHub;
    /** The port the server listens on, known once it listens. */
    port: () => number;
    /** Default MAX_CONTRACT_FRAME_BYTES; tests pass a small one. */
    maxFrameBytes?: number;
  },
): WebSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? MAX_CONTRACT_FRAME_BYTES,
  });
  wss.on('error', () => {});

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== CONTRACT_SOCKET_PATH) return reject(socket, 404, 'Not Found');
      if (!sameToken(url.searchParams.get('token'), options.token))
        return reject(socket, 401, 'Unauthorized');
      const allowed = loopbackHosts(options.port());
      const origin = req.headers.origin;
      if (origin !== undefined && !allowed.origins.includes(origin)) return reject(socket, 403, 'Forbidden');
      if (!allowed.hosts.includes(req.headers.host ?? '')) return reject(socket, 403, 'Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch {
      reject(socket, 400, 'Bad Request');
    }
  });

  wss.on('connection', (ws: WebSocket) => {
    // A protocol error (bad opcode, unmasked frame, invalid UTF-8, too big) closes this socket only.
    ws.on('error', () => ws.terminate());
    const unsubscribe = options.events.subscribe((event, payload) => send(ws, { event, payload }));
    ws.on('message', (data, isBinary) => {
      void (async () => {
        const request = isBinary ? undefined : parseWireRequest(data.toString());
        if (!request) return send(ws, malformed());
        const result = await options.dispatch(request.method, request.input);
        send(ws, { id: request.id, result });
      })().catch(() => ws.terminate());
    });
    ws.on('close', unsubscribe);
  });
  return wss;
}

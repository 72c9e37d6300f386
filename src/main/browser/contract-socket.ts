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
import { ErrorCode } from '../../shared/errors';
import type { Dispatch } from '../contract/dispatch';
import type { EventHub } from '../platform/events';

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function parseRequest(raw: string): WireRequest | undefined {
  try {
    const value = JSON.parse(raw) as Partial<WireRequest>;
    if (typeof value?.id === 'number' && typeof value.method === 'string') {
      return { id: value.id, method: value.method, input: value.input };
    }
  } catch {
    // fall through: a malformed frame is answered below
  }
  return undefined;
}

/**
 * Serves the contract over a WebSocket on the given HTTP server. Upgrades without the per-run
 * token (or from another origin) are refused before a socket exists.
 */
export function attachContractSocket(
  server: Server,
  options: { token: string; dispatch: Dispatch; events: EventHub; allowedOrigin: () => string },
): WebSocketServer {
  // Browser mode ships whole CSV files as text: allow large frames.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CONTRACT_SOCKET_PATH) return reject(socket, 404, 'Not Found');
    if (!sameToken(url.searchParams.get('token'), options.token)) return reject(socket, 401, 'Unauthorized');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== options.allowedOrigin()) return reject(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = options.events.subscribe((event, payload) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ event, payload } satisfies WireEvent));
    });
    ws.on('message', async (data) => {
      const request = parseRequest(data.toString());
      if (!request) {
        const reply: WireReply = {
          id: -1,
          result: {
            ok: false,
            error: { code: ErrorCode.INVALID_INPUT, message: 'Malformed contract frame' },
          },
        };
        ws.send(JSON.stringify(reply));
        return;
      }
      const result = await options.dispatch(request.method, request.input);
      if (ws.readyState === WebSocket.OPEN)
        ws.send(JSON.stringify({ id: request.id, result } satisfies WireReply));
    });
    ws.on('close', unsubscribe);
  });
  return wss;
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { LedgerEntryDto, PositionDto, ReplayTickDto } from '../../../shared/dto';
import type { Dispatch } from '../../contract/dispatch';
import { ApiError, assertRate, assertScope, authenticate, checkBrowserGuards } from './auth';
import type { AutomationBus, BusMessage } from './bus';
import type { VerifiedKeys } from './key-cache';
import type { RateLimiter } from './rate-limit';
import { STREAM_PATH } from './routes';
import type { AutomationStore, KeyRow } from './store';

/**
 * The per-session stream: `GET /v1/sessions/:id/stream` upgraded to a WebSocket. Messages are JSON
 * `{ type, … }`: `hello`, `bar`, `fill`, `order`, `position`, `account`, `ledger`,
 * `session.completed`, `error`; in lock-step mode (`?mode=lockstep`) also `awaiting-ready`, and
 * the replay advances only when the client sends `{"type":"ready"}` (or `{"type":"ready","bars":N}`).
 */
export interface StreamServer {
  /** Open sockets per client id. */
  openFor(clientId: string): number;
  close(): void;
}

export interface StreamDeps {
  dispatch: Dispatch;
  store: AutomationStore;
  limiter: RateLimiter;
  keys: VerifiedKeys;
  bus: AutomationBus;
  nowSeconds: () => number;
  log: (message: string, error?: unknown) => void;
  loopback: boolean;
  connected?: (row: KeyRow, address: string | null) => void;
  disconnected?: (row: KeyRow, address: string | null) => void;
}

function refuse(socket: Duplex, error: ApiError): void {
  const body = JSON.stringify({ code: error.code, message: error.message });
  const extra = Object.entries(error.headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(
    `HTTP/1.1 ${error.status} Refused\r\nConnection: close\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

export function attachStream(server: Server, deps: StreamDeps): StreamServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Echo the key subprotocol back so clients that offered it accept the handshake.
    handleProtocols: (protocols) => {
      for (const p of protocols) if (p.startsWith('tickstep-key.')) return p;
      return false;
    },
  });
  const open = new Map<string, number>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let row: KeyRow | null = null;
    try {
      checkBrowserGuards(req, deps.loopback);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = STREAM_PATH.exec(url.pathname);
      if (!m) throw new ApiError(404, 'NOT_FOUND', 'No stream here');
      const lockstep = url.searchParams.get('mode') === 'lockstep';
      row = authenticate(deps, req).row;
      deps.store.countConnectionAttempt(row.clientId, deps.nowSeconds());
      assertScope(row, lockstep ? 'sessions:write' : 'market:read');
      assertRate(deps.limiter, row);
      const sessionId = decodeURIComponent(m[1]!);
      const key = row;
      wss.handleUpgrade(req, socket, head, (ws) => {
        open.set(key.clientId, (open.get(key.clientId) ?? 0) + 1);
        const address = req.socket.remoteAddress ?? null;
        deps.connected?.(key, address);
        const stop = runStream(ws, socket, sessionId, lockstep, deps);
        ws.on('close', () => {
          stop();
          const left = (open.get(key.clientId) ?? 1) - 1;
          if (left <= 0) open.delete(key.clientId);
          else open.set(key.clientId, left);
          try {
            deps.disconnected?.(key, address);
          } catch (error) {
            deps.log('Automation stream: could not record the disconnection', error);
          }
        });
      });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', 'Internal error');
      if (row) {
        try {
          deps.store.updateClient(
            row.clientId,
            { lastError: apiError.message, lastErrorAt: deps.nowSeconds() },
            deps.nowSeconds(),
          );
        } catch {
          // the client may be gone
        }
      }
      refuse(socket, apiError);
    }
  });

  return {
    openFor: (clientId) => open.get(clientId) ?? 0,
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function runStream(
  ws: WebSocket,
  socket: Duplex,
  sessionId: string,
  lockstep: boolean,
  deps: StreamDeps,
): () => void {
  let chain: Promise<void> = Promise.resolve();
  let lastSeq = -1;
  /** The balance the last ledger read saw: entries come only with fills or a balance change. */
  let ledgerBalance: number | null = null;
  let busy = false;
  let completed = false;
  let corked = false;
  const send = (message: Record<string, unknown>) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    // A bar's messages (bar, fills, positions, account, ledger, awaiting-ready) leave in one write
    // instead of one segment each: the socket is corked until the work queued now is done.
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    ws.send(JSON.stringify({ sessionId, ...message }));
  };
  const queue = (work: () => Promise<void> | void) => {
    chain = chain.then(work).catch((error: unknown) => {
      deps.log('Automation stream failed', error);
      send({ type: 'error', code: 'INTERNAL', message: 'The stream failed to send an update' });
    });
    return chain;
  };
  const flushLedger = async (balanceCents: number | null, fills: number) => {
    if (fills === 0 && balanceCents !== null && balanceCents === ledgerBalance) return;
    const result = await deps.dispatch('ledger:list', { sessionId, afterSeq: Math.max(0, lastSeq) });
    if (!result.ok) return;
    ledgerBalance = balanceCents;
    for (const entry of result.value as LedgerEntryDto[]) {
      if (entry.seq > lastSeq) {
        send({ type: 'ledger', entry });
        lastSeq = entry.seq;
      }
    }
  };
  const onTick = (tick: ReplayTickDto) => {
    send({ type: 'bar', cursorTs: tick.cursorTs, status: tick.status, bar: tick.bar });
    for (const fill of tick.fills) send({ type: 'fill', fill });
    for (const position of tick.positions) send({ type: 'position', position });
    send({ type: 'account', account: tick.account });
  };
  const onMessage = (message: BusMessage) => {
    if (message.kind === 'tick' && message.tick.sessionId === sessionId) {
      const tick = message.tick;
      queue(async () => {
        onTick(tick);
        await flushLedger(tick.account.balanceCents, tick.fills.length);
        if (tick.status === 'COMPLETED' && !completed) {
          completed = true;
          send({ type: 'session.completed', cursorTs: tick.cursorTs, account: tick.account });
        }
      });
    } else if (message.kind === 'action' && message.sessionId === sessionId) {
      const { orders, positions } = message;
      queue(async () => {
        for (const order of orders) send({ type: 'order', order });
        for (const position of positions as PositionDto[]) send({ type: 'position', position });
        await flushLedger(null, 0);
      });
    }
  };
  const unsubscribe = deps.bus.subscribe(onMessage);

  queue(async () => {
    const snapshot = await deps.dispatch('replay:snapshot', { sessionId, count: 1 });
    if (!snapshot.ok) {
      send({ type: 'error', ...snapshot.error });
      ws.close(1008, snapshot.error.code);
      return;
    }
    const value = snapshot.value as {
      session: { cursorTs: number; status: string };
      candles: unknown[];
      account: unknown;
    };
    const ledger = await deps.dispatch('ledger:list', { sessionId });
    if (ledger.ok)
      for (const entry of ledger.value as LedgerEntryDto[]) lastSeq = Math.max(lastSeq, entry.seq);
    completed = value.session.status === 'COMPLETED';
    send({
      type: 'hello',
      mode: lockstep ? 'lockstep' : 'follow',
      cursorTs: value.session.cursorTs,
      status: value.session.status,
      bar: value.candles.at(-1) ?? null,
      account: value.account,
    });
    if (lockstep && !completed) send({ type: 'awaiting-ready', cursorTs: value.session.cursorTs });
  });

  ws.on('message', (data) => {
    let request: { type?: unknown; bars?: unknown };
    try {
      request = JSON.parse(data.toString()) as { type?: unknown; bars?: unknown };
    } catch {
      send({ type: 'error', code: 'INVALID_JSON', message: 'Messages are JSON objects' });
      return;
    }
    if (!request || typeof request !== 'object' || request.type !== 'ready') {
      send({
        type: 'error',
        code: 'INVALID_INPUT',
        message: 'The only message a client sends is {"type":"ready"}',
      });
      return;
    }
    if (!lockstep) {
      send({
        type: 'error',
        code: 'INVALID_INPUT',
        message: 'ready is for lock-step streams (?mode=lockstep)',
      });
      return;
    }
    if (busy || completed) {
      send({
        type: 'error',
        code: 'CONFLICT',
        message: completed ? 'The session is completed' : 'A step is in progress',
      });
      return;
    }
    const bars = request.bars ?? 1;
    busy = true;
    void deps.dispatch('replay:step', { sessionId, bars }).then((result) =>
      queue(() => {
        busy = false;
        if (!result.ok) {
          send({ type: 'error', ...result.error });
          return;
        }
        const tick = result.value as ReplayTickDto;
        if (tick.status !== 'COMPLETED') send({ type: 'awaiting-ready', cursorTs: tick.cursorTs });
      }),
    );
  });
  ws.on('error', () => ws.terminate());
  return unsubscribe;
}

import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type BrowserServer, startBrowserServer } from '../../../src/main/browser/browser-server';
import { MAX_CONTRACT_FRAME_BYTES } from '../../../src/main/browser/contract-socket';
import { MAX_SCREENSHOT_BYTES } from '../../../src/shared/contract/reports';
import { openTempApp } from '../../helpers/temp-app';

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(1006);
    ws.once('close', (code) => resolve(code));
    ws.on('error', () => {});
  });
}

/** A deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('browser mode contract socket', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  let server: BrowserServer | undefined;
  afterEach(async () => {
    await server?.close();
    app?.dispose();
    server = undefined;
    app = undefined;
  });

  const socketUrl = (s: BrowserServer, host = '127.0.0.1') =>
    `ws://${host}:${s.port}/contract?token=${s.token}`;

  it('caps frames at a limit that fits the largest legitimate message, not 1 GiB', () => {
    // A journal screenshot travels as base64 (4/3 of its bytes) inside a JSON frame.
    expect(MAX_CONTRACT_FRAME_BYTES).toBeGreaterThan(Math.ceil((MAX_SCREENSHOT_BYTES * 4) / 3) + 64 * 1024);
    expect(MAX_CONTRACT_FRAME_BYTES).toBeLessThanOrEqual(256 * 1024 * 1024);
  });

  it('closes a socket that sends a frame over the cap (1009) and keeps serving others', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0, maxFrameBytes: 64 * 1024 });
    const big = await connect(socketUrl(server));
    const code = closed(big);
    big.send(JSON.stringify({ id: 1, method: 'app:get-info', input: { pad: 'x'.repeat(65 * 1024) } }));
    expect(await code).toBe(1009);
    const ws = await connect(socketUrl(server));
    expect(await call(ws, 2, 'app:get-info', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('accepts the page under both names of the host it printed, and no other origin', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    const port = server.port;
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const ws = await connect(socketUrl(server), { Origin: origin });
      expect(await call(ws, 1, 'app:get-info', {})).toMatchObject({ ok: true });
      ws.close();
    }
    const ws = await connect(socketUrl(server, 'localhost'), { Origin: `http://localhost:${port}` });
    ws.close();
    for (const origin of [
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      `http://localhost.evil.example:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
      'null',
      'file://',
    ]) {
      await expect(connect(socketUrl(server), { Origin: origin })).rejects.toThrow('HTTP 403');
    }
    // A DNS-rebinding page reaches 127.0.0.1 under a foreign Host name: refused too.
    await expect(connect(socketUrl(server), { Host: `evil.example:${port}` })).rejects.toThrow('HTTP 403');
  });

  it('answers wrong-typed frames with INVALID_INPUT and keeps the socket open', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    const ws = await connect(socketUrl(server));
    const frames = [
      'null',
      '[]',
      '42',
      '"text"',
      '{"id":"1","method":"app:get-info"}',
      '{"id":1,"method":5}',
      '{"id":1e400,"method":"app:get-info"}',
      '{"id":1,"method":"app:get-info","input":"x"}',
      '{"id":2,"method":"__proto__","input":{}}',
      '{"id":3,"method":"constructor","input":{}}',
      '{"__proto__":{"id":4},"method":"app:get-info"}',
    ];
    for (const frame of frames) ws.send(frame);
    ws.send(Buffer.from([0xff, 0xfe, 0x00, 0x01]), { binary: true });
    expect(await call(ws, 99, 'app:get-info', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('survives a bounded fuzz of garbage frames and raw bytes, and still answers afterwards', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0, maxFrameBytes: 256 * 1024 });
    const next = random(7);
    for (let round = 0; round < 20; round++) {
      const ws = await connect(socketUrl(server));
      const done = closed(ws);
      for (let i = 0; i < 20; i++) {
        const kind = Math.floor(next() * 5);
        const size = Math.floor(next() * 2048);
        if (kind === 0) ws.send(randomBytes(size), { binary: true });
        else if (kind === 1) ws.send(randomBytes(size).toString('latin1'));
        else if (kind === 2)
          ws.send(JSON.stringify({ id: next() * 1e6, method: 'x'.repeat(size), input: [size] }));
        else if (kind === 3) ws.send(`{"id":${i},"method":"app:get-info","input":${'['.repeat(size)}`);
        // Raw bytes on the TCP socket under the WebSocket framing: bad opcodes, unmasked frames, invalid UTF-8.
        else (ws as unknown as { _socket: Socket })._socket.write(randomBytes(size + 2));
      }
      ws.close();
      await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
      ws.terminate();
    }
    const ws = await connect(socketUrl(server));
    expect(await call(ws, 1, 'app:get-info', {})).toMatchObject({ ok: true });
    ws.close();
  });
});

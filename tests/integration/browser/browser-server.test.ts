import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type BrowserServer, startBrowserServer } from '../../../src/main/browser/browser-server';
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

describe('browser mode', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  let server: BrowserServer | undefined;
  afterEach(async () => {
    await server?.close();
    app?.dispose();
  });

  it('binds to 127.0.0.1 and prints a URL carrying the per-run token', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the contract to a socket with the token', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    const ws = await connect(`ws://127.0.0.1:${server.port}/contract?token=${server.token}`);
    const result = await call(ws, 1, 'app:get-info', {});
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ mode: 'browser' }) });
    ws.close();
  });

  it('refuses a socket without the token, or with a wrong one', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    await expect(connect(`ws://127.0.0.1:${server.port}/contract`)).rejects.toThrow('HTTP 401');
    await expect(connect(`ws://127.0.0.1:${server.port}/contract?token=guess`)).rejects.toThrow('HTTP 401');
  });

  it('refuses a socket opened by a page of another origin', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    const url = `ws://127.0.0.1:${server.port}/contract?token=${server.token}`;
    await expect(connect(url, { Origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers a malformed frame and a bad input with clear errors, and keeps serving', async () => {
    app = openTempApp();
    server = await startBrowserServer(app, { port: 0 });
    const ws = await connect(`ws://127.0.0.1:${server.port}/contract?token=${server.token}`);
    const malformed = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send('not json');
    expect(await malformed).toEqual({
      id: -1,
      result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Malformed contract frame' } },
    });
    const bad = (await call(ws, 2, 'replay:step', { sessionId: 7 })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('INVALID_INPUT');
    expect(await call(ws, 3, 'app:get-info', {})).toMatchObject({ ok: true });
    ws.close();
  });
});

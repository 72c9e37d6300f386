import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TickstepApp } from '../app/open-app';
import { attachContractSocket } from './contract-socket';
import { serveStatic } from './static-files';

export interface BrowserServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer over HTTP plus the contract over a WebSocket, bound to
 * 127.0.0.1 only and guarded by a token made fresh for every run.
 */
export async function startBrowserServer(
  app: TickstepApp,
  options: {
    port: number;
    rendererDir?: string;
    token?: string;
    /** The contract socket's frame cap (default MAX_CONTRACT_FRAME_BYTES); tests pass a small one. */
    maxFrameBytes?: number;
  },
): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = options.rendererDir ?? join(app.ctx.appRoot, 'out', 'renderer');
  const server: Server = createServer((req, res) => serveStatic(rendererDir, req, res));
  let port = 0;
  const wss = attachContractSocket(server, {
    token,
    dispatch: app.dispatch,
    events: app.events,
    port: () => port,
    ...(options.maxFrameBytes ? { maxFrameBytes: options.maxFrameBytes } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Longer request targets are refused (414): no file of the built renderer has a path near this. */
export const MAX_REQUEST_PATH_CHARS = 4096;

/** Where a request target points inside the renderer folder, or the status that refuses it. */
export type StaticTarget = { file: string } | { status: 400 | 403 | 414; message: string };

/**
 * Maps a raw request target (`/assets/app.js?v=1`) to a file under `root`, without ever throwing:
 * a malformed percent-escape or a NUL byte is 400, a `..` segment (raw or escaped, `/` or `\`) is
 * 403, an overlong target is 414. Pure, so it is tested without a server.
 */
export function resolveStaticTarget(root: string, rawUrl: string): StaticTarget {
  if (rawUrl.length > MAX_REQUEST_PATH_CHARS) return { status: 414, message: 'URI Too Long' };
  const pathPart = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!pathPart.startsWith('/')) return { status: 400, message: 'Bad Request' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return { status: 400, message: 'Bad Request: malformed percent-escape' };
  }
  if (decoded.includes('\0')) return { status: 400, message: 'Bad Request' };
  const segments = decoded.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { status: 403, message: 'Forbidden' };
  const base = resolve(root);
  const file = join(base, ...segments);
  if (file !== base && !file.startsWith(base + sep)) return { status: 403, message: 'Forbidden' };
  return { file };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    .end(text);
}

/**
 * Serves the built renderer; every unknown path falls back to index.html (client-side routes).
 * Nothing a client sends makes it throw: bad targets are 4xx, a read failure ends that response.
 */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      plain(res, 405, 'Method Not Allowed');
      return;
    }
    const target = resolveStaticTarget(root, req.url ?? '/');
    if ('status' in target) {
      plain(res, target.status, target.message);
      return;
    }
    let file = target.file;
    if (!isFile(file)) file = join(resolve(root), 'index.html');
    if (!isFile(file)) {
      plain(res, 500, 'The renderer is not built: run `npm run build` first.');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  } catch {
    plain(res, 500, 'Internal Server Error');
  }
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../src/main/browser/static-files';

/** A raw GET: `path` goes on the request line exactly as given (no client-side normalising). */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
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

describe('browser mode static files', () => {
  let root: string;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickstep-static-'));
    root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tickstep</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    server = createServer((req, res) => serveStatic(root, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  it('serves a file, and index.html for client-side routes', async () => {
    expect(await get(port, '/assets/app.js')).toEqual({ status: 200, body: 'console.log(1)' });
    expect((await get(port, '/sessions/12')).body).toContain('<title>Tickstep</title>');
  });

  it('answers 400 to a malformed percent-escape and keeps serving', async () => {
    expect((await get(port, '/%E0%A4%A')).status).toBe(400);
    expect((await get(port, '/%')).status).toBe(400);
    expect((await get(port, '/assets/app.js')).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt']) {
      const { status, body } = await get(port, path);
      expect(body).not.toContain('outside the renderer');
      expect([200, 400, 403]).toContain(status);
    }
  });

  it('answers 400 to a NUL byte, and 405 to a method it does not serve', async () => {
    expect((await get(port, '/assets/app.js%00.png')).status).toBe(400);
    expect((await get(port, '/', 'POST')).status).toBe(405);
  });

  it('survives a bounded fuzz of request paths and still answers afterwards', async () => {
    const next = random(12);
    const pieces = [
      '/',
      '..',
      '.',
      '%',
      '%2',
      '%2e',
      '%2f',
      '%5c',
      '%00',
      '%E0%A4%A',
      '%C0%AF',
      '%FF',
      '\\',
      '//',
      '?',
      '#',
      'a',
      'assets',
      'index.html',
      '~',
      ':',
      '@',
      '%25',
      ';',
      '[',
      ']',
    ];
    const paths: string[] = [
      '//',
      '///x',
      `/${'a'.repeat(60_000)}`,
      `/${'%41'.repeat(5_000)}`,
      '/%',
      '/?%',
      '*',
    ];
    for (let i = 0; i < 300; i++) {
      let path = '/';
      const length = 1 + Math.floor(next() * 12);
      for (let j = 0; j < length; j++) path += pieces[Math.floor(next() * pieces.length)];
      paths.push(path);
    }
    for (const path of paths) {
      const { status, body } = await get(port, path).catch(() => ({ status: 0, body: '' }));
      expect(body).not.toContain('outside the renderer');
      // 431: the request line is larger than Node's header limit; Node refuses it before we see it.
      expect([0, 200, 400, 403, 404, 414, 431]).toContain(status);
    }
    expect(await get(port, '/assets/app.js')).toEqual({ status: 200, body: 'console.log(1)' });
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type TestUser } from './helpers/harness.js';

const h = new Harness();
let admin: TestUser;
beforeAll(async () => {
  await h.start();
  admin = await h.admin();
});
afterAll(() => h.stop());

const md5b64 = (b: Buffer) => createHash('md5').update(b).digest('base64');

function upload(
  u: TestUser,
  id: string,
  body: Buffer,
  opts: { md5?: string; name?: string; type?: string } = {},
) {
  return h.call('PUT', `/support/files/${id}?name=${encodeURIComponent(opts.name ?? 'report.csv')}`, {
    token: u.accessToken,
    raw: body,
    headers: { 'content-type': opts.type ?? 'text/csv', 'content-md5': opts.md5 ?? md5b64(body) },
  });
}

function newRequest(u: TestUser, extra: { attachmentIds?: string[] } = {}) {
  const body = {
    id: randomUUID(),
    subject: 'Replay stops at 2019-03-01',
    message: { id: randomUUID(), content: 'The EURUSD replay stops.', ...extra },
  };
  return { body, send: () => h.call('POST', '/support/requests', { token: u.accessToken, body }) };
}

describe('support requests and messages', () => {
  it('creates a request idempotently from a client-generated id', async () => {
    const u = await h.register();
    const req = newRequest(u);
    const first = await req.send();
    expect(first.status).toBe(201);
    expect(first.body.request).toMatchObject({ id: req.body.id, status: 'OPEN', requesterId: u.id });
    const retry = await req.send();
    expect(retry.status).toBe(200);
    expect(retry.body.created).toBe(false);
    const detail = await h.call('GET', `/support/requests/${req.body.id}`, { token: u.accessToken });
    expect(detail.body.messages).toHaveLength(1);
    const list = await h.call('GET', '/support/requests', { token: u.accessToken });
    expect(list.body.requests).toHaveLength(1);
  });

  it('validates inputs', async () => {
    const u = await h.register();
    const bad = await h.call('POST', '/support/requests', {
      token: u.accessToken,
      body: { id: 'not-a-uuid', subject: '', message: { id: randomUUID(), content: '' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_INPUT');
    expect((await h.call('POST', '/support/requests', { body: newRequest(u).body })).status).toBe(401);
    const r = await newRequest(u).send();
    const st = await h.call('POST', `/support/requests/${r.body.request.id}/status`, {
      token: u.accessToken,
      body: { status: 'DONE' },
    });
    expect(st.status).toBe(400);
  });

  it('user B can neither read nor write user A’s requests, messages or files; an id clash is refused', async () => {
    const a = await h.register('a');
    const b = await h.register('b');
    const file = Buffer.from('time,open\n1,2\n');
    const fileId = randomUUID();
    expect((await upload(a, fileId, file)).status).toBe(201);
    const req = newRequest(a, { attachmentIds: [fileId] });
    const created = await req.send();
    expect(created.status).toBe(201);
    const id = req.body.id;
    expect((await h.call('GET', `/support/requests/${id}`, { token: b.accessToken })).status).toBe(404);
    const write = await h.call('POST', `/support/requests/${id}/messages`, {
      token: b.accessToken,
      body: { id: randomUUID(), content: 'hijack' },
    });
    expect(write.status).toBe(404);
    expect(
      (
        await h.call('POST', `/support/requests/${id}/status`, {
          token: b.accessToken,
          body: { status: 'CLOSED' },
        })
      ).status,
    ).toBe(404);
    expect((await h.call('GET', `/support/files/${fileId}`, { token: b.accessToken })).status).toBe(404);
    const listB = await h.call('GET', '/support/requests', { token: b.accessToken });
    expect(listB.body.requests).toHaveLength(0);
    const changesB = await h.call('GET', '/support/changes?since=0', { token: b.accessToken });
    expect(changesB.body.requests).toHaveLength(0);
    expect(changesB.body.messages).toHaveLength(0);
    // B reusing A's request id or message id, or attaching A's file
    const clash = await h.call('POST', '/support/requests', { token: b.accessToken, body: req.body });
    expect(clash.status).toBe(409);
    const steal = newRequest(b, { attachmentIds: [fileId] });
    expect((await steal.send()).status).toBe(400);
    expect((await upload(b, fileId, file)).status).toBe(409);
  });

  it('admins see and answer every request; replies set PENDING APPROVAL, the user reopens or closes', async () => {
    const u = await h.register();
    const req = newRequest(u);
    await req.send();
    const all = await h.call('GET', '/support/requests', { token: admin.accessToken });
    expect(all.body.requests.map((r: { id: string }) => r.id)).toContain(req.body.id);
    const reply = await h.call('POST', `/support/requests/${req.body.id}/messages`, {
      token: admin.accessToken,
      body: { id: randomUUID(), content: 'Fixed in 1.2; please confirm.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.request.status).toBe('PENDING APPROVAL');
    // users cannot set PENDING APPROVAL themselves
    const p = await h.call('POST', `/support/requests/${req.body.id}/status`, {
      token: u.accessToken,
      body: { status: 'PENDING APPROVAL' },
    });
    expect(p.status).toBe(403);
    const closed = await h.call('POST', `/support/requests/${req.body.id}/status`, {
      token: u.accessToken,
      body: { status: 'CLOSED' },
    });
    expect(closed.body.request.status).toBe('CLOSED');
    const again = await h.call('POST', `/support/requests/${req.body.id}/messages`, {
      token: u.accessToken,
      body: { id: randomUUID(), content: 'Actually it happens again.' },
    });
    expect(again.body.request.status).toBe('OPEN');
    const detail = await h.call('GET', `/support/requests/${req.body.id}`, { token: u.accessToken });
    expect(detail.body.messages.map((m: { senderId: string }) => m.senderId)).toEqual([u.id, admin.id, u.id]);
  });

  it('message writes are idempotent by id', async () => {
    const u = await h.register();
    const req = newRequest(u);
    await req.send();
    const msg = { id: randomUUID(), content: 'second message' };
    const m1 = await h.call('POST', `/support/requests/${req.body.id}/messages`, {
      token: u.accessToken,
      body: msg,
    });
    const m2 = await h.call('POST', `/support/requests/${req.body.id}/messages`, {
      token: u.accessToken,
      body: msg,
    });
    expect(m1.status).toBe(201);
    expect(m2.status).toBe(200);
    expect(m2.body.message.id).toBe(msg.id);
    const detail = await h.call('GET', `/support/requests/${req.body.id}`, { token: u.accessToken });
    expect(detail.body.messages).toHaveLength(2);
  });
});

describe('attachments', () => {
  it('verifies the MD5, stores once, serves the bytes to the requester and admins', async () => {
    const u = await h.register();
    const bytes = Buffer.from('PNG-ish bytes \u0000\u0001\u0002');
    const id = randomUUID();
    const bad = await upload(u, id, bytes, { md5: md5b64(Buffer.from('other')) });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CHECKSUM_MISMATCH');
    const missing = await h.call('PUT', `/support/files/${id}?name=a.png`, {
      token: u.accessToken,
      raw: bytes,
      headers: { 'content-type': 'image/png' },
    });
    expect(missing.status).toBe(400);
    const ok = await upload(u, id, bytes, { type: 'image/png', name: 'shot.png' });
    expect(ok.status).toBe(201);
    expect(ok.body.file).toMatchObject({ id, size: bytes.length, name: 'shot.png' });
    expect((await upload(u, id, bytes, { type: 'image/png', name: 'shot.png' })).status).toBe(200);
    const req = newRequest(u, { attachmentIds: [id] });
    const created = await req.send();
    expect(created.body.message.attachments).toHaveLength(1);
    for (const who of [u, admin]) {
      const res = await fetch(`${h.url}/support/files/${id}`, {
        headers: { authorization: `Bearer ${who.accessToken}` },
      });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    }
    // admin attachment in the user's request is visible to the user
    const adminFile = Buffer.from('admin log');
    const afId = randomUUID();
    await upload(admin, afId, adminFile, { type: 'text/plain', name: 'log.txt' });
    await h.call('POST', `/support/requests/${req.body.id}/messages`, {
      token: admin.accessToken,
      body: { id: randomUUID(), content: 'see log', attachmentIds: [afId] },
    });
    expect((await h.call('GET', `/support/files/${afId}`, { token: u.accessToken })).status).toBe(200);
  });

  it('refuses attachments over the size limit and unsupported types', async () => {
    const s = await h.startServer({ ATTACHMENT_LIMIT_BYTES: '2048' });
    const base = await s.app.listen({ host: '127.0.0.1', port: 0 });
    const u = await h.register();
    const big = Buffer.alloc(4096, 1);
    const r = await h.call('PUT', `/support/files/${randomUUID()}?name=big.bin`, {
      base,
      token: u.accessToken,
      raw: big,
      headers: { 'content-type': 'application/octet-stream', 'content-md5': md5b64(big) },
    });
    expect(r.status).toBe(413);
    const t = await upload(u, randomUUID(), Buffer.from('<html>'), { type: 'text/html' });
    expect(t.status).toBe(415);
  });

  it('refuses attachment names that are a path step or carry a line break', async () => {
    const u = await h.register();
    for (const name of ['..', '.', 'log\r\nX-Injected: 1.csv', 'a/b.csv', 'a\\b.csv']) {
      const r = await upload(u, randomUUID(), Buffer.from('a,b\n'), { name });
      expect(r.status, name).toBe(400);
    }
    expect((await upload(u, randomUUID(), Buffer.from('a,b\n'), { name: 'my..log.csv' })).status).toBe(201);
  });
});

describe('sync: changes since a cursor', () => {
  it('returns each change once, in order, paging with the cursor', async () => {
    const u = await h.register();
    const start = await h.call('GET', '/support/changes?since=0', { token: u.accessToken });
    expect(start.body).toMatchObject({ requests: [], messages: [], hasMore: false });
    const r1 = newRequest(u);
    await r1.send();
    const c1 = await h.call('GET', `/support/changes?since=${start.body.cursor}`, { token: u.accessToken });
    expect(c1.body.requests.map((r: { id: string }) => r.id)).toEqual([r1.body.id]);
    expect(c1.body.messages).toHaveLength(1);
    const c1b = await h.call('GET', `/support/changes?since=${c1.body.cursor}`, { token: u.accessToken });
    expect(c1b.body.requests).toHaveLength(0);
    expect(c1b.body.messages).toHaveLength(0);
    // an admin reply shows up with the request's new status
    await h.call('POST', `/support/requests/${r1.body.id}/messages`, {
      token: admin.accessToken,
      body: { id: randomUUID(), content: 'on it' },
    });
    const c2 = await h.call('GET', `/support/changes?since=${c1.body.cursor}`, { token: u.accessToken });
    expect(c2.body.messages).toHaveLength(1);
    expect(c2.body.requests[0].status).toBe('PENDING APPROVAL');
    // paging: 3 more requests read 2 at a time
    for (let i = 0; i < 3; i++) await newRequest(u).send();
    const seen = new Set<string>();
    let cursor = c2.body.cursor;
    for (let guard = 0; guard < 10; guard++) {
      const page = await h.call('GET', `/support/changes?since=${cursor}&limit=2`, { token: u.accessToken });
      for (const m of page.body.messages) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
      }
      cursor = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    expect(seen.size).toBe(3);
    expect((await h.call('GET', '/support/changes?since=-1', { token: u.accessToken })).status).toBe(400);
  });
});

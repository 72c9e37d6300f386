import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type apiApp as ApiApp, apiApp } from './helpers';

let current: Awaited<ReturnType<typeof ApiApp>> | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await current?.close();
  current = null;
});

type Message = Record<string, unknown> & { type: string };

/** Opens a stream and collects its messages; `next(type)` waits for the next one of that type. */
function open(url: string, key: string, query = '') {
  const ws = new WebSocket(`${url.replace('http', 'ws')}${query}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  sockets.push(ws);
  const messages: Message[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as Message);
    for (const w of waiters.splice(0)) w();
  });
  let read = 0;
  const next = async (type: string, timeoutMs = 5000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (read < messages.length) {
        const m = messages[read++]!;
        if (m.type === type) return m;
      }
      if (Date.now() > deadline)
        throw new Error(`no ${type} message; got ${messages.map((m) => m.type).join(',')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { ws, messages, next, opened };
}

async function session(t: Awaited<ReturnType<typeof ApiApp>>) {
  const created = await t.request('POST', '/v1/sessions', {
    symbol: 'EURUSD',
    startAt: '2019-01-02T00:00:00Z',
    endAt: '2019-01-02T00:20:00Z',
  });
  return created.body.id as string;
}

describe('session stream', () => {
  it('pushes bars, fills, positions, ledger entries and completion to a follower', async () => {
    const t = await apiApp();
    current = t;
    const id = await session(t);
    const s = open(`${t.url}/v1/sessions/${id}/stream`, t.key);
    await s.opened;
    const hello = await s.next('hello');
    expect(hello.mode).toBe('follow');
    await t.request('POST', `/v1/sessions/${id}/orders`, { side: 'BUY', lots: 1 });
    const order = await s.next('order');
    expect((order.order as { status: string }).status).toBe('FILLED');
    await t.request('POST', `/v1/sessions/${id}/step`, { bars: 2 });
    const bar = await s.next('bar');
    expect(bar.cursorTs).toBe(Date.parse('2019-01-02T00:02:00Z') / 1000);
    await s.next('position');
    const positions = await t.request('GET', `/v1/sessions/${id}/positions?status=OPEN`);
    await t.request('POST', `/v1/sessions/${id}/positions/${positions.body[0].id}/close`);
    const ledger = await s.next('ledger');
    expect(ledger.entry).toHaveProperty('balanceAfterCents');
    await t.request('POST', `/v1/sessions/${id}/complete`);
    const done = await s.next('session.completed');
    expect(done.sessionId).toBe(id);
    const clients = (await t.app.dispatch('automation:list-clients', {})) as {
      ok: true;
      value: { status: string }[];
    };
    expect(clients.value[0]!.status).toBe('connected');
  });

  it('lock-step: the replay waits for each ready', async () => {
    const t = await apiApp();
    current = t;
    const id = await session(t);
    const s = open(`${t.url}/v1/sessions/${id}/stream`, t.key, '?mode=lockstep');
    await s.opened;
    expect((await s.next('hello')).mode).toBe('lockstep');
    const first = await s.next('awaiting-ready');
    const t0 = first.cursorTs as number;
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages.filter((m) => m.type === 'bar')).toHaveLength(0);
    for (let i = 1; i <= 3; i++) {
      s.ws.send(JSON.stringify({ type: 'ready' }));
      expect((await s.next('bar')).cursorTs).toBe(t0 + i * 60);
      expect((await s.next('awaiting-ready')).cursorTs).toBe(t0 + i * 60);
    }
    s.ws.send('not json');
    expect((await s.next('error')).code).toBe('INVALID_JSON');
    s.ws.send(JSON.stringify({ type: 'ready', bars: 100 }));
    await s.next('session.completed');
    const snapshot = await t.request('GET', `/v1/sessions/${id}`);
    expect(snapshot.body.status).toBe('COMPLETED');
  });

  it('refuses an upgrade with an Origin, without a key, or without sessions:write for lock-step', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    const url = `${t.url.replace('http', 'ws')}/v1/sessions/x/stream`;
    const status = (ws: WebSocket) =>
      new Promise<number>((resolve) => {
        sockets.push(ws);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => resolve(-1));
      });
    expect(
      await status(
        new WebSocket(url, { headers: { authorization: `Bearer ${t.key}`, origin: 'https://evil.example' } }),
      ),
    ).toBe(403);
    expect(await status(new WebSocket(url))).toBe(401);
    const reader = (await t.app.dispatch('automation:create-key', {
      clientId: t.client.id,
      name: 'r',
      scopes: ['market:read'],
    })) as { ok: true; value: { key: string } };
    expect(
      await status(
        new WebSocket(`${url}?mode=lockstep`, { headers: { authorization: `Bearer ${reader.value.key}` } }),
      ),
    ).toBe(403);
    // The subprotocol carries the key for clients that cannot set headers.
    expect(await status(new WebSocket(url, [`tickstep-key.${t.key}`]))).toBe(101);
  });
});

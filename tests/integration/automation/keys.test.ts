import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { hashApiKey } from '../../../src/main/features/automation';
import { type apiApp as ApiApp, apiApp, call } from './helpers';

let current: Awaited<ReturnType<typeof ApiApp>> | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

describe('automation API keys', () => {
  it('stores only a hash and a prefix, and shows the key once', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    expect(t.key).toMatch(/^tsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(t.key.startsWith(t.apiKey.prefix)).toBe(true);
    const row = t.app.ctx.store.sqlite
      .prepare('select * from automation_api_keys where id = ?')
      .get(t.apiKey.id) as Record<string, unknown>;
    expect(row.key_hash).toBe(hashApiKey(t.key));
    expect(JSON.stringify(row)).not.toContain(t.key);
    const listed = await call(t.app, 'automation:list-keys', {});
    expect(JSON.stringify(listed)).not.toContain(t.key);
  });

  it('refuses a missing, unknown, revoked, expired or out-of-scope key with 401/403, counting use', async () => {
    let now = Math.floor(Date.now() / 1000);
    const t = await apiApp({ importData: false, clock: { nowSeconds: () => now } });
    current = t;
    expect((await t.request('GET', '/v1/sessions', undefined, { authorization: '' })).status).toBe(401);
    const forged = `${t.apiKey.prefix}_${'A'.repeat(43)}`;
    const unknown = await t.request('GET', '/v1/sessions', undefined, { authorization: `Bearer ${forged}` });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('UNAUTHORIZED');

    const readOnly = await call(t.app, 'automation:create-key', {
      clientId: t.client.id,
      name: 'reader',
      scopes: ['market:read'],
      expiresAt: new Date((now + 3600) * 1000).toISOString(),
    });
    const asReader = { authorization: `Bearer ${readOnly.key}` };
    expect((await t.request('GET', '/v1/sessions', undefined, asReader)).status).toBe(200);
    const denied = await t.request(
      'POST',
      '/v1/sessions',
      { symbol: 'EURUSD', startAt: '2019-01-02T00:00:00Z' },
      asReader,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.details.required).toBe('sessions:write');

    now += 3601;
    const expired = await t.request('GET', '/v1/sessions', undefined, asReader);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('KEY_EXPIRED');

    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    await call(t.app, 'automation:revoke-key', { keyId: t.apiKey.id });
    const revoked = await t.request('GET', '/v1/sessions');
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('KEY_REVOKED');

    const keys = await call(t.app, 'automation:list-keys', { clientId: t.client.id });
    const main = keys.find((k) => k.id === t.apiKey.id)!;
    expect(main.isActive).toBe(false);
    expect(main.usageCount).toBe(1);
    expect(main.lastUsedAt).toBe(now);
    const usage = await call(t.app, 'automation:usage', { clientId: t.client.id });
    // 2 of the reader (one refused for scope), 1 of main; the expired and revoked refusals count as failed.
    expect(usage.daily[0]).toMatchObject({ apiCalls: 3, failedRequests: 3 });
    expect((await call(t.app, 'automation:list-clients', {}))[0]!.lastError).toMatch(/^KEY_REVOKED/);
    const audit = await call(t.app, 'automation:audit-log', {});
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['key.created', 'key.revoked', 'client.connected']),
    );
    expect(audit.find((a) => a.action === 'client.connected')!.ipAddress).toMatch(/127\.0\.0\.1/);
  });

  it('rate-limits per key with a token bucket: 429 and Retry-After', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    const slow = await call(t.app, 'automation:create-key', {
      clientId: t.client.id,
      name: 'slow',
      scopes: ['market:read'],
      rateLimitPerMinute: 3,
    });
    const headers = { authorization: `Bearer ${slow.key}` };
    for (let i = 0; i < 3; i++)
      expect((await t.request('GET', '/v1/sessions', undefined, headers)).status).toBe(200);
    const limited = await t.request('GET', '/v1/sessions', undefined, headers);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another key of the same client has its own bucket.
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    const usage = await call(t.app, 'automation:usage', { clientId: t.client.id });
    expect(usage.daily[0]!.apiCalls).toBe(5);
    expect(usage.daily[0]!.failedRequests).toBe(1);
    expect(usage.monthly[0]!.apiCalls).toBe(5);
  });

  it('survives garbage in the Authorization header', async () => {
    const t = await apiApp({ importData: false });
    current = t;
    for (const value of [
      'Bearer',
      'Basic abc',
      `Bearer ${'x'.repeat(5000)}`,
      'Bearer tsk_zz_1',
      `Bearer ${t.key}x`,
    ]) {
      expect((await t.request('GET', '/v1/sessions', undefined, { authorization: value })).status).toBe(401);
    }
    expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
  });
});

describe('tickstep api-keys', () => {
  it('creates (shown once), lists and revokes keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-keys-'));
    try {
      const out: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
      const base = ['--data-dir', dataDir, '--json'];
      expect(
        await runCli(
          ['api-keys', 'create', '--client', 'bot', '--scopes', 'market:read,orders:write', ...base],
          io,
        ),
      ).toBe(0);
      const created = JSON.parse(out.pop()!);
      expect(created.key).toMatch(/^tsk_/);
      expect(created.apiKey.scopes).toEqual(['market:read', 'orders:write']);
      expect(await runCli(['api-keys', 'list', ...base], io)).toBe(0);
      const listed = JSON.parse(out.pop()!);
      expect(listed).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain(created.key);
      expect(await runCli(['api-keys', 'revoke', created.apiKey.prefix, ...base], io)).toBe(0);
      expect(JSON.parse(out.pop()!).isActive).toBe(false);
      expect(await runCli(['api-keys', 'create', '--client', 'bot', '--scopes', 'root', ...base], io)).toBe(
        1,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

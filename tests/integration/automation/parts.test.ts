import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyPrefix, generateApiKey, keyMatches } from '../../../src/main/features/automation/keys';
import { RateLimiter } from '../../../src/main/features/automation/rate-limit';
import { matchRoute, ROUTES } from '../../../src/main/features/automation/routes';
import { DEFAULT_RETRY, retryDelayMs, signWebhook } from '../../../src/main/features/automation/webhooks';
import { methods } from '../../../src/shared/contract';

describe('automation parts', () => {
  it('signs t.body with HMAC-SHA256, Stripe style', () => {
    const body = '{"id":"e1"}';
    const expected = createHmac('sha256', 'whsec_x').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('whsec_x', 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('backs off exponentially up to the maximum', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('refills a token bucket evenly and says when the next token comes', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('k', 60).ok).toBe(true);
    expect(limiter.take('k', 60)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 1000;
    expect(limiter.take('k', 60).ok).toBe(true);
    expect(limiter.take('k', 60).ok).toBe(false);
  });

  it('makes keys with a visible prefix and checks them against the hash only', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(keyMatches(key, hash)).toBe(true);
    expect(keyMatches(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, hash)).toBe(false);
    expect(apiKeyPrefix('tsk_nothex_abc')).toBeNull();
  });

  it('maps every route onto a contract method, with no two routes on the same verb and path', () => {
    const seen = new Set<string>();
    for (const route of ROUTES) {
      expect(Object.hasOwn(methods, route.method)).toBe(true);
      const id = `${route.verb} ${route.path}`;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      const concrete = route.path.replace(/:([A-Za-z]+)/g, 'x');
      const match = matchRoute(route.verb, concrete);
      expect(match.route).toBe(route);
    }
    expect(matchRoute('POST', '/v1/sessions/s/positions/close-all').route?.method).toBe(
      'positions:close-all',
    );
  });
});

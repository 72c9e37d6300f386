import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

describe('server configuration', () => {
  it('has working defaults for local development', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, databaseUrl: undefined, env: 'development' });
    expect(c.plans.map((p) => p.code)).toEqual(['pro', 'team']);
    expect(c.pgliteDir).toMatch(/\.server-data[/\\]pgdata$/);
  });

  it('rejects bad values, listing each one', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
    expect(() => loadConfig({ PLANS_JSON: '[{"code":"x"}]' })).toThrow(/PLANS_JSON/);
    expect(() => loadConfig({ PLANS_JSON: '{' })).toThrow(/PLANS_JSON/);
  });

  it('requires Stripe secrets and a signing key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /STRIPE_SECRET_KEY.*STRIPE_WEBHOOK_SECRET.*SIGNING_KEY_PATH/,
    );
  });

  it('reads plans, origins and the returnTo allow-list from the environment', () => {
    const c = loadConfig({
      APP_ORIGINS: 'app://tickstep, http://localhost:5173',
      MAGIC_LINK_RETURN_TO: 'tickstep://auth',
      PLANS_JSON: JSON.stringify([
        {
          code: 'solo',
          name: 'Solo',
          stripeProductId: 'prod_1',
          stripePriceId: 'price_1',
          currency: 'EUR',
          maxDevices: 1,
          offlineGraceDays: 3,
          features: { reports: true },
        },
      ]),
    });
    expect(c.appOrigins).toEqual(['app://tickstep', 'http://localhost:5173']);
    expect(c.magicLinkReturnTo).toEqual(['tickstep://auth']);
    expect(c.plans[0]).toMatchObject({ code: 'solo', currency: 'eur', maxDevices: 1 });
  });

  it('ships an Ed25519 licence public key in resources/', () => {
    const pem = readFileSync(new URL('../../resources/licence-public-key.pem', import.meta.url), 'utf8');
    expect(createPublicKey(pem).asymmetricKeyType).toBe('ed25519');
  });
});
